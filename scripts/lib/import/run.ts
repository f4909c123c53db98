import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { foldArabic } from "../arabic.ts";
import { slugify } from "../slug.ts";
import type { Article, RawDump, Sidecar } from "./article.ts";
import { RejectedInput } from "./article.ts";
import { lineKey } from "./boilerplate.ts";
import { isByline } from "./extract-author.ts";
import { isDateLine, localDay } from "./extract-date.ts";
import { MANIFEST_NAMES, parseManifest } from "./manifest.ts";
import { normalisedLines } from "./normalise.ts";
import {
  decodeRawDump,
  type Extraction,
  extractArticles,
  formatOf,
  type PipelineContext,
  rejectionReason,
  sourceKey,
} from "./pipeline.ts";
import { isUntouched, serialiseArticle } from "./serialise.ts";

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
  inputs: InputReport[];
  /** Article files whose source dump is no longer in the input folder (left in place). */
  orphans: string[];
}

export interface ImportOptions extends PipelineContext {
  inDir: string;
  outDir: string;
  /** Overwrite article files edited by hand. */
  force?: boolean;
  /** Change nothing; report what an import would do. */
  dryRun?: boolean;
  /** Sees every article the import extracted (the evaluation reads them). */
  onArticle?: (input: InputReport, article: Article) => void;
}

const SIDECAR_SUFFIX = ".meta.json";

export function inputId(file: string, record?: number): string {
  return record === undefined ? file : `${file}:${record}`;
}

export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const files = await listFiles(options.inDir);
  const fileSet = new Set(files);
  const inputs: InputReport[] = [];

  // Metadata given beside the dumps: a manifest for many, a sidecar for one.
  let manifest = new Map<string, Sidecar>();
  for (const name of MANIFEST_NAMES.filter((n) => fileSet.has(n))) {
    try {
      manifest = new Map([
        ...manifest,
        ...parseManifest(name, await readFile(path.join(options.inDir, name), "utf8")),
      ]);
    } catch (error) {
      inputs.push({
        file: name,
        outcome: "rejected",
        reason: rejectionReason(error),
        warnings: [],
      });
    }
  }
  const isMetadata = (f: string) => f.endsWith(SIDECAR_SUFFIX) || MANIFEST_NAMES.includes(f);
  const dumps = files.filter((f) => !isMetadata(f));
  const stem = (f: string) => f.replace(/\.[^./]+$/, "");
  const dumpStems = new Set(dumps.map(stem));
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
    const dump: RawDump = { file, bytes: await readFile(path.join(options.inDir, file)) };
    const sidecarFile = `${stem(file)}${SIDECAR_SUFFIX}`;
    const fromManifest = manifest.get(file);
    const fromSidecar = fileSet.has(sidecarFile)
      ? await readSidecar(options.inDir, sidecarFile)
      : undefined;
    if (fromManifest || fromSidecar) dump.sidecar = { ...fromManifest, ...fromSidecar };
    return dump;
  }

  // The corpus pass: lines that many dumps of one source repeat are furniture.
  const repeatedLines = await findRepeatedLines(dumps, loadDump, options);
  const ctx: PipelineContext = { ...options, repeatedLines };

  const planned: { report: InputReport; article: Article }[] = [];
  const seenContent = new Map<string, string>();
  for (const file of dumps) {
    let extractions: Extraction[];
    try {
      extractions = extractArticles(await loadDump(file), ctx);
    } catch (error) {
      inputs.push({ file, outcome: "rejected", reason: rejectionReason(error), warnings: [] });
      continue;
    }
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
      const key = contentKey(x.article);
      const first = seenContent.get(key);
      if (first !== undefined) {
        report.outcome = "duplicate";
        report.duplicateOf = first;
        continue;
      }
      seenContent.set(key, inputId(file, x.record));
      planned.push({ report, article: x.article });
      options.onArticle?.(report, x.article);
    }
  }

  const existing = await indexExistingArticles(options.outDir);
  const taken = new Set(existing.paths);
  // Paths are decided in input order (sorted), so a run is deterministic.
  for (const { report, article } of planned) {
    const id = inputId(article.source.file, article.source.record);
    const previous = existing.bySource.get(id);
    const text = serialiseArticle(article);
    if (previous && !options.force && !isUntouched(previous.text)) {
      report.outcome = "kept";
      report.article = previous.path;
      if (previous.text !== text) {
        report.warnings.push(
          "edited by hand since the last import: kept as it is (--force overwrites)",
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
    await writeAtomically(insideFolder(options.outDir, target), text);
    if (previous && previous.path !== target) {
      await rm(path.join(options.outDir, previous.path));
      taken.delete(previous.path);
      await removeEmptyParents(options.outDir, previous.path);
    }
  }

  inputs.sort((a, b) => compareStrings(a.file, b.file) || (a.record ?? 0) - (b.record ?? 0));
  const imported = new Set(inputs.map((i) => inputId(i.file, i.record)));
  const orphans = [...existing.bySource.entries()]
    .filter(([source]) => !imported.has(source))
    .map(([, a]) => a.path)
    .sort(compareStrings);
  return { dryRun: options.dryRun ?? false, inputs, orphans };
}

/** Whether content/ is what an import of the inputs would write. */
export function inSync(report: ImportReport): boolean {
  return (
    report.orphans.length === 0 &&
    report.inputs.every((i) => i.outcome !== "imported" && i.outcome !== "updated")
  );
}

function contentKey(article: Article): string {
  return createHash("sha256")
    .update(`${foldArabic(article.title)}\n${article.body.map(foldArabic).join("\n")}`)
    .digest("hex");
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
  for (const file of dumps) {
    if (formatOf(file) !== "text") continue;
    let text: string;
    let dump: RawDump;
    try {
      dump = await load(file);
      text = decodeRawDump(dump, ctx).decoded.text;
    } catch {
      continue; // reported when the dump itself is extracted
    }
    const key = sourceKey(file, dump.sidecar);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
    const seen = new Set<string>();
    for (const line of normalisedLines(text)) {
      if (line === "") continue;
      if (furniture.section(line) !== null) break;
      // Several articles of one day share a date line, several of one writer a byline: never furniture.
      if (isDateLine(line, ctx.dates) || isByline(line)) continue;
      seen.add(lineKey(line));
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
    repeated.set(key, new Set([...group].filter(([, n]) => n >= threshold).map(([line]) => line)));
  }
  return repeated;
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files under a folder, relative, "/"-separated, sorted; hidden files and folders are not inputs. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.push(child);
    }
  }
  await walk("");
  return out.sort(compareStrings);
}

async function readSidecar(inDir: string, file: string): Promise<Sidecar> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path.join(inDir, file), "utf8"));
  } catch (error) {
    throw new RejectedInput(`sidecar ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new RejectedInput(`sidecar ${file} is not a JSON object`);
  }
  const record = data as Record<string, unknown>;
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

interface ExistingArticle {
  path: string;
  text: string;
}

/** What the output folder holds now: every markdown file, and the imported ones by source input. */
async function indexExistingArticles(
  outDir: string,
): Promise<{ paths: string[]; bySource: Map<string, ExistingArticle> }> {
  let paths: string[] = [];
  try {
    paths = (await listFiles(outDir)).filter((f) => f.endsWith(".md"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const bySource = new Map<string, ExistingArticle>();
  for (const rel of paths) {
    const text = await readFile(path.join(outDir, rel), "utf8");
    const source = sourceOf(text);
    if (source) bySource.set(inputId(source.file, source.record), { path: rel, text });
  }
  return { paths, bySource };
}

/** `source.file` (and `source.record`) from a markdown file's front matter, or undefined. */
export function sourceOf(markdown: string): { file: string; record?: number } | undefined {
  const end = markdown.indexOf("\n---\n", 3);
  if (!markdown.startsWith("---\n") || end < 0) return undefined;
  try {
    const fm = YAML.parse(markdown.slice(4, end + 1)) as {
      source?: { file?: unknown; record?: unknown };
    } | null;
    const file = fm?.source?.file;
    if (typeof file !== "string") return undefined;
    const record = fm?.source?.record;
    return typeof record === "number" ? { file, record } : { file };
  } catch {
    return undefined;
  }
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

/** Write to a temporary file beside the target, then rename: readers never see half a file. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const resolved = path.resolve(file);
  await mkdir(path.dirname(resolved), { recursive: true });
  const tmp = `${resolved}.nashra-tmp-${process.pid}`;
  try {
    await writeFile(tmp, text, "utf8");
    await rename(tmp, resolved);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
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
