import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { compareStrings, listFiles } from "../import/run.ts";
import { repoRoot } from "../paths.ts";

/**
 * The search index, in shards: one Pagefind index per year of articles (and
 * one for undated articles), each a complete Pagefind bundle under
 * `<site>/pagefind/<shard>/`, listed newest first in `pagefind/shards.json`.
 *
 * Why shards: Pagefind holds every page of an index in memory while it builds
 * (~210 KB a page: 21 GB for 100,000), cannot update an index, and its
 * `mergeIndex` does not keep a global date order. A year's shard stays small,
 * shards are indexed one per core, a shard whose pages did not change is
 * copied from the cache instead of indexed again, and the browser merges the
 * shards itself (scripts/lib/search/client.ts): newest first is the shards in
 * order, relevance is a merge by score.
 */

export interface Shard {
  /** "2025", …, or "undated". */
  id: string;
  /** Bundle folder under the site, e.g. "/pagefind/2025/". */
  path: string;
  pages: number;
}

export interface IndexSiteOptions {
  expectedPages: number;
  /** Where shard bundles are kept between builds, by content hash; none: always index. */
  cacheDir?: string;
  /** How many shards are indexed at once (default: one per core). */
  concurrency?: number;
  /** Index only these shards (a part of a build split across machines). */
  onlyShards?: string[];
}

export interface IndexSiteResult {
  shards: Shard[];
  pageCount: number;
  /** Shards indexed in this run (the others came from the cache). */
  indexed: string[];
}

/** Files of a Pagefind bundle the search page never loads (Pagefind's own UIs). */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;

const SHARD_OF_ARTICLE = /^articles\/(\d{4}|undated)\//;

/** The search shard an article page belongs to, by its URL: "/articles/2025/11/x/" → "2025". */
export function shardOfArticleUrl(url: string): string | undefined {
  return SHARD_OF_ARTICLE.exec(url.replace(/^\//, ""))?.[1];
}

/** Shards in the order the browser searches them: newest year first, undated last. */
export function compareShards(a: string, b: string): number {
  return a === "undated" ? 1 : b === "undated" ? -1 : compareStrings(b, a);
}

export async function indexSite(
  siteDir: string,
  options: IndexSiteOptions,
): Promise<IndexSiteResult> {
  const files = (await listFiles(path.join(siteDir, "articles"))).filter((f) =>
    f.endsWith(".html"),
  );
  const byShard = new Map<string, string[]>();
  for (const file of files) {
    const id = SHARD_OF_ARTICLE.exec(`articles/${file}`)?.[1];
    if (!id || (options.onlyShards && !options.onlyShards.includes(id))) continue;
    const list = byShard.get(id);
    if (list) list.push(`articles/${file}`);
    else byShard.set(id, [`articles/${file}`]);
  }
  const ids = [...byShard.keys()].sort(compareShards);

  const root = path.join(siteDir, "pagefind");
  await rm(root, { recursive: true, force: true });
  const indexed: string[] = [];
  const shards: Shard[] = [];
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const pages = byShard.get(id) as string[];
      const target = path.join(root, id);
      const cached = options.cacheDir
        ? path.join(options.cacheDir, `${id}-${await shardHash(siteDir, pages)}`)
        : undefined;
      if (!cached || !(await exists(cached))) {
        await indexShard(siteDir, id, pages.length, cached ?? target);
        indexed.push(id);
      }
      if (cached) await linkTree(cached, target);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, options.concurrency ?? os.availableParallelism()) }, worker),
  );
  for (const id of ids)
    shards.push({
      id,
      path: `/pagefind/${id}/`,
      pages: await indexedPageCount(path.join(root, id)),
    });

  const pageCount = shards.reduce((n, s) => n + s.pages, 0);
  if (pageCount !== options.expectedPages) {
    throw new Error(
      `Pagefind indexed ${pageCount} pages but the archive has ${options.expectedPages} articles`,
    );
  }
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, "shards.json"), `${JSON.stringify({ shards }, null, 1)}\n`);
  return { shards, pageCount, indexed: indexed.sort(compareStrings) };
}

/**
 * Indexes one shard's pages (by a glob on the site folder) into a bundle
 * folder, written atomically. Each shard is its own Pagefind process: the
 * Node API's single service indexes one shard at a time, while two processes
 * use both cores (measured: 11 shards of 10,000 pages in 37 s through the
 * service, in about two thirds of that as two processes).
 */
async function indexShard(
  siteDir: string,
  id: string,
  expected: number,
  outDir: string,
): Promise<void> {
  const tmp = `${outDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    await run(
      PAGEFIND,
      ["--site", siteDir, "--glob", `articles/${id}/**/*.html`, "--output-path", tmp, "--quiet"],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`Pagefind (shard ${id}): ${(e.stderr || e.stdout || e.message).trim()}`);
  }
  for (const name of await readdir(tmp)) if (UNUSED.test(name)) await rm(path.join(tmp, name));
  const pages = await indexedPageCount(tmp);
  if (pages !== expected)
    throw new Error(`Pagefind indexed ${pages} of the ${expected} pages of shard ${id}`);
  await mkdir(path.dirname(outDir), { recursive: true });
  try {
    await rename(tmp, outDir);
  } catch (error) {
    // Another build wrote the same content-addressed shard meanwhile: keep theirs.
    if (!(await exists(outDir))) throw error;
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The Pagefind binary of the installed `pagefind` package (its npm bin). */
const PAGEFIND = path.join(repoRoot, "node_modules", ".bin", "pagefind");
const run = promisify(execFile);

/**
 * A cached shard into the site: hard links (a cached bundle is never changed
 * in place, so sharing its files is safe and costs no copying), or copies
 * where the file system cannot link.
 */
async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target);
    else {
      try {
        await link(source, target);
      } catch {
        await copyFile(source, target);
      }
    }
  }
}

/**
 * A shard's identity: its pages' paths and what Pagefind reads of them, and
 * the Pagefind version. A page's related articles or neighbour links change
 * as the archive grows; they lie outside the indexed element, so such a
 * change does not send the shard to Pagefind again.
 */
async function shardHash(siteDir: string, pages: string[]): Promise<string> {
  const hash = createHash("sha256").update(`pagefind ${await pagefindVersion()}\n`);
  for (const page of pages) {
    hash.update(`${page}\n`);
    hash.update(indexedPart(readFileSync(path.join(siteDir, page), "utf8")));
    hash.update("\n\0\n");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * What Pagefind indexes of a page: the `<html>` tag (its language) and the
 * one element marked `data-pagefind-body`. Content outside that element
 * does not change the bundle (checked: a test changes a page outside it and
 * compares bundles), unless it carries Pagefind attributes of its own — then,
 * and whenever the element cannot be delimited, the whole page counts.
 */
export function indexedPart(html: string): string {
  const marker = html.indexOf("data-pagefind-body");
  const open = html.lastIndexOf("<", marker);
  const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(open))?.[1];
  const htmlTag = /<html\b[^>]*>/i.exec(html)?.[0];
  if (
    marker < 0 ||
    open < 0 ||
    !name ||
    !htmlTag ||
    html.indexOf("data-pagefind-body", marker + 1) >= 0
  ) {
    return html;
  }
  const tags = new RegExp(`<(/?)${name}\\b[^>]*>`, "gi");
  tags.lastIndex = open;
  let depth = 0;
  let end = -1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      end = m.index + m[0].length;
      break;
    }
  }
  if (end < 0) return html;
  const outside = html.slice(0, open) + html.slice(end);
  if (outside.includes("data-pagefind-")) return html;
  return `${htmlTag}\n${html.slice(open, end)}`;
}

let version: string | undefined;
async function pagefindVersion(): Promise<string> {
  version ??= (
    JSON.parse(
      await readFile(path.join(repoRoot, "node_modules/pagefind/package.json"), "utf8"),
    ) as { version: string }
  ).version;
  return version;
}

async function exists(p: string): Promise<boolean> {
  try {
    await readdir(p);
    return true;
  } catch {
    return false;
  }
}

/** Pages in a written Pagefind bundle, all languages together. */
export async function indexedPageCount(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(bundleDir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, lang) => sum + lang.page_count, 0);
}
