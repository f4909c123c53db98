import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { slugify } from "../slug.ts";
import type { Article, RawDump, Sidecar } from "./article.ts";
import { RejectedInput } from "./article.ts";
import { localDay } from "./extract-date.ts";
import { extractArticle, type PipelineContext, rejectionReason } from "./pipeline.ts";
import { isUntouched, serialiseArticle } from "./serialise.ts";

/**
 * The import's edges: read the input folder, compare with what content/
 * already holds, write what changed atomically, and account for every input.
 */

export type Outcome =
  | "imported" // a new article file
  | "updated" // the article file changed (dump or importer changed)
  | "unchanged"
  | "kept" // the article file was edited by hand: left as it is
  | "rejected";

export interface InputReport {
  file: string;
  outcome: Outcome;
  /** Article file, relative to the output folder. */
  article?: string;
  reason?: string;
  warnings: string[];
}

export interface ImportReport {
  inputs: InputReport[];
  /** Article files whose source dump is no longer in the input folder (left in place). */
  orphans: string[];
}

export interface ImportOptions extends PipelineContext {
  inDir: string;
  outDir: string;
  /** Overwrite article files edited by hand. */
  force?: boolean;
}

const SIDECAR_SUFFIX = ".meta.json";

export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const files = await listFiles(options.inDir);
  const fileSet = new Set(files);
  const dumps = files.filter((f) => !f.endsWith(SIDECAR_SUFFIX));
  const existing = await indexExistingArticles(options.outDir);
  const taken = new Set(existing.paths);

  const inputs: InputReport[] = [];
  const planned: { report: InputReport; article: Article }[] = [];

  for (const file of dumps) {
    try {
      const dump: RawDump = { file, bytes: await readFile(path.join(options.inDir, file)) };
      const sidecarFile = `${file.replace(/\.[^./]+$/, "")}${SIDECAR_SUFFIX}`;
      if (fileSet.has(sidecarFile)) dump.sidecar = await readSidecar(options.inDir, sidecarFile);
      const { article, warnings } = extractArticle(dump, options);
      const report: InputReport = { file, outcome: "unchanged", warnings };
      planned.push({ report, article });
      inputs.push(report);
    } catch (error) {
      inputs.push({ file, outcome: "rejected", reason: rejectionReason(error), warnings: [] });
    }
  }
  // Sidecars without a dump are reported, not silently ignored.
  for (const file of files.filter((f) => f.endsWith(SIDECAR_SUFFIX))) {
    const base = file.slice(0, -SIDECAR_SUFFIX.length);
    if (!dumps.some((d) => d.replace(/\.[^./]+$/, "") === base)) {
      inputs.push({
        file,
        outcome: "rejected",
        reason: "sidecar without a dump beside it",
        warnings: [],
      });
    }
  }

  // Paths are decided in input order (sorted), so a run is deterministic.
  for (const { report, article } of planned) {
    const previous = existing.bySource.get(article.source.file);
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
    await writeAtomically(insideFolder(options.outDir, target), text);
    if (previous && previous.path !== target) {
      await rm(path.join(options.outDir, previous.path));
      taken.delete(previous.path);
      await removeEmptyParents(options.outDir, previous.path);
    }
    report.outcome = previous ? "updated" : "imported";
  }

  inputs.sort((a, b) => compareStrings(a.file, b.file));
  const seen = new Set(dumps);
  const orphans = [...existing.bySource.entries()]
    .filter(([source]) => !seen.has(source))
    .map(([, a]) => a.path)
    .sort(compareStrings);
  return { inputs, orphans };
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

/** What the output folder holds now: every markdown file, and the imported ones by source dump. */
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
    const source = sourceFileOf(text);
    if (source) bySource.set(source, { path: rel, text });
  }
  return { paths, bySource };
}

/** `source.file` from a markdown file's front matter, or undefined. */
export function sourceFileOf(markdown: string): string | undefined {
  const end = markdown.indexOf("\n---\n", 3);
  if (!markdown.startsWith("---\n") || end < 0) return undefined;
  try {
    const fm = YAML.parse(markdown.slice(4, end + 1)) as { source?: { file?: unknown } } | null;
    const file = fm?.source?.file;
    return typeof file === "string" ? file : undefined;
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
 * holds that name, the slug plus a short hash of its source file name — stable
 * whatever order dumps arrive in.
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
  const hash = createHash("sha256").update(article.source.file).digest("hex").slice(0, 8);
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
