import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { compareStrings, fileStamp, readFileStamped } from "../files.ts";
import { type RawDump, RejectedInput, type Sidecar } from "./article.ts";
import { hashOf } from "./cache.ts";
import type { DecodedDump } from "./decode.ts";
import { MAX_JSON_DEPTH, nestsTooDeep } from "./json-depth.ts";
import { MANIFEST_NAMES, parseManifest, TEXT_FIELDS } from "./manifest.ts";
import { IMAGE_FILE } from "./media.ts";
import { rejectionReason, sourceKey } from "./pipeline.ts";
import type { InputReport } from "./report.ts";

/**
 * The first stage of a run: what the input folder holds. Dumps, the metadata
 * given beside them (a manifest for many, a `NAME.meta.json` sidecar for one),
 * and every entry that cannot be imported, each with its reason.
 */

const SIDECAR_SUFFIX = ".meta.json";

export interface InputFolder {
  /** Every file, sorted. */
  files: string[];
  fileSet: ReadonlySet<string>;
  /** The files to extract articles from (not metadata). */
  dumps: string[];
  /** Entries not read and metadata that cannot be used, with their reasons. */
  rejected: InputReport[];
  /** A dump's bytes with its metadata (manifest, then sidecar). */
  loadDump: (file: string) => Promise<RawDump>;
  /** Lets go of the dumps held between passes. */
  release: () => void;
  /**
   * Keeps a dump's text with the dump, when the dump is held and the budget
   * allows: its extraction then does not decode it again (RawDump.decoded).
   */
  keepDecoded: (dump: RawDump, decoded: DecodedDump) => void;
  /**
   * What says a dump and its metadata are those read last time without reading them:
   * the stamps (fileStamp) of the dump and its sidecar, and its manifest entry; ""
   * when a file was changed too recently to be trusted (it is read). A dump read
   * carries the same, taken as it was read (RawDump.stamp).
   */
  stampOf: (file: string) => string;
}

/** What a run holds in memory between its passes. */
export interface HeldBudget {
  /** Bytes of dumps; past it, a dump is read again. */
  bytes: number;
  /**
   * Their text (two bytes a character); past it, a dump is decoded again. A
   * budget of its own: a text kept spares a decoding, a dump's bytes kept spare
   * a read, and neither displaces the other (at 100,000 dumps the bytes fill
   * theirs before the workers send any text back).
   */
  text: number;
}
const HELD: HeldBudget = { bytes: 256 * 2 ** 20, text: 256 * 2 ** 20 };

export async function readInputFolder(
  inDir: string,
  /** The time now, in ms, for the racy-file check of the dumps' stamps (fileStamp). */
  now = Date.now(),
  budget: HeldBudget = HELD,
): Promise<InputFolder> {
  const { files, unread } = await listInputs(inDir);
  const fileSet = new Set(files);
  const rejected: InputReport[] = [...unread];

  let manifest = new Map<string, Sidecar>();
  const unreadableManifests: string[] = [];
  for (const name of MANIFEST_NAMES.filter((n) => fileSet.has(n))) {
    try {
      manifest = new Map([
        ...manifest,
        ...parseManifest(name, await readFile(path.join(inDir, name), "utf8")),
      ]);
    } catch (error) {
      unreadableManifests.push(name);
      rejected.push({
        file: name,
        outcome: "rejected",
        reason: rejectionReason(error),
        warnings: [],
      });
    }
  }
  const isMetadata = (f: string) => f.endsWith(SIDECAR_SUFFIX) || MANIFEST_NAMES.includes(f);
  const assets = pageAssets(files);
  let dumps = files.filter((f) => !isMetadata(f) && !assets.has(f));
  // Which dumps an unreadable manifest speaks for cannot be known: importing them without
  // it would undo its titles and dates. As with a broken sidecar, they wait, untouched.
  if (unreadableManifests.length > 0) {
    const reason = `not imported: ${unreadableManifests.join(", ")} cannot be read; fix it and import again (articles left as they are)`;
    for (const file of dumps) rejected.push({ file, outcome: "rejected", reason, warnings: [] });
    dumps = [];
  }
  const stem = (f: string) => f.replace(/\.[^./]+$/, "");
  /** Where a dump's sidecar would be: `NAME.meta.json` beside `NAME.txt`. */
  const sidecarOf = (dump: string) => `${stem(dump)}${SIDECAR_SUFFIX}`;
  const dumpStems = new Set(files.filter((f) => !isMetadata(f) && !assets.has(f)).map(stem));
  for (const file of files.filter((f) => f.endsWith(SIDECAR_SUFFIX))) {
    if (!dumpStems.has(file.slice(0, -SIDECAR_SUFFIX.length))) {
      rejected.push({
        file,
        outcome: "rejected",
        reason: "sidecar without a dump beside it",
        warnings: [],
      });
    }
  }
  for (const file of manifest.keys()) {
    if (!fileSet.has(file)) {
      rejected.push({
        file,
        outcome: "rejected",
        reason: "named in the manifest, but no such file",
        warnings: [],
      });
    }
  }

  async function readDump(file: string): Promise<RawDump> {
    // Dumps are small: a synchronous read costs less than the promise machinery around an
    // async one. Their stamps come with the reads (the stat a read makes anyway).
    const read = readFileStamped(path.join(inDir, file), now);
    const dump: RawDump = { file, bytes: read.bytes };
    const sidecarFile = sidecarOf(file);
    const fromManifest = manifest.get(file);
    const sidecar = fileSet.has(sidecarFile) ? readSidecar(inDir, sidecarFile, now) : undefined;
    if (fromManifest || sidecar) dump.sidecar = { ...fromManifest, ...sidecar?.fields };
    dump.stamp = combinedStamp(file, read.stamp, sidecar ? sidecar.stamp : "-");
    return dump;
  }

  /** A dump's stamp, its sidecar's ("-": none) and its manifest line, or "" if a file is too recent. */
  function combinedStamp(file: string, dumpStamp: string, sidecarStamp: string): string {
    if (dumpStamp === "" || sidecarStamp === "") return "";
    return `${dumpStamp}|${sidecarStamp}|${hashOf(JSON.stringify(manifest.get(file) ?? null))}`;
  }

  // A run looks at a dump up to three times (its identity, the corpus pass, extraction):
  // dumps are held between the passes, up to a budget, so that each is read once.
  const held = new Map<string, Promise<RawDump>>();
  const heldDumps = new WeakSet<RawDump>();
  let heldBytes = 0;
  let heldTextBytes = 0;
  function loadDump(file: string): Promise<RawDump> {
    const kept = held.get(file);
    if (kept) return kept;
    const loading = readDump(file);
    if (heldBytes < budget.bytes) {
      held.set(file, loading);
      loading.then(
        (dump) => {
          heldBytes += dump.bytes.length;
          heldDumps.add(dump);
        },
        () => {}, // the caller reports it
      );
    }
    return loading;
  }

  function keepDecoded(dump: RawDump, decoded: DecodedDump): void {
    const bytes = 2 * decoded.text.length;
    if (!heldDumps.has(dump) || dump.decoded || heldTextBytes + bytes > budget.text) return;
    dump.decoded = decoded;
    heldTextBytes += bytes;
  }

  function stampOf(file: string): string {
    const sidecarFile = sidecarOf(file);
    return combinedStamp(
      file,
      fileStamp(path.join(inDir, file), now),
      fileSet.has(sidecarFile) ? fileStamp(path.join(inDir, sidecarFile), now) : "-",
    );
  }

  return {
    files,
    fileSet,
    dumps,
    rejected,
    loadDump,
    release: () => {
      held.clear();
      heldBytes = 0;
      heldTextBytes = 0;
    },
    keepDecoded,
    stampOf,
  };
}

/**
 * Files that are not dumps but what a dump may point at: images anywhere, and
 * every file of a page saved with its files («Save page, complete»:
 * `NAME.html` beside `NAME_files/`).
 */
export function pageAssets(files: readonly string[]): Set<string> {
  const pages = new Set(
    files.filter((f) => /\.x?html?$/i.test(f)).map((f) => f.replace(/\.[^./]+$/, "")),
  );
  const assets = new Set<string>();
  for (const file of files) {
    if (IMAGE_FILE.test(file)) {
      assets.add(file);
      continue;
    }
    // Any folder on the way named NAME_files beside NAME.html.
    const parts = file.split("/");
    for (let i = 0; i < parts.length - 1; i++) {
      const folder = parts.slice(0, i + 1).join("/");
      if (folder.endsWith("_files") && pages.has(folder.slice(0, -"_files".length))) {
        assets.add(file);
        break;
      }
    }
  }
  return assets;
}

/** A dump's identity — its bytes and metadata — and the source it belongs to. */
export interface DumpIdentity {
  input: string;
  group: string;
  /** Its stamp (InputFolder.stampOf), when it can be trusted next time. */
  stamp?: string;
}

/**
 * Each readable dump's identity (one that cannot be read is reported when it is
 * extracted); `known` gives those the last run read, unchanged since (not read again).
 */
export async function identifyDumps(
  dumps: readonly string[],
  load: (file: string) => Promise<RawDump>,
  known: (file: string) => DumpIdentity | undefined = () => undefined,
): Promise<Map<string, DumpIdentity>> {
  const info = new Map<string, DumpIdentity>();
  const unknown: string[] = [];
  for (const file of dumps) {
    const identity = known(file);
    if (identity) info.set(file, identity);
    else unknown.push(file);
  }
  for await (const [file, loaded] of inOrder(unknown, load)) {
    if (loaded instanceof Error) continue;
    info.set(file, {
      input: hashOf(loaded.bytes, JSON.stringify(loaded.sidecar ?? {})),
      group: sourceKey(file, loaded.sidecar),
      ...(loaded.stamp ? { stamp: loaded.stamp } : {}),
    });
  }
  // In the dumps' order, whichever way each was known.
  return new Map(dumps.flatMap((f) => (info.has(f) ? [[f, info.get(f) as DumpIdentity]] : [])));
}

/** Files read this many at a time, ahead of the (single-threaded) parsing. */
const READ_AHEAD = 64;

/**
 * Loads items with up to READ_AHEAD reads in flight and yields them in their
 * order, so the disk works while the previous dumps are parsed. A failed load
 * is yielded as its Error.
 */
export async function* inOrder<T>(
  items: readonly string[],
  load: (item: string) => Promise<T>,
): AsyncGenerator<[string, T | Error]> {
  const pending: Promise<T | Error>[] = [];
  const start = (i: number) => {
    pending[i] = load(items[i] as string).catch((e: unknown) =>
      e instanceof Error ? e : new Error(String(e)),
    );
  };
  for (let i = 0; i < Math.min(READ_AHEAD, items.length); i++) start(i);
  for (let i = 0; i < items.length; i++) {
    const value = await (pending[i] as Promise<T | Error>);
    delete pending[i];
    if (i + READ_AHEAD < items.length) start(i + READ_AHEAD);
    yield [items[i] as string, value];
  }
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The input folder's files, as listFiles, and the entries an import does not
 * read, each with its reason: a symbolic link (not followed: an input folder
 * is what is archived, not what it points to) and a name that is not UTF-8
 * (a name no article can cite; Node would read it back under another name).
 */
export async function listInputs(
  root: string,
): Promise<{ files: string[]; unread: InputReport[] }> {
  const files: string[] = [];
  const unread: InputReport[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(path.join(root, rel), {
      withFileTypes: true,
      encoding: "buffer",
    });
    for (const entry of entries) {
      let name: string;
      try {
        name = UTF8.decode(entry.name);
      } catch {
        const shown = rel ? `${rel}/${entry.name.toString("utf8")}` : entry.name.toString("utf8");
        const reason = "the file name is not valid UTF-8: rename it";
        unread.push({ file: shown, outcome: "rejected", reason, warnings: [] });
        continue;
      }
      if (name.startsWith(".")) continue;
      const child = rel ? `${rel}/${name}` : name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) files.push(child);
      else if (entry.isSymbolicLink()) {
        const reason = "a symbolic link: not followed (copy the file itself into the folder)";
        unread.push({ file: child, outcome: "skipped", reason, warnings: [] });
      }
    }
  }
  await walk("");
  files.sort(compareStrings);
  unread.sort((a, b) => compareStrings(a.file, b.file));
  return { files, unread };
}

/** A sidecar's fields: the manifest's (text) and its tags. */
const SIDECAR_FIELDS: readonly string[] = [...TEXT_FIELDS, "tags"];

function readSidecar(inDir: string, file: string, now: number): { fields: Sidecar; stamp: string } {
  let data: unknown;
  const read = readFileStamped(path.join(inDir, file), now);
  const text = read.bytes.toString("utf8");
  if (nestsTooDeep(text))
    throw new RejectedInput(`sidecar ${file} is JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RejectedInput(`sidecar ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new RejectedInput(`sidecar ${file} is not a JSON object`);
  }
  const record = data as Record<string, unknown>;
  // A misspelt field («date» for «published») would be ignored without a word.
  const unknown = Object.keys(record).filter((k) => !SIDECAR_FIELDS.includes(k));
  if (unknown.length > 0) {
    throw new RejectedInput(
      `sidecar ${file}: unknown field ${unknown.map((k) => `"${k}"`).join(", ")} (the fields are ${SIDECAR_FIELDS.join(", ")})`,
    );
  }
  const sidecar: Sidecar = {};
  for (const key of TEXT_FIELDS) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string")
      throw new RejectedInput(`sidecar ${file}: "${key}" must be a string`);
    sidecar[key] = value;
  }
  if (record.tags !== undefined) {
    if (!Array.isArray(record.tags) || !record.tags.every((t) => typeof t === "string")) {
      throw new RejectedInput(`sidecar ${file}: "tags" must be a list of strings`);
    }
    sidecar.tags = record.tags;
  }
  return { fields: sidecar, stamp: read.stamp };
}
