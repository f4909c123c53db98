import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { frontMatterLine, isUntouched, sourceOf, sourceShaOf } from "../article-file.ts";
import { fileStamp, listFiles } from "../files.ts";
import { slugify } from "../slug.ts";
import type { Article } from "./article.ts";
import { localDay } from "./extract-date.ts";
import { type InputReport, inputId } from "./report.ts";

/**
 * The placing stage: where each extracted article goes in content/, given
 * what content/ holds. An article keeps its file while its folder is right; a
 * file edited by hand is kept; a dump moved within the input folder keeps its
 * article. Decisions only: write.ts carries them out.
 */

export interface ExistingArticle {
  path: string;
  /** The file's text: read when first asked if its facts came from the last run. */
  readonly text: string;
  /** Whether the file is as the importer wrote it (isUntouched). */
  untouched: boolean;
  /** The checksum of its dump, as its front matter gives it. */
  sourceSha: string | undefined;
}

/**
 * What the import needs to know of an article file without its text, kept
 * for the next run with the file's stamp (fileStamp, taken before it was read).
 */
export interface ArticleFileFacts {
  stamp: string;
  /** Its source input ("file" or "file:record"); "" for a file no import wrote. */
  source: string;
  untouched: boolean;
  sourceSha?: string;
}

export interface ExistingArticles {
  /** Every markdown file of the output folder. */
  paths: string[];
  /** The imported ones, by source input ("file" or "file:record"). */
  bySource: Map<string, ExistingArticle>;
  /** Second files for a source that already has one. */
  copies: ExistingArticle[];
  /** Each file's facts with its stamp, for the next run (files changed too recently left out). */
  facts: Map<string, ArticleFileFacts>;
}

/** An article the import would write, with its line in the report. */
export interface PlannedArticle {
  report: InputReport;
  article: Article;
  text: string;
}

export type Placement =
  | { action: "none" }
  | { action: "write"; target: string; previous?: ExistingArticle };

/**
 * What the output folder holds now: every markdown file, and the imported ones
 * by source input. A file whose stamp is the one `known` has (the last run's)
 * is not read: its facts are the last run's, its text is read if asked for.
 */
export async function indexExistingArticles(
  outDir: string,
  known: Readonly<Record<string, ArticleFileFacts>> = {},
  now = Date.now(),
): Promise<ExistingArticles> {
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
  const facts = new Map<string, ArticleFileFacts>();
  for (const rel of paths) {
    const file = path.join(outDir, rel);
    // The stamp first: a file changed while it is read is read again next run.
    const stamp = fileStamp(file, now);
    const cached = known[rel];
    let article: ExistingArticle;
    let source: string;
    if (stamp !== "" && cached?.stamp === stamp) {
      source = cached.source;
      article = existingArticle(rel, cached, () => readFileSync(file, "utf8"));
      facts.set(rel, cached);
    } else {
      const text = readFileSync(file, "utf8");
      const id = sourceOf(text);
      source = id ? inputId(id.file, id.record) : "";
      const sha = sourceShaOf(text);
      article = { path: rel, text, untouched: isUntouched(text), sourceSha: sha };
      if (stamp !== "")
        facts.set(rel, {
          stamp,
          source,
          untouched: article.untouched,
          ...(sha ? { sourceSha: sha } : {}),
        });
    }
    if (!source) continue;
    const first = bySource.get(source);
    // Two files for one source (an import killed between writing a moved article and
    // deleting its old file, or a copy by hand): the one edited by hand is the article.
    if (first && !(first.untouched && !article.untouched)) copies.push(article);
    else {
      if (first) copies.push(first);
      bySource.set(source, article);
    }
  }
  return { paths, bySource, copies, facts };
}

/** An article file known by its facts, read only when its text is asked for. */
function existingArticle(
  rel: string,
  facts: ArticleFileFacts,
  read: () => string,
): ExistingArticle {
  let text: string | undefined;
  return {
    path: rel,
    get text() {
      text ??= read();
      return text;
    },
    untouched: facts.untouched,
    sourceSha: facts.sourceSha,
  };
}

/**
 * A dump moved within the input folder (into a source's sub-folder, say) is the
 * same dump: its article is the one whose source is gone and whose checksum it has.
 */
export function articlesOfMovedDumps(
  existing: ExistingArticles,
  inputFiles: ReadonlySet<string>,
): Map<string, { id: string; article: ExistingArticle }> {
  const gone = new Map<string, { id: string; article: ExistingArticle }>();
  for (const [id, a] of existing.bySource) {
    const sha = a.sourceSha;
    if (sha && !inputFiles.has(id.replace(/:\d+$/, "")) && !gone.has(sha))
      gone.set(sha, { id, article: a });
  }
  return gone;
}

/**
 * Whether `--force` (everything) or `--force-file` (these article or dump
 * paths) overwrites this article: an empty list forces nothing.
 */
export function isForced(
  force: boolean | readonly string[] | undefined,
  articlePath: string,
  sourceFile: string,
): boolean {
  return (
    force === true ||
    (Array.isArray(force) && (force.includes(articlePath) || force.includes(sourceFile)))
  );
}

/**
 * Decides what becomes of one article: its report's outcome and file, and
 * whether anything is written. `taken` (paths in use) and `moved` (sources
 * whose article a moved dump took over) carry over from one article to the next:
 * articles are placed in input order, so a run is deterministic.
 */
export function placeArticle(
  { report, article, text }: PlannedArticle,
  existing: ExistingArticles,
  gone: ReadonlyMap<string, { id: string; article: ExistingArticle }>,
  moved: Set<string>,
  taken: Set<string>,
  force: boolean | readonly string[] | undefined,
): Placement {
  const id = inputId(article.source.file, article.source.record);
  let previous = existing.bySource.get(id);
  const from = previous ? undefined : gone.get(article.source.sha256);
  if (from && !moved.has(from.id)) {
    previous = from.article;
    moved.add(from.id);
    report.warnings.push(`moved from ${from.id}: the same dump, the same article file`);
  }
  const forced = previous !== undefined && isForced(force, previous.path, article.source.file);
  if (previous && !forced && !previous.untouched) {
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
    return { action: "none" };
  }
  const target = choosePath(article, previous?.path, taken);
  taken.add(target);
  report.article = target;
  if (previous?.path === target && previous.text === text) return { action: "none" };
  report.outcome = previous ? "updated" : "imported";
  return previous ? { action: "write", target, previous } : { action: "write", target };
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
