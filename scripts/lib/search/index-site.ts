import { execFile } from "node:child_process";
import { createHash, type Hash, hash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { compareStrings, listFiles, writeAtomically } from "../files.ts";
import { repoRoot } from "../paths.ts";
import { pagefindEnvironment } from "./pagefind-memory.ts";
import { type ArchiveVocabulary, aliasField, procliticForms } from "./proclitics.ts";
import { packIds, unpackIds } from "./vocabulary.ts";

/**
 * The search index, in shards: each a complete Pagefind bundle of a run of
 * dates (small years together, a year, or a run of months of a large year;
 * undated articles with the oldest years) under `<site>/pagefind/<shard>/`,
 * listed newest first in `pagefind/shards.json`.
 *
 * Why shards: Pagefind holds every page of an index in memory while it builds
 * (~0.3 MB a page measured here) and cannot update an index. Shards stay
 * under 5,000 pages, are indexed one per core, a shard whose pages did not
 * change is copied from the cache instead of indexed again, and the browser
 * merges them into one instance (scripts/browser/search-client.ts: relevance
 * is Pagefind's merged ranking; newest first is the shards in order, each
 * filtered to itself, since a merged search ranks by score, not by date).
 */

export interface Shard {
  /**
   * "2025", a run of small years ("2016-2019"), a run of months of a large
   * year named by its newest month ("2025-12"), "undated", or a run of
   * undated articles ("undated-1", "undated-2", …): see planShards.
   */
  id: string;
  /** The years of its articles, newest first (the search page's year filter reads only the shards that hold the year). */
  years: string[];
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
  /**
   * The archive's words (readArchiveVocabulary of content/articles): they
   * decide which bare forms of proclitic words are indexed (proclitics.ts).
   * None: no bare forms.
   */
  vocabulary?: ArchiveVocabulary | Promise<ArchiveVocabulary>;
  /** Pages under articles/ that are not articles (redirect pages at old URLs), e.g. "articles/undated/x/index.html". */
  notArticles?: readonly string[];
  /**
   * Each page's render key (URL → key, the build's render plan): a page whose
   * key is the one recorded with its facts in the cache is the same page, so
   * it is not read again to decide whether its shard changed. None: every page
   * is read.
   */
  pageKeys?: Readonly<Record<string, string>>;
  /**
   * Index every page as this language (Pagefind's --force-language). By
   * default the vocabulary's main language (the archive's, not the
   * interface's), as `indexLanguage` maps it: "und" for a language the search
   * folds itself. Neither: each page's `<html lang>`.
   */
  language?: string;
  /**
   * The page facts of `cacheDir` read ahead (readPageFactsAhead), while the
   * build waited for its article pages; none: read here.
   */
  knownFacts?: Promise<KnownFacts>;
  /**
   * Shard pages written while the build waited for its article pages
   * (writeShardPagesAhead), each from the page as the last build left it:
   * those whose key is unchanged are not read and written again.
   */
  ahead?: Promise<PagesAhead[]>;
  /** The time now, in ms: cached bundles unused for an hour before it are removed (tests set it). */
  now?: number;
  /**
   * Page keys that come in two steps, instead of `pageKeys`: an update renders
   * the article pages of its new articles' shards first (render-plan.ts,
   * Phase), and those shards are prepared and indexed with `firstKeys` (their
   * pages' keys) as soon as they come, while the other article pages are
   * keyed and rendered; the other shards with `allKeys`. `pages`: every
   * article page, which the keys would otherwise tell.
   */
  staged?: {
    pages: readonly string[];
    first: ReadonlySet<string>;
    firstKeys: Promise<Readonly<Record<string, string>>>;
    allKeys: Promise<Readonly<Record<string, string>>>;
  };
}

export interface IndexSiteResult {
  shards: Shard[];
  pageCount: number;
  /** Shards indexed in this run (the others came from the cache). */
  indexed: string[];
  /** Of their pages, those written ahead (IndexSiteOptions.ahead), not read and written again. */
  writtenAhead: number;
}

/** Files of a Pagefind bundle the search page never loads (Pagefind's own UIs). */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;

const SHARD_OF_ARTICLE = /^articles\/(\d{4}|undated)\//;

/**
 * Most pages in one shard. Pagefind holds the pages of an index in memory
 * while it builds it (measured: about 0.3 MB a page), and one Pagefind runs
 * per core: 5,000 pages keep that under 2 GB a process.
 */
export const SHARD_PAGES = 5000;

/**
 * Most pages of older years that share a shard. Each shard costs a reader
 * its metadata and, for every query word, its own index chunks (≈ 20 KB a
 * word, whatever the shard's size: measured on the 10,000-article benchmark,
 * 6 shards of ≈ 1,500 pages fetched 560 KB for a first query, 3 shards 430 KB),
 * while Pagefind's work per page does not grow with a shard's size (measured:
 * 375 pages per CPU-second on 1,525 and on 4,535 pages). So older years share
 * shards up to this size, grouped from the oldest, and the newest year is a
 * shard of its own (planShards): a day's new articles re-index that one.
 */
export const SHARD_MERGE_PAGES = 5000;

/**
 * From this many pages, the newest year's newest month is a shard of its
 * own (planShards). A day's bulletin lands there, and Pagefind re-indexes a
 * whole shard (about 375 pages a CPU-second): a year of 5,000 pages costs a
 * December update 13 s of CPU, its month about 1. In a smaller year the
 * month is too small to hold a page of results: measured on the benchmark's
 * 10,000 articles (about 80 a month) with the month apart from 500 pages, a
 * December update took 8.6 s instead of 10.4, but a reader's first query read
 * two shards instead of one (247 KB instead of 210, the next query 162 KB
 * instead of 91).
 */
export const NEWEST_MONTH_APART_PAGES = 2000;

/**
 * Languages whose words the search folds itself (search/fold.ts: spellings,
 * the article and proclitics in the alias field, the query folded the same
 * way, every result checked against the query's words in the browser).
 */
const FOLDED_LANGUAGES = new Set(["ar", "fa"]);

/**
 * The language Pagefind indexes an archive as. For an archive in a language
 * the search folds itself, none ("und", undetermined: Pagefind then stems
 * nothing). Pagefind's Arabic stemmer only added loose candidates the browser
 * then threw away, and it costs every query word a second index chunk per
 * shard (the word's stem lies elsewhere in the index): measured on the
 * 10,000-article benchmark, «بغداد» fetched 8 index chunks (172 KB) from 4
 * shards with the stemmer, 4 (84 KB) without, with the same results. Other
 * languages keep their stemmer (an English plural still finds its singular).
 */
export function indexLanguage(mainLanguage: string | undefined): string | undefined {
  if (mainLanguage === undefined) return undefined;
  return FOLDED_LANGUAGES.has(mainLanguage.split("-")[0]?.toLowerCase() ?? "")
    ? "und"
    : mainLanguage;
}

/** The merge limit: SHARD_MERGE_PAGES, or NASHRA_SHARD_MERGE_PAGES (0: a shard per year). */
export function shardMergePages(): number {
  const setting = process.env.NASHRA_SHARD_MERGE_PAGES;
  if (setting === undefined || setting === "") return SHARD_MERGE_PAGES;
  const pages = Number(setting);
  if (!Number.isInteger(pages) || pages < 0)
    throw new Error(`NASHRA_SHARD_MERGE_PAGES must be a whole number of pages, not «${setting}»`);
  return pages;
}

/** The year of an article page ("articles/2025/11/…" → "2025"), or undefined if undated. */
function yearOf(page: string): string | undefined {
  return /^articles\/(\d{4})\//.exec(page)?.[1];
}

/**
 * Article pages ("articles/2025/11/slug/index.html") by search shard, so that
 * each shard is a run of dates and newest-first search stays in date order
 * from shard to shard:
 *  - consecutive small years share a shard while it holds at most `merge`
 *    pages (and `limit`) ("2016-2019"), a year above that is its own shard
 *    ("2025");
 *  - the newest year is a shard of its own once the dated pages are more than
 *    that (new articles mostly arrive there: re-indexing it stays cheap), and
 *    over `monthApart` pages its newest month is one apart from the rest of
 *    the year ("2025-12", "2025-11"), so that a day's bulletin re-indexes a
 *    month, not a year;
 *  - a year over `limit` is cut into runs of whole months, packed from its
 *    oldest month and named by their newest ("2025-12", "2025-06");
 *  - undated articles open the oldest run (their date sort key is lower than
 *    any date: newest first, they come last, as in the listings), or when
 *    they do not fit in it are a shard of their own, or runs of `limit` pages
 *    by path ("undated", "undated-1", "undated-2", …). A shard fewer costs a
 *    reader ≈ 20 KB a query word; a new undated article re-indexes the
 *    oldest run, which a day's bulletin (dated) never touches.
 */
export function planShards(
  pages: readonly string[],
  limit = SHARD_PAGES,
  merge = shardMergePages(),
  monthApart = NEWEST_MONTH_APART_PAGES,
): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const page of pages) {
    const group = SHARD_OF_ARTICLE.exec(page)?.[1];
    if (!group) continue;
    const list = groups.get(group);
    if (list) list.push(page);
    else groups.set(group, [page]);
  }
  const shards = new Map<string, string[]>();
  // No shard above `limit` pages, whatever the merge setting.
  const cap = Math.min(merge, limit);
  const undated = [...(groups.get("undated") ?? [])].sort(compareStrings);
  if (undated.length > cap) {
    if (undated.length <= limit) shards.set("undated", undated);
    else
      for (let i = 0; i < undated.length; i += limit)
        shards.set(`undated-${i / limit + 1}`, undated.slice(i, i + limit));
  }

  let run: string[] = undated.length > cap ? [] : undated;
  const runYears: string[] = [];
  const endRun = () => {
    if (run.length === 0) return;
    const [oldest, newest] = [runYears[0], runYears[runYears.length - 1]];
    shards.set(!oldest ? "undated" : oldest === newest ? `${oldest}` : `${oldest}-${newest}`, run);
    run = [];
    runYears.length = 0;
  };
  const years = [...groups.keys()].filter((g) => g !== "undated").sort(compareStrings);
  const dated = years.reduce((n, year) => n + (groups.get(year) as string[]).length, 0);
  const newestApart = dated > cap ? years[years.length - 1] : undefined;
  for (const year of years) {
    const list = groups.get(year) as string[];
    const apart = year === newestApart && list.length > monthApart && newestMonthApart(year, list);
    if (apart) {
      endRun();
      const [month, rest] = apart;
      shards.set(month.id, month.pages);
      for (const [id, monthRun] of monthRuns(year, rest, limit)) shards.set(id, monthRun);
      continue;
    }
    if (list.length > limit) {
      endRun();
      for (const [id, monthRun] of monthRuns(year, list, limit)) shards.set(id, monthRun);
      continue;
    }
    if (run.length > 0 && (run.length + list.length > cap || year === newestApart)) endRun();
    run.push(...list);
    runYears.push(year);
  }
  endRun();
  return shards;
}

/** The month folder of an article page ("articles/2025/11/x/index.html" → "11"). */
function monthOf(page: string): string {
  return /^articles\/\d{4}\/([^/]+)\//.exec(page)?.[1] ?? "";
}

/** A year's newest month ("2025-12") and the pages of its other months; none if it has one month. */
function newestMonthApart(
  year: string,
  list: readonly string[],
): [{ id: string; pages: string[] }, string[]] | undefined {
  const newest = list.map(monthOf).reduce((a, b) => (compareStrings(a, b) >= 0 ? a : b), "");
  const rest = list.filter((p) => monthOf(p) !== newest);
  if (rest.length === 0) return undefined;
  return [{ id: `${year}-${newest}`, pages: list.filter((p) => monthOf(p) === newest) }, rest];
}

/**
 * A year's pages in runs of whole months of at most `limit` pages, packed
 * from its oldest month: months are added at the newest end, so the runs
 * before the newest keep their pages (and their cached index) as a year
 * grows and when it stops being the newest.
 */
function monthRuns(year: string, list: string[], limit: number): Map<string, string[]> {
  const byMonth = new Map<string, string[]>();
  for (const page of list) {
    const month = monthOf(page);
    const monthPages = byMonth.get(month);
    if (monthPages) monthPages.push(page);
    else byMonth.set(month, [page]);
  }
  const runs = new Map<string, string[]>();
  let run: string[] = [];
  let newest: string | undefined;
  for (const month of [...byMonth.keys()].sort(compareStrings)) {
    const monthPages = byMonth.get(month) as string[];
    if (run.length > 0 && run.length + monthPages.length > limit) {
      runs.set(`${year}-${newest}`, run);
      run = [];
    }
    newest = month;
    run.push(...monthPages);
  }
  if (run.length > 0) runs.set(`${year}-${newest}`, run);
  return runs;
}

/**
 * The years a shard's pages are from, newest first (none for undated shards),
 * with `alsoYears` (the pages' own year filters) added.
 */
export function shardYears(pages: readonly string[], alsoYears: readonly string[] = []): string[] {
  const years = new Set<string>(alsoYears);
  for (const page of pages) {
    const year = yearOf(page);
    if (year) years.add(year);
  }
  return [...years].sort((a, b) => compareStrings(b, a));
}

/** The page file of an article URL: "/articles/2025/11/x/" → "articles/2025/11/x/index.html". */
export function articlePageFile(url: string): string {
  return `${url.replace(/^\//, "")}index.html`;
}

/**
 * Shards in the order the browser searches them: newest first, undated last.
 * Dated shards are disjoint runs of dates, so any date in the id orders them:
 * a run of years ("2016-2019") by its newest year, a run of months
 * ("2025-12") by its year and month.
 */
export function compareShards(a: string, b: string): number {
  const undated = (id: string) => (id.startsWith("undated") ? Number(id.split("-")[1] ?? 0) : -1);
  const [ua, ub] = [undated(a), undated(b)];
  if (ua >= 0 || ub >= 0) return ua < 0 ? -1 : ub < 0 ? 1 : ua - ub;
  const newest = (id: string) => (/^\d{4}-\d{4}$/.test(id) ? id.slice(5) : id);
  return compareStrings(newest(b), newest(a));
}

/**
 * The shard the browser reads first, of an archive's articles (by their
 * URLs): the newest, listed first in shards.json. The search page names it
 * so that the browser fetches Pagefind's script while the page loads.
 */
export function firstShard(articleUrls: readonly string[]): string | undefined {
  return [...planShards(articleUrls.map(articlePageFile)).keys()].sort(compareShards)[0];
}

export async function indexSite(
  siteDir: string,
  options: IndexSiteOptions,
): Promise<IndexSiteResult> {
  const skip = new Set(options.notArticles ?? []);
  const { staged } = options;
  const byShard = planShards(
    (staged?.pages ?? (await articlePages(siteDir, options))).filter((f) => !skip.has(f)),
  );
  for (const id of [...byShard.keys()]) {
    if (options.onlyShards && !options.onlyShards.includes(id)) byShard.delete(id);
  }
  const ids = [...byShard.keys()].sort(compareShards);

  const root = path.join(siteDir, "pagefind");
  // Shards the site no longer has go; the others are replaced or kept below.
  for (const entry of await readdir(root, { withFileTypes: true }).catch(() => []))
    if (!entry.isDirectory() || !byShard.has(entry.name))
      await rm(path.join(root, entry.name), { recursive: true, force: true });
  const indexed: string[] = [];
  const shards: Shard[] = [];
  const vocabulary = await options.vocabulary;
  const language = options.language ?? indexLanguage(vocabulary?.mainLanguage());
  // A shard's years: its folders' and its pages' own year filters (a date added by hand to
  // an article left in undated/ puts it in that year, wherever its file is).
  const yearsOf = new Map<string, string[]>();
  const factsFile =
    options.cacheDir && (options.pageKeys || staged)
      ? path.join(options.cacheDir, PAGE_FACTS)
      : undefined;
  const { pages: known, words } = factsFile
    ? await (options.knownFacts ?? readPageFacts(factsFile))
    : { pages: new Map<string, PageFacts>(), words: new FactsWords() };
  const firstPages = new Set([...(staged?.first ?? [])].flatMap((id) => byShard.get(id) ?? []));
  // Staged: the new articles' shards first, whose keys come first; the others (in an update,
  // mostly found in the cache) by size, their keys not known yet.
  const queue = staged
    ? indexingOrder(byShard, (page) => firstPages.has(page))
    : indexingOrder(byShard, (page) => {
        const key = options.pageKeys?.[pageUrl(page)];
        return key === undefined || known.get(page)?.key !== key;
      });
  /** The render keys a shard is prepared with, once they have come. */
  const keysOf = async (shardId: string) =>
    staged
      ? await (staged.first.has(shardId) ? staged.firstKeys : staged.allKeys)
      : options.pageKeys;
  // The cache's upkeep — the facts learnt, the bundles no shard is any more — starts once
  // every shard is prepared, while Pagefind still runs; the tmp folders go meanwhile too.
  let prepared = 0;
  let upkeep: Promise<void> = Promise.resolve();
  const removals: Promise<void>[] = [];
  const startUpkeep = () => {
    upkeep = (async () => {
      // Written only when a page's facts were learnt or a page went (a no-op build rewrites nothing).
      if (factsFile && !options.onlyShards && (learnt.count > 0 || facts.size !== known.size))
        await writePageFacts(factsFile, facts, words);
      // Bundles no shard of the site is any more go: every update makes a new bundle of the
      // newest shard, and a cache that kept them all would grow by one a day. Only when the
      // whole site was indexed (a part of a split build sees its own shards only).
      if (options.cacheDir && !options.onlyShards)
        await removeUnusedBundles(options.cacheDir, inUse, options.now ?? Date.now());
    })();
    upkeep.catch(() => {}); // awaited below, after the indexing
  };
  const shardPrepared = () => {
    if (++prepared === ids.length) startUpkeep();
  };
  const facts = new Map<string, PageFacts>();
  const learnt = { count: 0 };
  let pagesWrittenAhead = 0;
  /** Shard pages written ahead, by shard, until the shard's folder is made. */
  const ahead = new Map((await options.ahead)?.map((a) => [a.shard, a]) ?? []);
  /** The cached bundles this build's shards are. */
  const inUse = new Set<string>();
  if (ids.length === 0) startUpkeep();
  /** A shard's pages read and written for Pagefind, or its bundle found in the cache. */
  const prepare = async (shardId: string): Promise<PreparedShard> => {
    const target = path.join(root, shardId);
    const pageKeys = await keysOf(shardId);
    const pages = indexedPages(siteDir, byShard.get(shardId) as string[], {
      keys: pageKeys,
      known,
      facts,
      words,
      learnt,
    });
    yearsOf.set(
      shardId,
      shardYears(
        pages.map((p) => p.page),
        pages.flatMap((p) => p.years),
      ),
    );
    const cached = options.cacheDir
      ? path.join(
          options.cacheDir,
          `${shardId}-${await shardHash(pages, language, words, vocabulary)}`,
        )
      : undefined;
    if (cached) inUse.add(path.basename(cached));
    const written = ahead.get(shardId);
    ahead.delete(shardId);
    if (cached && (await markUsed(cached))) {
      if (written) removals.push(rm(written.dir, { recursive: true, force: true }));
      shardPrepared();
      return { cached, tmp: undefined, pagesDir: undefined, pageCount: pages.length };
    }
    if (!cached) await rm(target, { recursive: true, force: true });
    const tmp = `${cached ?? target}.tmp-${process.pid}`;
    const { pagesDir, writtenAhead } = await writeShardPages(
      siteDir,
      pages,
      tmp,
      (page) => (vocabulary ? words.aliasOf(page.places, vocabulary) : []),
      written && { pages: written, keyOf: (page) => pageKeys?.[pageUrl(page)] },
    );
    pagesWrittenAhead += writtenAhead;
    shardPrepared();
    return { cached, tmp, pagesDir, pageCount: pages.length };
  };
  // Preparing a shard is this process's own work, on one thread: the shards are prepared one
  // after another, in the order they are indexed, each as soon as the one before is — not
  // when a Pagefind is free for it. The first Pagefind starts as soon as its shard is ready,
  // the next shard is prepared while it runs, and a small shard left for the end is ready
  // when a Pagefind is (prepared then, it kept the end of a full build waiting: measured at
  // 10,000 articles, the newest year's 907 pages were prepared only once the first big
  // shard's Pagefind had ended, 0.5–0.7 s, and indexed last, alone). After a failure, no
  // further shard is prepared.
  let preparing: Promise<unknown> = Promise.resolve();
  let failed = false;
  const preparations = new Map(
    queue.map((id) => {
      const done = preparing.then((): PreparedShard | Promise<PreparedShard> =>
        failed ? { pageCount: 0 } : prepare(id),
      );
      preparing = done.catch(() => undefined);
      done.catch(() => {}); // awaited by the worker that indexes the shard
      return [id, done] as const;
    }),
  );
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined && !failed; id = queue.shift()) {
      const shardId = id;
      const target = path.join(root, shardId);
      const shard = (await preparations.get(shardId)) as PreparedShard;
      const { cached } = shard;
      if (shard.pagesDir !== undefined) {
        const { tmp, pagesDir } = shard;
        try {
          await indexShard(shardId, { tmp, pagesDir }, shard.pageCount, cached ?? target, language);
        } finally {
          removals.push(rm(pagesDir, { recursive: true, force: true }));
        }
        indexed.push(shardId);
      }
      if (cached && !(await sameFile(path.join(cached, ENTRY), path.join(target, ENTRY)))) {
        await rm(target, { recursive: true, force: true });
        linkTree(cached, target);
      }
    }
  };
  const workers = await Promise.allSettled(
    Array.from({ length: Math.max(1, options.concurrency ?? os.availableParallelism()) }, () =>
      worker().catch((error: unknown) => {
        failed = true; // the other workers take no further shard, and none is prepared
        throw error;
      }),
    ),
  );
  const failure = workers.find((w) => w.status === "rejected");
  if (failure) {
    // The shards prepared for a Pagefind that will not run: their pages go with the failure.
    await Promise.all(
      [...preparations.values()].map((prepared) =>
        prepared.then(
          async ({ tmp, pagesDir }) => {
            for (const dir of [pagesDir, tmp])
              if (dir) await rm(dir, { recursive: true, force: true });
          },
          () => {},
        ),
      ),
    );
    await Promise.all(removals);
    throw failure.reason;
  }
  for (const id of ids)
    shards.push({
      id,
      years: yearsOf.get(id) ?? shardYears(byShard.get(id) as string[]),
      path: `/pagefind/${id}/`,
      pages: await indexedPageCount(path.join(root, id)),
    });

  await upkeep;
  // Written ahead for a shard the site does not have after all.
  for (const { dir } of ahead.values()) removals.push(rm(dir, { recursive: true, force: true }));
  await Promise.all(removals);
  const pageCount = shards.reduce((n, s) => n + s.pages, 0);
  if (pageCount !== options.expectedPages) {
    throw new Error(
      `Pagefind indexed ${pageCount} pages but the archive has ${options.expectedPages} articles`,
    );
  }
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, "shards.json"), `${JSON.stringify({ shards }, null, 1)}\n`);
  return {
    shards,
    pageCount,
    indexed: indexed.sort(compareStrings),
    writtenAhead: pagesWrittenAhead,
  };
}

/** A shard prepared for its Pagefind (its pages written to `pagesDir`, the bundle to go to `tmp`), or found in the cache. */
type PreparedShard = { cached?: string | undefined; pageCount: number } & (
  | { tmp: string; pagesDir: string }
  | { tmp?: undefined; pagesDir?: undefined }
);

/**
 * The order shards are prepared and indexed in: those holding pages rendered
 * anew first, the most first — an update's day, so that Pagefind starts on
 * it while the others are checked against the cache; a shard where only a
 * few pages were rendered again (their neighbour links or related headlines
 * changed, outside what Pagefind reads) comes after it (measured on a
 * December update at 10,000 articles: Pagefind started about 0.2 s sooner) —
 * then the largest, so that no process is left with a big one at the end.
 */
export function indexingOrder(
  byShard: ReadonlyMap<string, readonly string[]>,
  renderedAnew: (page: string) => boolean,
): string[] {
  const size = (id: string) => byShard.get(id)?.length ?? 0;
  const anew = new Map([...byShard].map(([id, pages]) => [id, pages.filter(renderedAnew).length]));
  const count = (id: string) => anew.get(id) ?? 0;
  return [...byShard.keys()].sort(
    (a, b) => count(b) - count(a) || size(b) - size(a) || compareShards(a, b),
  );
}

/**
 * The shard's pages, at their paths, in a folder of their own (`<tmp>-pages`,
 * beside `tmp`, where Pagefind will write the bundle):
 * Pagefind indexes a folder, and a shard is a list of pages. Each is written
 * as Pagefind reads it — the <html> tag and the indexed element alone
 * (indexedPart: the bundle depends on nothing else, and the shard's hash is
 * taken over the same part), with the bare forms in its alias field. A third
 * of the page's bytes for Pagefind to parse, and, synchronous, ten thousand
 * of them written in about a second (hard links made one by one through
 * promises took five). A page the build has just read to learn its facts
 * (every page of a full build) is written from what was read, not read again
 * (measured on a full build at 10,000 articles: the first Pagefind started
 * 0.8–2 s sooner).
 */
async function writeShardPages(
  siteDir: string,
  shardPages: IndexedPage[],
  tmp: string,
  bareFormsOf: (page: IndexedPage) => string[],
  ahead?: { pages: PagesAhead; keyOf: (page: string) => string | undefined },
): Promise<{ pagesDir: string; writtenAhead: number }> {
  const pagesDir = `${tmp}-pages`;
  await rm(tmp, { recursive: true, force: true });
  await rm(pagesDir, { recursive: true, force: true });
  // The folder is made in the shard's order, whatever was written ahead. Pagefind numbers a
  // bundle's pages in the order it walks the folder, the order the file system lists it in —
  // on tmpfs or btrfs the order its entries were made: an update that took the folder written
  // ahead and added the pages rendered since gave the same pages numbered otherwise than a full
  // build (found on the benchmark's December update, its work folder in /dev/shm). A page
  // written ahead for the key it has now is the same page (not read again: no part), moved in
  // at its turn; the others are written.
  let writtenAhead = 0;
  for (const shardPage of shardPages) {
    const { page } = shardPage;
    const key = ahead?.pages.keys.get(page);
    if (
      key !== undefined &&
      shardPage.part === undefined &&
      key === ahead?.keyOf(page) &&
      moveInto(pagesDir, page, ahead.pages.dir)
    ) {
      writtenAhead++;
      continue;
    }
    const part = shardPage.part ?? readIndexedPart(path.join(siteDir, page));
    writeShardPage(pagesDir, page, part, bareFormsOf(shardPage));
  }
  if (ahead) await rm(ahead.pages.dir, { recursive: true, force: true });
  return { pagesDir, writtenAhead };
}

/** Moves a page from one shard folder into another; false if it could not (gone: it is written). */
function moveInto(pagesDir: string, page: string, from: string): boolean {
  const target = path.join(pagesDir, page);
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    renameSync(path.join(from, page), target);
    return true;
  } catch {
    return false;
  }
}

/** A page of a shard's folder: what Pagefind reads of it, its bare forms in the alias field. */
function writeShardPage(pagesDir: string, page: string, part: string, bareForms: string[]): void {
  const target = path.join(pagesDir, page);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(
    target,
    bareForms.length > 0 ? part.replace(ALIAS, `$&${bareForms.join(" ")} `) : part,
  );
}

/** A shard's pages written ahead (writeShardPagesAhead). */
export interface PagesAhead {
  shard: string;
  dir: string;
  /** Each page written, with the render key of the page it was written from. */
  keys: Map<string, string>;
}

/**
 * An update's new articles go to a shard that Pagefind will index again, once
 * the render has written their pages. Meanwhile — the build waits for them,
 * a core free — that shard's other pages are written out for Pagefind as the
 * last build left them, when the page facts of the cache vouch for the file
 * (the key they were learnt from is the page's key in the last build). The
 * index then writes only the pages rendered since (writeShardPages). Which
 * shards: those the new articles go to (shardsOfNewPages). A page that cannot
 * be read is left to the index, which reads it as before.
 */
export async function writeShardPagesAhead(
  siteDir: string,
  options: {
    cacheDir: string;
    /** The archive's article pages now ("articles/2025/11/x/index.html"). */
    pages: readonly string[];
    /** The last build's render keys (URL → key, as IndexSiteOptions.pageKeys). */
    previousKeys: Readonly<Record<string, string>>;
    /** The shards the new articles go to (shardsOfNewPages of these pages and keys). */
    shards: ReadonlySet<string>;
    knownFacts: Promise<KnownFacts>;
    vocabulary?: ArchiveVocabulary | Promise<ArchiveVocabulary>;
  },
): Promise<PagesAhead[]> {
  const { pages: known, words } = await options.knownFacts;
  const vocabulary = await options.vocabulary;
  const out: PagesAhead[] = [];
  for (const [shard, pages] of planShards(options.pages)) {
    if (!options.shards.has(shard)) continue;
    const dir = path.join(options.cacheDir, `${shard}.tmp-${process.pid}-ahead`);
    await rm(dir, { recursive: true, force: true });
    const keys = new Map<string, string>();
    for (const page of pages) {
      const key = options.previousKeys[pageUrl(page)];
      const facts = key === undefined ? undefined : known.get(page);
      if (key === undefined || facts?.key !== key) continue;
      let part: string;
      try {
        part = readIndexedPart(path.join(siteDir, page));
      } catch {
        continue;
      }
      try {
        writeShardPage(dir, page, part, vocabulary ? words.aliasOf(facts.places, vocabulary) : []);
      } catch {
        // Cannot write here (the disk is full…): the index writes the shard's pages itself.
        keys.clear();
        break;
      }
      keys.set(page, key);
    }
    if (keys.size > 0) out.push({ shard, dir, keys });
    else await rm(dir, { recursive: true, force: true });
  }
  return out;
}

/**
 * The shards an update's new articles go to: those holding a page the last
 * build did not have (`previousKeys`: its render keys, by URL). Their pages
 * are written ahead (writeShardPagesAhead) and rendered first (build.ts).
 */
export function shardsOfNewPages(
  pages: readonly string[],
  previousKeys: Readonly<Record<string, string>>,
): Set<string> {
  const shards = new Set<string>();
  for (const [shard, list] of planShards(pages))
    if (list.some((page) => previousKeys[pageUrl(page)] === undefined)) shards.add(shard);
  return shards;
}

/**
 * Indexes a shard's pages (writeShardPages) into a bundle folder, written
 * atomically. Each shard is its own Pagefind process: the Node API's single
 * service indexes one shard at a time, while two processes use both cores
 * (measured: 11 shards of 10,000 pages in 37 s through the service, in about
 * two thirds of that as two processes).
 */
async function indexShard(
  id: string,
  { tmp, pagesDir }: { tmp: string; pagesDir: string },
  expected: number,
  outDir: string,
  language: string | undefined,
): Promise<void> {
  try {
    const force = language ? ["--force-language", language] : [];
    await run(
      pagefindExecutable(),
      ["--site", pagesDir, "--output-path", tmp, "--quiet", ...force],
      {
        maxBuffer: 64 * 1024 * 1024,
        env: pagefindEnvironment(process.env),
      },
    );
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`Pagefind (shard ${id}): ${(e.stderr || e.stdout || e.message).trim()}`);
  }
  for (const name of await readdir(tmp)) if (UNUSED.test(name)) await rm(path.join(tmp, name));
  const indexedCount = await indexedPageCount(tmp);
  if (indexedCount !== expected)
    throw new Error(`Pagefind indexed ${indexedCount} of the ${expected} pages of shard ${id}`);
  await mkdir(path.dirname(outDir), { recursive: true });
  try {
    await rename(tmp, outDir);
  } catch (error) {
    // Another build wrote the same content-addressed shard meanwhile: keep theirs.
    if (!(await exists(outDir))) throw error;
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * The article pages of a built site ("articles/2025/11/slug/index.html"):
 * those of the build's page keys when it gave them (every page it wrote; no
 * need to walk ten thousand folders), else those found in the folder. An
 * archive with no article yet has no articles/ folder: an empty index, not an
 * error.
 */
async function articlePages(
  siteDir: string,
  options: Pick<IndexSiteOptions, "pageKeys">,
): Promise<string[]> {
  if (options.pageKeys)
    return Object.keys(options.pageKeys)
      .filter((url) => url.startsWith("/articles/") && url.endsWith("/"))
      .map(articlePageFile)
      .sort(compareStrings);
  const articlesDir = path.join(siteDir, "articles");
  if (!existsSync(articlesDir)) return [];
  return (await listFiles(articlesDir))
    .filter((f) => f.endsWith(".html"))
    .map((f) => `articles/${f}`);
}

/** A bundle's entry file, which names its metadata file by hash. */
const ENTRY = "pagefind-entry.json";

/**
 * Whether two paths are one file (hard links of it): a shard in the site
 * linked from the cached bundle it should be is kept as it is, not linked
 * again file by file (a bundle never changes in place: another bundle is
 * another cache folder, with its own files).
 */
async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/**
 * The Pagefind executable of the installed `pagefind` package, run directly:
 * its npm bin is a Node script that starts it, 0.1 s a shard (measured on a
 * 707-page shard: 0.70 s directly, 0.83 s through the bin). Found as that
 * script finds it — a `PAGEFIND_EXTENDED_BINARY_PATH` or `PAGEFIND_BINARY_PATH`
 * setting, then the platform's package, the extended build first — and the
 * npm bin where none is. Looked for again only when the settings change.
 */
function pagefindExecutable(): string {
  const settings = `${process.env.PAGEFIND_EXTENDED_BINARY_PATH}\n${process.env.PAGEFIND_BINARY_PATH}`;
  if (found?.settings !== settings) found = { settings, path: findPagefind() };
  return found.path;
}
let found: { settings: string; path: string } | undefined;

function findPagefind(): string {
  const names = ["pagefind_extended", "pagefind"];
  for (const name of names) {
    const setting = process.env[`${name.toUpperCase()}_BINARY_PATH`];
    if (setting) return setting;
  }
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const require = createRequire(path.join(repoRoot, "package.json"));
  for (const name of names) {
    try {
      return require.resolve(
        `@pagefind/${platform}-${process.arch}/bin/${name}${platform === "windows" ? ".exe" : ""}`,
      );
    } catch {
      // Not this build of Pagefind.
    }
  }
  return path.join(repoRoot, "node_modules", ".bin", "pagefind");
}
const run = promisify(execFile);

/**
 * A cached shard into the site: hard links (a cached bundle is never changed
 * in place, so sharing its files is safe and costs no copying), or copies
 * where the file system cannot link. Synchronous: a link is one short system
 * call; awaited one by one through the thread pool, a 4,806-page bundle's
 * took 0.5 s on an idle machine (0.07 s synchronous), and in a full build at
 * 10,000 articles the worker took its next shard 2.4 s after that shard's
 * Pagefind had ended (0.25 s synchronous).
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/**
 * A shard's identity, its name in the cache: the Pagefind version, its pages'
 * paths and what Pagefind reads of them. A page's related articles or
 * neighbour links change as the archive grows; they lie outside the indexed
 * element, so such a change does not send the shard to Pagefind again. What
 * Pagefind reads is each page's indexed part (as its hash) with its alias
 * field's bare forms, which the page's words that may have them fix: so the
 * words, then each of the shard's words once with its bare forms, instead of
 * every page's alias field built (a tenth of a millisecond a page, for every
 * page of every shard at each build). A word stands in a page as its rank
 * among the shard's words, not as its place in the build's list: places
 * depend on the order words were first met, and a page's come back from
 * page-facts.json sorted, not in the order they were learnt in.
 */
async function shardHash(
  pages: IndexedPage[],
  language: string | undefined,
  words: FactsWords,
  vocabulary: ArchiveVocabulary | undefined,
): Promise<string> {
  // "in order": bundles cached before an update's shard folder was made in the shard's order
  // (writeShardPages) may number their pages otherwise, and are not taken.
  const hash = createHash("sha256").update(`pagefind ${await pagefindVersion()} in order\n`);
  if (language) hash.update(`language ${language}\n`);
  // Each loop over the shard is a function of its own. V8 optimises a long loop while it runs
  // (on-stack replacement); in one function, that code stopped at the next loop, which had not
  // run yet, and the function was optimised again, loop after loop (ten times a full build).
  const shardWords = wordsOfShard(pages, words.list);
  hashPages(hash, pages, shardWords, words.list.length);
  hashBareForms(hash, shardWords, words, vocabulary);
  return hash.digest("hex").slice(0, 16);
}

/** The places of the words a shard's pages hold, each once, in the words' order. */
function wordsOfShard(pages: readonly IndexedPage[], list: readonly string[]): number[] {
  const used = new Uint8Array(list.length);
  for (const { places } of pages) for (const place of places) used[place] = 1;
  const shardWords: number[] = [];
  for (let place = 0; place < used.length; place++) if (used[place] === 1) shardWords.push(place);
  return shardWords.sort((a, b) => compareStrings(list[a] as string, list[b] as string));
}

/** Each page's path, indexed hash and words (as their ranks among the shard's words). */
function hashPages(
  digest: Hash,
  pages: readonly IndexedPage[],
  shardWords: readonly number[],
  wordCount: number,
): void {
  const rank = new Int32Array(wordCount);
  shardWords.forEach((place, r) => {
    rank[place] = r;
  });
  for (const { page, indexed, places } of pages) {
    const ranks = new Int32Array(places.length);
    for (let k = 0; k < places.length; k++) ranks[k] = rank[places[k] as number] as number;
    digest.update(`${page}\n${indexed}\n`).update(ranks.sort()).update("\n\0\n");
  }
}

/** Each of the shard's words with its bare forms. */
function hashBareForms(
  digest: Hash,
  shardWords: readonly number[],
  words: FactsWords,
  vocabulary: ArchiveVocabulary | undefined,
): void {
  let forms = "";
  for (const place of shardWords) {
    const bare = vocabulary ? words.bareFormsAt(place, vocabulary).join(" ") : "";
    forms += `${words.list[place]} ${bare}\n`;
    if (forms.length > 65_536) {
      digest.update(forms);
      forms = "";
    }
  }
  digest.update(forms);
}

/**
 * Bundles of the cache that no shard of this site is and that no build used
 * in the last hour. Another build sharing the cache folder (another site, or
 * the same archive in another language) may be linking one of its bundles
 * right now: each build marks the bundles it uses (markUsed), and a bundle is
 * left alone for an hour after. Every update still makes a new bundle of the
 * newest shard; the old one goes at the first whole-site build an hour on.
 */
async function removeUnusedBundles(
  cacheDir: string,
  inUse: ReadonlySet<string>,
  now: number,
): Promise<void> {
  for (const name of await readdir(cacheDir).catch(() => [] as string[])) {
    if (!CACHED_BUNDLE.test(name) || inUse.has(name)) continue;
    const bundle = path.join(cacheDir, name);
    const used = await stat(bundle).then(
      (s) => s.mtimeMs,
      () => now,
    );
    if (used < now - BUNDLE_GRACE_MS) await rm(bundle, { recursive: true, force: true });
  }
}
const BUNDLE_GRACE_MS = 60 * 60 * 1000;

/** Marks a cached bundle as used now (its folder's time); false if there is no such bundle. */
async function markUsed(bundle: string): Promise<boolean> {
  const now = new Date();
  return utimes(bundle, now, now).then(
    () => true,
    () => false,
  );
}

/** A shard bundle in the cache: "<shard id>-<shardHash>" (not a folder being written, "….tmp-<pid>"). */
const CACHED_BUNDLE = /^(?:\d{4}(?:-\d{2,4})?|undated(?:-\d+)?)-[0-9a-f]{16}$/;

/** The year filter of an article page (layouts/article.ts): `year:2025` in data-pagefind-filter. */
const YEAR_FILTER = /data-pagefind-filter="[^"]*\byear:(\d{4})\b/g;

/** The alias field of an article page, where bare forms go (layouts/article.ts). */
const ALIAS = /data-pagefind-meta="alias:/;

/** A page of a shard: what Pagefind reads of it (as a hash), and the words its alias field's bare forms come from. */
interface IndexedPage {
  page: string;
  /** SHA-256 of the part of the page Pagefind reads (indexedPart). */
  indexed: string;
  /** Its folded words that may have bare forms, as their places in the build's FactsWords. */
  places: readonly number[];
  /** Its year filter's values. */
  years: string[];
  /**
   * What Pagefind reads of it (indexedPart), when this build read the page: written as it is,
   * not read again. Always set, if only to undefined: pages of one shape (with the part and
   * without) keep V8's optimised loops over a shard's pages (shardHash) from being redone.
   */
  part: string | undefined;
}

/**
 * What deciding a page's shard needs of the page, kept between builds by its
 * render key: the hash of what Pagefind reads, its year filters, and the
 * folded words that may have bare forms (the archive's words decide which do,
 * and they change from build to build).
 */
interface PageFacts {
  key: string;
  indexed: string;
  years: string[];
  /** Its folded words that may have bare forms, as their places in the build's FactsWords. */
  places: number[];
  /** As read from page-facts.json: `places` as they are packed there (written back as they are). */
  packed?: string;
}

const PAGE_FACTS = "page-facts.json";

/**
 * page-facts.json, read and written whole by every build: each page's facts,
 * its words as their places in one list of the words (packIds, as the
 * vocabulary's cache keeps them). As arrays of Arabic words it was 183 MB at
 * 100,000 pages (99 words a page), about 4 s of an update to read, parse and
 * write.
 */
interface PageFactsFile {
  words: string[];
  /** Page → its render key, indexed hash, years, and its words' places packed. */
  pages: Record<string, [string, string, string[], string]>;
}

/**
 * The words of every page's facts, each once: the list read from
 * page-facts.json, extended by new pages' words (so the facts read keep
 * their places). Each word's bare forms are decided once a build, not once
 * a page that holds it (100,000 pages hold 99 such words each).
 */
class FactsWords {
  private readonly placeOf: Map<string, number>;
  // A map, not an array indexed by place: filled in no order, an array went sparse and back,
  // each change of its kind costing V8's optimised code over a shard's words (shardHash).
  private readonly bare = new Map<number, readonly string[]>();

  constructor(readonly list: string[] = []) {
    this.placeOf = new Map(list.map((word, place) => [word, place]));
  }

  placesOf(words: readonly string[]): number[] {
    // Pushed one by one, as the places read from page-facts.json are: arrays of one kind.
    const places: number[] = [];
    for (const word of words) {
      let place = this.placeOf.get(word);
      if (place === undefined) {
        place = this.list.length;
        this.list.push(word);
        this.placeOf.set(word, place);
      }
      places.push(place);
    }
    return places;
  }

  /** The bare forms of the word at this place (ArchiveVocabulary.bareForms), decided once a build. */
  bareFormsAt(place: number, vocabulary: ArchiveVocabulary): readonly string[] {
    let bare = this.bare.get(place);
    if (bare === undefined) {
      bare = vocabulary.bareForms(this.list[place] as string);
      this.bare.set(place, bare);
    }
    return bare;
  }

  /** The bare forms, for the alias field, of the words at these places (ArchiveVocabulary.aliasOfForms). */
  aliasOf(places: readonly number[], vocabulary: ArchiveVocabulary): string[] {
    return aliasField(places.map((place) => this.bareFormsAt(place, vocabulary)));
  }
}

/** The facts page-facts.json holds, and its list of words. */
export interface KnownFacts {
  pages: Map<string, PageFacts>;
  words: FactsWords;
}

/**
 * The last build's page facts in a cache folder, read ahead of indexSite (its
 * `knownFacts`): an update's build process has a core to itself while its one
 * render process works, and reading the facts (4.4 MB at 10,000 articles,
 * 0.3 s) then shortens the index, which starts only once the article pages
 * are rendered. Not in a full build, whose parts take every core: reading
 * ahead there slowed them (measured in session 30).
 */
export function readPageFactsAhead(cacheDir: string): Promise<KnownFacts> {
  return readPageFacts(path.join(cacheDir, PAGE_FACTS));
}

async function readPageFacts(file: string): Promise<KnownFacts> {
  const none = (): KnownFacts => ({ pages: new Map(), words: new FactsWords() });
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as Partial<PageFactsFile>;
    const { words, pages } = data;
    // Another layout (an older version's): learnt again.
    if (!Array.isArray(words) || typeof pages !== "object" || pages === null) return none();
    const out = new Map<string, PageFacts>();
    for (const [page, [key, indexed, years, packed]] of Object.entries(pages)) {
      const places: number[] = [];
      unpackIds(packed, (place) => {
        if (place >= words.length) throw new Error(`page-facts: no word ${place}`);
        places.push(place);
      });
      out.set(page, { key, indexed, years, places, packed });
    }
    return { pages: out, words: new FactsWords(words) };
  } catch {
    return none();
  }
}

/** Written whole and atomically; a cache that cannot be written only costs time next build. */
async function writePageFacts(
  file: string,
  facts: Map<string, PageFacts>,
  words: FactsWords,
): Promise<void> {
  const data: PageFactsFile = { words: words.list, pages: {} };
  for (const [page, f] of [...facts].sort(([a], [b]) => compareStrings(a, b)))
    data.pages[page] = [f.key, f.indexed, f.years, f.packed ?? packIds(f.places)];
  await writeAtomically(file, JSON.stringify(data)).catch(() => {});
}

/** The URL of an article page file ("articles/2025/11/x/index.html" → "/articles/2025/11/x/"). */
function pageUrl(page: string): string {
  return `/${page.replace(/index\.html$/, "")}`;
}

function indexedPages(
  siteDir: string,
  pages: string[],
  cache: {
    keys: Readonly<Record<string, string>> | undefined;
    known: ReadonlyMap<string, PageFacts>;
    facts: Map<string, PageFacts>;
    words: FactsWords;
    /** How many pages were read because no facts were known for their key. */
    learnt: { count: number };
  },
): IndexedPage[] {
  return pages.map((page) => {
    const key = cache.keys?.[pageUrl(page)];
    const known = key === undefined ? undefined : cache.known.get(page);
    let facts = known;
    let part: string | undefined;
    if (!facts || facts.key !== key) {
      part = readIndexedPart(path.join(siteDir, page));
      const indexed = hash("sha256", part, "hex");
      // Rendered again, read the same (its neighbour links or related headlines changed,
      // outside what Pagefind reads): its words are known.
      facts =
        known && key !== undefined && known.indexed === indexed
          ? { ...known, key }
          : {
              key: key ?? "",
              indexed,
              years: [...part.matchAll(YEAR_FILTER)].map((m) => m[1] as string),
              places: cache.words.placesOf(
                ALIAS.test(part) ? procliticForms(searchableText(part)) : [],
              ),
            };
      if (key !== undefined) cache.learnt.count++;
    }
    if (key !== undefined) cache.facts.set(page, facts);
    return {
      page,
      indexed: facts.indexed,
      places: facts.places,
      years: facts.years,
      part,
    };
  });
}

/**
 * The words an article is searched by: its title and body, not the parts of
 * the indexed element Pagefind ignores (the meta line, the footer with its
 * related headlines) — the title's <h1> is ignored as body text only because
 * Pagefind takes it as the title.
 */
export function searchableText(indexed: string): string {
  let text = "";
  let from = 0;
  for (let at = indexed.indexOf(IGNORE); at >= 0; at = indexed.indexOf(IGNORE, from)) {
    const open = indexed.lastIndexOf("<", at);
    const name = /^<([a-zA-Z][a-zA-Z0-9]*)/.exec(indexed.slice(open, open + 20))?.[1];
    const close = name ? indexed.indexOf(`</${name}>`, at) : -1;
    if (open < from || !name || close < 0) break;
    text += indexed.slice(from, open);
    if (name.toLowerCase() === "h1") text += indexed.slice(open, close);
    from = close + name.length + 3;
  }
  text += indexed.slice(from);
  // Only its words count: tags (and the alias field in them) go, entities may stay.
  return text.replace(/<[^>]*>/g, " ");
}

/** The attribute of an element Pagefind ignores (the article layout nests none of them). */
const IGNORE = "data-pagefind-ignore";

/**
 * What Pagefind indexes of a page: the `<html>` tag (its language) and the
 * one element marked `data-pagefind-body`. Content outside that element
 * does not change the bundle (checked: a test changes a page outside it and
 * compares bundles), unless it carries Pagefind attributes of its own — then,
 * and whenever the element cannot be delimited, the whole page counts.
 */
export function indexedPart(html: string): string {
  const range = indexedRange(html);
  return range ? `${html.slice(...range.htmlTag)}\n${html.slice(...range.element)}` : html;
}

/**
 * indexedPart of a page file, decoding only that part. Every mark the part
 * is found by is ASCII, and in UTF-8 an ASCII byte is only ever that
 * character (the bytes of other characters are all above 0x7F, and a
 * decoder never swallows an ASCII byte into a bad sequence): the part is
 * where it is in the bytes read as Latin-1, one character a byte. A third
 * of an article page's bytes decoded, not all of them (measured on the
 * benchmark's 10,300 pages, reading included, five times alternating:
 * 0.96–1.49 s → 0.72–1.19 s).
 */
export function readIndexedPart(file: string): string {
  const bytes = readFileSync(file);
  const range = indexedRange(bytes.toString("latin1"));
  return range
    ? `${bytes.toString("utf8", ...range.htmlTag)}\n${bytes.toString("utf8", ...range.element)}`
    : bytes.toString("utf8");
}

/** Where indexedPart's two pieces are in a page ([start, end) each), or undefined when the whole page counts. */
function indexedRange(
  html: string,
): { htmlTag: [number, number]; element: [number, number] } | undefined {
  const marker = html.indexOf("data-pagefind-body");
  const open = html.lastIndexOf("<", marker);
  const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(open))?.[1];
  const htmlTag = /<html\b[^>]*>/i.exec(html);
  if (
    marker < 0 ||
    open < 0 ||
    !name ||
    !htmlTag ||
    html.indexOf("data-pagefind-body", marker + 1) >= 0
  ) {
    return undefined;
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
  if (end < 0) return undefined;
  if (html.lastIndexOf("data-pagefind-", open) >= 0 || html.indexOf("data-pagefind-", end) >= 0)
    return undefined;
  return { htmlTag: [htmlTag.index, htmlTag.index + htmlTag[0].length], element: [open, end] };
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
