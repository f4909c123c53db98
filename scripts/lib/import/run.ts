import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { frontMatterLine, isUntouched, sourceOf, sourceShaOf } from "../article-file.ts";
import { compareStrings, listFiles, writeAtomically } from "../files.ts";
import { parseRedirects, REDIRECTS_FILE, serialiseRedirects, withMoves } from "../redirects.ts";
import { slugify } from "../slug.ts";
import type { Article, RawDump, Sidecar } from "./article.ts";
import { RejectedInput } from "./article.ts";
import {
  type CachedDump,
  cacheFileFor,
  emptyCache,
  ensureCacheDir,
  hashOf,
  hashOfAll,
  type ImportCache,
  knowledgeHash,
  loadCache,
} from "./cache.ts";
import { isByline } from "./extract-author.ts";
import { isDateLine, localDay } from "./extract-date.ts";
import type { WorkerInput, WorkerReply, WorkerRequest, WorkerResult } from "./extract-worker.ts";
import { MAX_JSON_DEPTH, nestsTooDeep } from "./json-depth.ts";
import { MANIFEST_NAMES, parseManifest } from "./manifest.ts";
import { normalisedLines } from "./normalise.ts";
import {
  decodeRawDump,
  extractArticles,
  formatOf,
  type PipelineContext,
  rejectionReason,
  sourceKey,
} from "./pipeline.ts";
import { contentKey, type Prepared, prepare } from "./prepare.ts";
import { serialiseArticle } from "./serialise.ts";

/**
 * The import's edges: read the input folder, find the lines every dump of a
 * source repeats, compare with what content/ already holds, write what
 * changed atomically, and account for every input.
 */

export type Outcome =
  | "imported" // a new article file
  | "updated" // the article file changed (dump or importer changed)
  | "unchanged"
  | "kept" // the article file was edited by hand: left as it is
  | "duplicate" // the same article as an earlier input: not imported again
  | "skipped" // not read, by design (a symbolic link): said, not an error
  | "rejected";

export interface InputReport {
  file: string;
  /** For JSON Lines (or a JSON list): the record within the file. */
  record?: number;
  outcome: Outcome;
  /** Article file, relative to the output folder. */
  article?: string;
  reason?: string;
  /** For a duplicate: the input it repeats ("file" or "file:record"). */
  duplicateOf?: string;
  warnings: string[];
}

export interface ImportReport {
  /** True when nothing was written (`--check`). */
  dryRun: boolean;
  /** Temporary files an interrupted import left in the output folder, removed by this one. */
  staleTemporaryFiles?: string[];
  /**
   * Second article files for a source that already has one: removed when
   * untouched (a stale copy), left in place when edited by hand.
   */
  duplicateFiles?: string[];
  /** Inputs whose article was confirmed from the cache, without extraction. */
  reused: number;
  inputs: InputReport[];
  /** Article files whose source dump is no longer in the input folder (left in place). */
  orphans: string[];
}

export interface ImportOptions extends PipelineContext {
  inDir: string;
  outDir: string;
  /**
   * Overwrite article files edited by hand: all of them (true), or only these
   * (article paths relative to the output folder, or input files).
   */
  force?: boolean | readonly string[];
  /** Change nothing; report what an import would do. */
  dryRun?: boolean;
  /** Sees every article the import extracted (the evaluation reads them). */
  onArticle?: (input: InputReport, article: Article) => void;
  /** Worker threads for extraction; by default one per core from 2,000 dumps on. */
  workers?: number;
  /** Where the re-import cache lives (default: .cache/import/ by output folder); null: no cache. */
  cacheFile?: string | null;
}

const SIDECAR_SUFFIX = ".meta.json";

export function inputId(file: string, record?: number): string {
  return record === undefined ? file : `${file}:${record}`;
}

/** Another import is writing to the same folder. */
export class FolderLocked extends Error {}

/**
 * Runs an import. One import at a time writes to an output folder (a lock
 * file in it, `.nashra-import.lock`, names the process); the temporary files
 * an interrupted import left there are removed first.
 */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  if (options.dryRun) return importFolder(options);
  const release = await lockFolder(options.outDir);
  try {
    const stale = await removeStaleTemporaryFiles(options.outDir);
    const report = await importFolder(options);
    return stale.length > 0 ? { ...report, staleTemporaryFiles: stale } : report;
  } finally {
    await release();
  }
}

const LOCK = ".nashra-import.lock";
const TEMPORARY = /\.nashra-tmp-\d+$/;

/** Takes the folder's lock, or fails naming the import that holds it; a dead process's lock is taken over. */
async function lockFolder(outDir: string): Promise<() => Promise<void>> {
  const file = path.join(outDir, LOCK);
  try {
    await mkdir(outDir, { recursive: true });
  } catch {
    // A folder that cannot be made cannot be written: each input will say so.
    return async () => {};
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return () => rm(file, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") return async () => {}; // read-only, full: inputs will say so
      const pid = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new FolderLocked(
          `another import (process ${pid}) is writing to ${outDir}; wait for it to finish, or remove ${file} if it is gone`,
        );
      }
      await rm(file, { force: true }); // left by an import that was killed
    }
  }
  throw new FolderLocked(`could not take the lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Deletes `*.nashra-tmp-PID` files under the folder (only its lock holder writes there). */
async function removeStaleTemporaryFiles(outDir: string): Promise<string[]> {
  const stale: string[] = [];
  let entries: string[];
  try {
    entries = (await readdir(outDir, { recursive: true })).map(String);
  } catch {
    return stale;
  }
  for (const rel of entries.sort(compareStrings)) {
    if (!TEMPORARY.test(rel)) continue;
    await rm(path.join(outDir, rel), { force: true });
    stale.push(rel.split(path.sep).join("/"));
  }
  return stale;
}

async function importFolder(options: ImportOptions): Promise<ImportReport> {
  const { files, unread } = await listInputs(options.inDir);
  const fileSet = new Set(files);
  const inputs: InputReport[] = [...unread];

  // Metadata given beside the dumps: a manifest for many, a sidecar for one.
  let manifest = new Map<string, Sidecar>();
  const unreadableManifests: string[] = [];
  for (const name of MANIFEST_NAMES.filter((n) => fileSet.has(n))) {
    try {
      manifest = new Map([
        ...manifest,
        ...parseManifest(name, await readFile(path.join(options.inDir, name), "utf8")),
      ]);
    } catch (error) {
      unreadableManifests.push(name);
      inputs.push({
        file: name,
        outcome: "rejected",
        reason: rejectionReason(error),
        warnings: [],
      });
    }
  }
  const isMetadata = (f: string) => f.endsWith(SIDECAR_SUFFIX) || MANIFEST_NAMES.includes(f);
  let dumps = files.filter((f) => !isMetadata(f));
  // Which dumps an unreadable manifest speaks for cannot be known: importing them without
  // it would undo its titles and dates. As with a broken sidecar, they wait, untouched.
  if (unreadableManifests.length > 0) {
    const reason = `not imported: ${unreadableManifests.join(", ")} cannot be read; fix it and import again (articles left as they are)`;
    for (const file of dumps) inputs.push({ file, outcome: "rejected", reason, warnings: [] });
    dumps = [];
  }
  const stem = (f: string) => f.replace(/\.[^./]+$/, "");
  const dumpStems = new Set(files.filter((f) => !isMetadata(f)).map(stem));
  for (const file of files.filter((f) => f.endsWith(SIDECAR_SUFFIX))) {
    if (!dumpStems.has(file.slice(0, -SIDECAR_SUFFIX.length))) {
      inputs.push({
        file,
        outcome: "rejected",
        reason: "sidecar without a dump beside it",
        warnings: [],
      });
    }
  }
  for (const file of manifest.keys()) {
    if (!fileSet.has(file)) {
      inputs.push({
        file,
        outcome: "rejected",
        reason: "named in the manifest, but no such file",
        warnings: [],
      });
    }
  }

  async function loadDump(file: string): Promise<RawDump> {
    // Dumps are small: a synchronous read costs less than the promise machinery around an async one.
    const dump: RawDump = { file, bytes: readFileSync(path.join(options.inDir, file)) };
    const sidecarFile = `${stem(file)}${SIDECAR_SUFFIX}`;
    const fromManifest = manifest.get(file);
    const fromSidecar = fileSet.has(sidecarFile)
      ? await readSidecar(options.inDir, sidecarFile)
      : undefined;
    if (fromManifest || fromSidecar) dump.sidecar = { ...fromManifest, ...fromSidecar };
    return dump;
  }

  const cacheFile =
    options.cacheFile === null ? undefined : (options.cacheFile ?? cacheFileFor(options.outDir));
  const cache = cacheFile ? await loadCache(cacheFile) : emptyCache();
  const knowledge = knowledgeHash();
  const existing = await indexExistingArticles(options.outDir);

  // Each dump's identity (bytes and metadata) and source.
  const info = new Map<string, { input: string; group: string }>();
  for await (const [file, loaded] of inOrder(dumps, loadDump)) {
    if (loaded instanceof Error) continue; // reported when the dump is extracted
    info.set(file, {
      input: hashOf(loaded.bytes, JSON.stringify(loaded.sidecar ?? {})),
      group: sourceKey(file, loaded.sidecar),
    });
  }

  // The corpus pass: lines that many dumps of one source repeat are furniture.
  // A source whose dumps are the same as last time keeps its lines from the cache.
  const groups = new Map<string, string[]>();
  for (const file of dumps.filter((f) => formatOf(f) === "text" && info.has(f))) {
    const { group } = info.get(file) as { group: string };
    const list = groups.get(group);
    if (list) list.push(file);
    else groups.set(group, [file]);
  }
  const composition = new Map<string, string>();
  for (const [group, members] of groups) {
    composition.set(group, hashOfAll(members.flatMap((f) => [f, info.get(f)?.input ?? ""])));
  }
  const stale = [...groups]
    .filter(([g]) => cache.sources[g]?.composition !== composition.get(g))
    .flatMap(([, m]) => m);
  const fresh = await findRepeatedLines(stale, loadDump, options);
  const repeatedLines = new Map<string, Set<string>>();
  for (const group of groups.keys()) {
    const cached = cache.sources[group];
    const lines =
      cached && cached.composition === composition.get(group)
        ? new Set(cached.lines)
        : (fresh.get(group) ?? new Set<string>());
    repeatedLines.set(group, lines);
  }
  const furnitureHash = new Map(
    [...repeatedLines].map(([g, lines]) => [g, hashOfAll([...lines].sort(compareStrings))]),
  );
  const ctx: PipelineContext = { ...options, repeatedLines };

  // A dump whose input, knowledge and source furniture are unchanged, and whose
  // article file nobody touched, already has the article extraction would write.
  const reusable = (file: string): CachedDump | undefined => {
    const c = cache.dumps[file];
    const i = info.get(file);
    const previous = existing.bySource.get(file);
    if (!c || !i || !previous || options.force) return undefined;
    const format = formatOf(file);
    if (format !== "text" && format !== "html") return undefined;
    if (
      c.input !== i.input ||
      c.knowledge !== knowledge ||
      c.furniture !== (furnitureHash.get(i.group) ?? "")
    ) {
      return undefined;
    }
    return isUntouched(previous.text) ? c : undefined;
  };
  const reused = new Map<string, CachedDump>();
  for (const file of dumps) {
    const c = reusable(file);
    if (c) reused.set(file, c);
  }
  const toExtract = dumps.filter((f) => !reused.has(f));

  const planned: { report: InputReport; article: Article; text: string }[] = [];
  const seenContent = new Map<string, string>();
  const remember: Record<string, CachedDump> = {};
  const workers =
    options.workers ?? (toExtract.length >= PARALLEL_FROM ? availableParallelism() : 1);
  const extracted =
    workers > 1
      ? extractInWorkers(toExtract, loadDump, repeatedLines, workers)
      : extractHere(toExtract, loadDump, ctx);
  const results = new Map<string, Extracted>();
  for await (const [file, outcome] of extracted) results.set(file, outcome);

  for (const file of dumps) {
    const hit = reused.get(file);
    if (hit) {
      const report: InputReport = {
        file,
        outcome: "unchanged",
        article: (existing.bySource.get(file) as ExistingArticle).path,
        warnings: [...hit.warnings],
      };
      inputs.push(report);
      const first = seenContent.get(hit.key);
      if (first !== undefined) {
        report.outcome = "duplicate";
        report.duplicateOf = first;
        delete report.article;
        continue;
      }
      seenContent.set(hit.key, file);
      remember[file] = hit;
      continue;
    }
    const outcome = results.get(file) as Extracted;
    if ("reason" in outcome) {
      inputs.push({ file, outcome: "rejected", reason: outcome.reason, warnings: [] });
      continue;
    }
    const extractions = outcome.extractions;
    for (const x of extractions) {
      const report: InputReport = {
        file,
        ...(x.record !== undefined ? { record: x.record } : {}),
        outcome: "unchanged",
        warnings: x.warnings,
      };
      inputs.push(report);
      if (!x.article) {
        report.outcome = "rejected";
        report.reason = x.reason ?? "unreadable";
        continue;
      }
      // The same article dumped twice (other masthead, ticker, boilerplate) is imported once.
      const key = x.key ?? contentKey(x.article);
      const first = seenContent.get(key);
      if (first !== undefined) {
        report.outcome = "duplicate";
        report.duplicateOf = first;
        continue;
      }
      seenContent.set(key, inputId(file, x.record));
      planned.push({ report, article: x.article, text: x.text ?? serialiseArticle(x.article) });
      options.onArticle?.(report, x.article);
      const i = info.get(file);
      if (i && x.record === undefined) {
        remember[file] = {
          input: i.input,
          knowledge,
          furniture: furnitureHash.get(i.group) ?? "",
          key,
          warnings: x.warnings,
        };
      }
    }
  }

  const taken = new Set(existing.paths);
  // Second files for one source: an untouched one is only a stale copy of the import's own
  // output and goes; one edited by hand stays, and is reported (the site would show both).
  const duplicateFiles: string[] = [];
  // Article files this run moved (old path, new path): their old URLs redirect.
  const movedFiles: [string, string][] = [];
  for (const copy of existing.copies) {
    if (isUntouched(copy.text) && !options.dryRun) {
      await rm(path.join(options.outDir, copy.path), { force: true });
      taken.delete(copy.path);
      await removeEmptyParents(options.outDir, copy.path);
      // The copy's URL was the article's (a move cut short): it redirects too.
      const id = sourceOf(copy.text);
      const kept = id && existing.bySource.get(inputId(id.file, id.record));
      if (kept) movedFiles.push([copy.path, kept.path]);
    }
    duplicateFiles.push(copy.path);
  }
  // A dump moved within the input folder (into a source's sub-folder, say) is the same
  // dump: its article is the one whose source is gone and whose checksum it has.
  const gone = new Map<string, { id: string; article: ExistingArticle }>();
  for (const [id, a] of existing.bySource) {
    const sha = sourceShaOf(a.text);
    if (sha && !fileSet.has(id.replace(/:\d+$/, "")) && !gone.has(sha))
      gone.set(sha, { id, article: a });
  }
  const moved = new Set<string>();
  // Paths are decided in input order (sorted), so a run is deterministic.
  for (const { report, article, text } of planned) {
    const id = inputId(article.source.file, article.source.record);
    let previous = existing.bySource.get(id);
    const from = previous ? undefined : gone.get(article.source.sha256);
    if (from && !moved.has(from.id)) {
      previous = from.article;
      moved.add(from.id);
      report.warnings.push(`moved from ${from.id}: the same dump, the same article file`);
    }
    const forced =
      options.force === true ||
      (Array.isArray(options.force) &&
        previous !== undefined &&
        (options.force.includes(previous.path) || options.force.includes(article.source.file)));
    if (previous && !forced && !isUntouched(previous.text)) {
      report.outcome = "kept";
      report.article = previous.path;
      // The report speaks of the file as it is, not of the article the import would write.
      report.warnings = report.warnings.filter((w) => w !== "no date");
      if (!frontMatterLine(previous.text, "date")) report.warnings.unshift("no date");
      if (previous.text !== text) {
        const differ = ["title", "date", "author", "tags", "section"].filter(
          (key) => frontMatterLine(previous.text, key) !== frontMatterLine(text, key),
        );
        report.warnings.push(
          `edited by hand since the last import: kept as it is${differ.length > 0 ? ` (the import would change ${differ.join(", ")})` : ""}; --force-file ${previous.path} overwrites it`,
        );
      }
      continue;
    }
    const target = choosePath(article, previous?.path, taken);
    taken.add(target);
    report.article = target;
    if (previous?.path === target && previous.text === text) continue;
    report.outcome = previous ? "updated" : "imported";
    if (options.dryRun) continue;
    try {
      await writeAtomically(insideFolder(options.outDir, target), text);
    } catch (error) {
      // A full or read-only disk: this input says so, and the others are still tried.
      report.outcome = "rejected";
      report.reason = `not written to ${target}: ${fileSystemError(error)}`;
      delete report.article;
      continue;
    }
    if (previous && previous.path !== target) {
      await rm(path.join(options.outDir, previous.path));
      taken.delete(previous.path);
      await removeEmptyParents(options.outDir, previous.path);
      movedFiles.push([previous.path, target]);
    }
  }
  if (!options.dryRun) await recordMoves(options.outDir, movedFiles, taken);

  if (cacheFile && !options.dryRun) {
    // Only what this run wrote or confirmed is remembered; hand-kept files are asked again next time.
    for (const report of inputs) if (report.outcome === "kept") delete remember[report.file];
    const sources: ImportCache["sources"] = {};
    for (const [group, lines] of repeatedLines) {
      sources[group] = {
        composition: composition.get(group) ?? "",
        lines: [...lines].sort(compareStrings),
      };
    }
    // The cache only saves time next run: a cache that cannot be written is not kept.
    try {
      await ensureCacheDir(cacheFile);
      await writeAtomically(
        cacheFile,
        JSON.stringify({ dumps: remember, sources } satisfies ImportCache),
      );
    } catch {
      await rm(cacheFile, { force: true }).catch(() => {});
    }
  }

  inputs.sort((a, b) => compareStrings(a.file, b.file) || (a.record ?? 0) - (b.record ?? 0));
  const imported = new Set(
    inputs
      .filter((i) => i.article !== undefined || i.outcome === "rejected")
      .map((i) => inputId(i.file, i.record)),
  );
  const orphans = [...existing.bySource.entries()]
    .filter(([source]) => !imported.has(source) && !moved.has(source))
    .map(([, a]) => a.path)
    .sort(compareStrings);
  return {
    dryRun: options.dryRun ?? false,
    inputs,
    orphans,
    reused: reused.size,
    ...(duplicateFiles.length > 0 ? { duplicateFiles: duplicateFiles.sort(compareStrings) } : {}),
  };
}

/** Whether content/ is what an import of the inputs would write. */
export function inSync(report: ImportReport): boolean {
  return (
    report.orphans.length === 0 &&
    (report.duplicateFiles ?? []).length === 0 &&
    report.inputs.every((i) => i.outcome !== "imported" && i.outcome !== "updated")
  );
}

/** A source needs this many dumps before its repeated lines are judged. */
const MIN_SOURCE_DUMPS = 3;

/**
 * Lines that at least 3 dumps of one source (and 5% of them) print before
 * their first section heading: a site's slogan, share bar, footer, sidebar.
 * Sections (related headlines, tickers) are not counted, so an article's
 * headline listed as "related" under other articles is never mistaken for
 * one; nor are date lines and bylines, which articles of one day or one
 * writer share.
 */
async function findRepeatedLines(
  dumps: string[],
  load: (file: string) => Promise<RawDump>,
  ctx: PipelineContext,
): Promise<Map<string, Set<string>>> {
  const counts = new Map<string, Map<string, number>>();
  const sizes = new Map<string, number>();
  const furniture = ctx.boilerplate.furnitureFor({});
  for await (const [file, loaded] of inOrder(
    dumps.filter((f) => formatOf(f) === "text"),
    load,
  )) {
    let text: string;
    const dump = loaded;
    try {
      if (dump instanceof Error) throw dump;
      text = decodeRawDump(dump, ctx).decoded.text;
    } catch {
      continue; // reported when the dump itself is extracted
    }
    const key = sourceKey(file, dump.sidecar);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
    // Counted as written (cheap); only lines that repeat enough are examined below.
    const seen = new Set<string>();
    for (const line of normalisedLines(text)) {
      if (line === "") continue;
      if (furniture.section(line) !== null) break;
      seen.add(line);
    }
    const group = counts.get(key) ?? new Map<string, number>();
    for (const k of seen) group.set(k, (group.get(k) ?? 0) + 1);
    counts.set(key, group);
  }
  const repeated = new Map<string, Set<string>>();
  for (const [key, group] of counts) {
    const size = sizes.get(key) ?? 0;
    if (size < MIN_SOURCE_DUMPS) continue;
    const threshold = Math.max(MIN_SOURCE_DUMPS, Math.ceil(size * 0.05));
    const lines = new Set<string>();
    for (const [line, n] of group) {
      // Several articles of one day share a date line, several of one writer a byline: never furniture.
      if (n >= threshold && !isDateLine(line, ctx.dates) && !isByline(line)) lines.add(line);
    }
    repeated.set(key, lines);
  }
  return repeated;
}

/**
 * A worker runs TypeScript through tsx: it registers tsx's loader, then
 * imports the worker module (a worker does not inherit the parent's loader).
 */
const TSX_API = pathToFileURL(
  path.join(
    path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")),
    "dist/esm/api/index.mjs",
  ),
).href;
const TS_WORKER = `import(${JSON.stringify(TSX_API)})
  .then((tsx) => tsx.register())
  .then(() => import(${JSON.stringify(new URL("./extract-worker.ts", import.meta.url).href)}));`;

/** From this many dumps on, extraction runs in worker threads (one per core). */
const PARALLEL_FROM = 2000;
/** Dumps sent to a worker at a time. */
const CHUNK = 250;

type Extracted = { extractions: Prepared[] } | { reason: string };

async function* extractHere(
  dumps: string[],
  load: (file: string) => Promise<RawDump>,
  ctx: PipelineContext,
): AsyncGenerator<[string, Extracted]> {
  for await (const [file, loaded] of inOrder(dumps, load)) {
    try {
      if (loaded instanceof Error) throw loaded;
      yield [file, { extractions: extractArticles(loaded, ctx).map(prepare) }];
    } catch (error) {
      yield [file, { reason: rejectionReason(error) }];
    }
  }
}

/**
 * Extraction on several cores: chunks of dumps go to worker threads, results
 * come back in input order, so a run is the same whatever the number of workers.
 */
async function* extractInWorkers(
  dumps: string[],
  load: (file: string) => Promise<RawDump>,
  repeatedLines: Map<string, Set<string>>,
  count: number,
): AsyncGenerator<[string, Extracted]> {
  const workerData: WorkerInput = {
    repeatedLines: [...repeatedLines].map(([k, v]) => [k, [...v]]),
  };
  const pool = Array.from(
    { length: count },
    () => new Worker(TS_WORKER, { eval: true, workerData }),
  );
  const chunks: string[][] = [];
  for (let i = 0; i < dumps.length; i += CHUNK) chunks.push(dumps.slice(i, i + CHUNK));
  const results: Promise<WorkerResult[]>[] = [];
  let nextChunk = 0;
  const run = (worker: Worker): void => {
    if (nextChunk >= chunks.length) return;
    const id = nextChunk++;
    const files = chunks[id] as string[];
    results[id] = (async () => {
      const loaded = await Promise.all(files.map((f) => load(f).catch((e: unknown) => e as Error)));
      const failed = new Map<number, string>();
      const request: WorkerRequest = { id, dumps: [] };
      loaded.forEach((d, i) => {
        if (d instanceof Error) failed.set(i, rejectionReason(d));
        else request.dumps.push(d);
      });
      const reply = await new Promise<WorkerReply>((resolve, reject) => {
        const onMessage = (message: WorkerReply) => {
          if (message.id !== id) return;
          worker.off("message", onMessage);
          worker.off("error", reject);
          resolve(message);
        };
        worker.on("message", onMessage);
        worker.once("error", reject);
        worker.postMessage(request);
      });
      run(worker);
      const out: WorkerResult[] = [];
      let k = 0;
      for (let i = 0; i < files.length; i++) {
        const reason = failed.get(i);
        out.push(reason !== undefined ? { reason } : (reply.results[k++] as WorkerResult));
      }
      return out;
    })();
  };
  try {
    for (const worker of pool) run(worker);
    for (let c = 0; c < chunks.length; c++) {
      const chunkResults = await (results[c] as Promise<WorkerResult[]>);
      for (const [i, file] of (chunks[c] as string[]).entries())
        yield [file, chunkResults[i] as Extracted];
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Files read this many at a time, ahead of the (single-threaded) parsing. */
const READ_AHEAD = 64;

/**
 * Loads items with up to READ_AHEAD reads in flight and yields them in their
 * order, so the disk works while the previous dumps are parsed. A failed load
 * is yielded as its Error.
 */
async function* inOrder<T>(
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

const SIDECAR_FIELDS = ["title", "published", "author", "url", "lang", "section", "tags"];

async function readSidecar(inDir: string, file: string): Promise<Sidecar> {
  let data: unknown;
  const text = await readFile(path.join(inDir, file), "utf8");
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
  for (const key of ["title", "published", "author", "url", "lang", "section"] as const) {
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
  return sidecar;
}

/** Adds this run's moves to the folder's redirects file (scripts/lib/redirects.ts), if anything changes. */
async function recordMoves(
  outDir: string,
  movedFiles: readonly [string, string][],
  live: ReadonlySet<string>,
): Promise<void> {
  const file = path.join(outDir, REDIRECTS_FILE);
  let before = "";
  try {
    before = await readFile(file, "utf8");
  } catch {
    if (movedFiles.length === 0) return;
  }
  const moves = withMoves(before ? parseRedirects(before) : new Map(), movedFiles, live);
  const after = moves.size > 0 ? serialiseRedirects(moves) : "";
  if (after === before) return;
  if (after) await writeAtomically(file, after);
  else await rm(file, { force: true });
}

interface ExistingArticle {
  path: string;
  text: string;
}

/** What the output folder holds now: every markdown file, and the imported ones by source input. */
async function indexExistingArticles(
  outDir: string,
): Promise<{ paths: string[]; bySource: Map<string, ExistingArticle>; copies: ExistingArticle[] }> {
  let paths: string[] = [];
  try {
    paths = (await listFiles(outDir)).filter((f) => f.endsWith(".md"));
  } catch (error) {
    // No folder yet (or a path that cannot be one): nothing there; writing will say why it fails.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
  }
  const bySource = new Map<string, ExistingArticle>();
  const copies: ExistingArticle[] = [];
  for (const rel of paths) {
    const text = readFileSync(path.join(outDir, rel), "utf8");
    const source = sourceOf(text);
    if (!source) continue;
    const id = inputId(source.file, source.record);
    const first = bySource.get(id);
    // Two files for one source (an import killed between writing a moved article and
    // deleting its old file, or a copy by hand): the one edited by hand is the article.
    if (first && !(isUntouched(first.text) && !isUntouched(text))) copies.push({ path: rel, text });
    else {
      if (first) copies.push(first);
      bySource.set(id, { path: rel, text });
    }
  }
  return { paths, bySource, copies };
}

/** Folder of an article: its year and month, or "undated". */
export function articleFolder(article: Article): string {
  if (!article.date) return "undated";
  const day = localDay(article.date);
  return `${day.slice(0, 4)}/${day.slice(5, 7)}`;
}

/**
 * Where an article goes. An article keeps the file it already has while its
 * folder is right; a new one takes its title's slug, or, when another article
 * holds that name, the slug plus a short hash of its source — stable whatever
 * order dumps arrive in.
 */
export function choosePath(
  article: Article,
  current: string | undefined,
  taken: ReadonlySet<string>,
): string {
  const folder = articleFolder(article);
  const slug = slugify(article.title);
  if (current && path.posix.dirname(current) === folder) {
    const name = path.posix.basename(current, ".md");
    if (name === slug || new RegExp(`^${slug}-[0-9a-f]{8}(?:-\\d+)?$`, "u").test(name))
      return current;
  }
  const plain = `${folder}/${slug}.md`;
  if (!taken.has(plain)) return plain;
  const hash = createHash("sha256")
    .update(inputId(article.source.file, article.source.record))
    .digest("hex")
    .slice(0, 8);
  for (let n = 1; ; n++) {
    const candidate = `${folder}/${slug}-${hash}${n > 1 ? `-${n}` : ""}.md`;
    if (!taken.has(candidate) || candidate === current) return candidate;
  }
}

/** A path under root; throws if a relative path would leave it (defence in depth: slugs cannot). */
export function insideFolder(root: string, rel: string): string {
  const base = path.resolve(root);
  const full = path.resolve(base, rel);
  if (!full.startsWith(base + path.sep))
    throw new Error(`refusing to write outside ${root}: ${rel}`);
  return full;
}

/** A file-system failure in a reader's words: «no space left on the disk (ENOSPC)». */
export function fileSystemError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    ENOSPC: "no space left on the disk",
    EROFS: "the file system is read-only",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOTDIR: "a part of the path is a file, not a folder",
    EISDIR: "a folder is in the way",
    EDQUOT: "disk quota exceeded",
  };
  return e.code
    ? `${words[e.code] ?? e.message.split("\n")[0]} (${e.code})`
    : String(e.message ?? e);
}

async function removeEmptyParents(root: string, rel: string): Promise<void> {
  let dir = path.posix.dirname(rel);
  while (dir !== "." && dir !== "") {
    try {
      await rmdir(path.join(root, dir));
    } catch {
      return; // not empty
    }
    dir = path.posix.dirname(dir);
  }
}
