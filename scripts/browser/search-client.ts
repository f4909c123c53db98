import { words } from "../lib/arabic.ts";
import { marksQueryWord, matchesQueryWord, queryWords } from "../lib/search/fold.ts";
import { procliticSplits } from "../lib/search/proclitics.ts";

/**
 * Search across the archive's Pagefind shards, in the browser (bundled into
 * /assets/search.js). The shards are read lazily into one Pagefind instance
 * (`mergeIndex`), newest first and only as far as the results asked for
 * need (ShardedSearch says why and how they are ranked), each tagged with a
 * `shard` filter.
 *
 * A query word that the archive does not hold at all makes the search find
 * nothing (Pagefind alone would silently drop the word).
 */

export interface ShardInfo {
  id: string;
  /** The years of its articles; none for undated articles. */
  years?: string[];
  path: string;
  pages: number;
}

export type Sort = "relevance" | "newest";

export interface Filters {
  tag?: string;
  year?: string;
  lang?: string;
  section?: string;
}

export interface Hit {
  url: string;
  title: string;
  /** The article's date (ISO 8601, a day or an instant), if it has one. */
  date?: string;
  tags: string[];
  /** Plain text of the excerpt (marks are added by the page). */
  excerpt: string;
  /** The article's photo, its smallest width (Pagefind's `image` metadata). */
  image?: string;
}

interface PagefindData {
  url: string;
  excerpt: string;
  content: string;
  /** Positions of the matched words among the content's words (split at white space). */
  locations?: number[];
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindData>;
}

interface PagefindModule {
  createInstance(options: Record<string, unknown>): Pagefind;
}

interface Pagefind {
  init(): Promise<void>;
  mergeIndex(path: string, options: Record<string, unknown>): Promise<void>;
  search(
    term: string | null,
    options?: Record<string, unknown>,
  ): Promise<{ results: PagefindResult[] }>;
}

/** How far a search has read the archive, and what it found there. */
export interface ResultCount {
  /** Results found: exact, or Pagefind's candidates when they were not all checked. */
  total: number;
  /** True when `total` counts Pagefind's candidates that were not all checked (very common words). */
  approximate: boolean;
  /** False while older shards are still unread: `total` then counts the years read so far. */
  complete: boolean;
  /**
   * The years read in full so far, newest first: a year whose shards have
   * all been read (a large year is cut into runs of months, some of which
   * may not be read yet).
   */
  years: string[];
}

export interface ResultSet {
  /** The count as it stands; it grows as `slice` reads older shards. */
  count(): ResultCount;
  /** Words of the query, as the reader typed them, found nowhere in the archive. */
  missingWords: string[];
  /** The (folded) words searched for: the query's, a prefixed word the archive lacks read as its bare word. */
  words: string[];
  /** Hits `from` … `from + count`, their data loaded (fewer only when there are no more). */
  slice(from: number, count: number): Promise<Hit[]>;
}

/** Words of an excerpt (what Pagefind's own excerpts hold). */
const EXCERPT_WORDS = 28;

/**
 * A result's excerpt, as plain text, from its text: the words around the
 * first match (a third of the excerpt before it), as Pagefind's excerpt does.
 * Pagefind's own excerpt escapes < and > but not &, so the text «&lt;b&gt;»
 * and the text «<b>» come out the same in it: neither can be read back.
 * The first match is the first word of the text that is one the reader asked
 * for (`wanted`, in any spelling, with its article or a proclitic), or
 * Pagefind's first location: a word matched through the alias field («الموصل»
 * asked as موصل, «غزة» as غزه) has no location in the text.
 */
export function excerptOf(
  content: string,
  locations: readonly number[],
  wanted: readonly string[] = [],
): string {
  const all = content.split(/\s+/).filter(Boolean);
  const asked = all.findIndex((token) =>
    words(token).some((w) => wanted.some((q) => marksQueryWord(w, q))),
  );
  // (A location past the text's words is in a metadata field, not in the text.)
  const first = Math.min(
    asked >= 0 ? asked : Number.POSITIVE_INFINITY,
    ...locations.filter((at) => at < all.length),
  );
  if (first === Number.POSITIVE_INFINITY) return all.slice(0, EXCERPT_WORDS).join(" ");
  const start = Math.max(
    0,
    Math.min(first - Math.floor(EXCERPT_WORDS / 3), all.length - EXCERPT_WORDS),
  );
  return all.slice(start, start + EXCERPT_WORDS).join(" ");
}

/**
 * Up to this many candidates (every shard read) every one is checked, so the
 * count shown is exact. Each check loads the result's fragment (2–3 KB): measured on the
 * benchmark archive, 300 cost a reader 265 requests and 730 KB for one query.
 */
const CHECK_ALL = 100;
/**
 * Pagefind's ranking, one weight changed. The index is not stemmed for
 * Arabic (index-site.ts, indexLanguage), so a query word also matches longer
 * words it begins («شمال» → «الشمالية» in the alias field); a stronger
 * preference for words of the query's own length (Pagefind's default is 1)
 * ranks an article with the word itself first, as the stemmed index did.
 * Measured with `npm run eval:search`: MRR 0.989 at 1 on the proclitics set
 * («شمال»), 1.000 at 2 and 3.
 */
const RANKING = { termSimilarity: 2 };
/** How many of the best candidates are checked to decide whether the archive holds a word, or the query's words together. */
const EXISTENCE_SAMPLE = 5;

/** The shards a search reads: those that hold the filtered year (Pagefind's year filter then picks its articles), or all. */
export function shardsToSearch(shards: readonly ShardInfo[], filters: Filters): ShardInfo[] {
  const { year } = filters;
  return shards.filter((s) => !year || (s.years ?? []).includes(year));
}

/** The years of the first `read` shards that no later shard also holds. */
export function yearsReadInFull(shards: readonly ShardInfo[], read: number): string[] {
  const unread = new Set(shards.slice(read).flatMap((s) => s.years ?? []));
  const years = shards.slice(0, read).flatMap((s) => s.years ?? []);
  return [...new Set(years)].filter((y) => !unread.has(y));
}

/** A shard's candidates for a query, in the shard's own order (by score, or by date). */
export interface ShardResults<R extends { score: number }> {
  /** The shard's place among those searched, newest first. */
  tier: number;
  results: readonly R[];
}

/**
 * Several shards' candidates as one list. By date: one shard after another —
 * shards are runs of dates, newest first, each already in date order, so
 * this is the archive's date order. By relevance: by score, highest first;
 * equal scores in shard order, then in the shard's own order, so that the
 * list does not depend on the order the shards were loaded in.
 */
export function rankTogether<R extends { score: number }>(
  shards: readonly ShardResults<R>[],
  byDate: boolean,
): R[] {
  const inOrder = [...shards].sort((a, b) => a.tier - b.tier);
  const all = inOrder.flatMap((s) => s.results.map((r, i) => ({ r, tier: s.tier, i })));
  if (!byDate) all.sort((a, b) => b.r.score - a.r.score || a.tier - b.tier || a.i - b.i);
  return all.map((x) => x.r);
}

/**
 * Search across the archive's Pagefind shards, reading them lazily: newest
 * first, only as many as the results asked for need.
 *
 * A shard costs a reader its metadata (about 10 bytes a page: every page's
 * hash, word count and date) and, for each query word, an index chunk
 * (≈ 20 KB): read all at once, the metadata alone is about 1 MB at 100,000
 * articles before any result. So a search starts with the newest shard and
 * reads the next older one only while what it has read holds less than a
 * page of results; «more results» reads on. The first page is then ranked
 * over the shards it read together (by date, or by relevance), the results
 * of each shard read after it follow in their own ranking: newest first is
 * exactly the archive's date order; relevance is relevance among the newest
 * years that hold a page of results, then year by year back — and over the
 * whole archive whenever the whole archive holds less than a page.
 */
export class ShardedSearch {
  private index: Promise<Pagefind> | undefined;
  /** Settles once the instance is made (its worker starting), before it is ready. */
  private created: Promise<void> | undefined;
  /** Shards merged into the instance (or being merged), by id. */
  private readonly merged = new Map<string, Promise<void>>();
  private readonly existing = new Map<string, Promise<boolean>>();
  private readonly data = new WeakMap<PagefindResult, Promise<PagefindData>>();

  constructor(
    /** The site's path prefix, e.g. "/" or "/archive/". */
    private readonly base: string,
    readonly shards: readonly ShardInfo[],
  ) {}

  /** The archive's shards; fails (for the page to say so) when the index cannot be read. */
  static async load(base: string): Promise<ShardedSearch> {
    const response = await fetch(`${base}pagefind/shards.json`);
    if (!response.ok) throw new Error(`the search index is missing (${response.status})`);
    const { shards } = (await response.json()) as { shards: ShardInfo[] };
    return new ShardedSearch(base, shards);
  }

  private url(shard: ShardInfo): string {
    return `${this.base}${shard.path.slice(1)}`;
  }

  private options(shard: ShardInfo): Record<string, unknown> {
    return {
      baseUrl: this.base,
      excerptLength: EXCERPT_WORDS,
      mergeFilter: { shard: shard.id },
      ranking: RANKING,
    };
  }

  /**
   * One Pagefind instance for every shard read: the first one needed, with
   * the others merged into it as they are needed (Pagefind's multisite
   * search, `mergeIndex`, which can add an index at any time). A reader then
   * downloads Pagefind's script, worker and WebAssembly once — an instance
   * per shard loads the WebAssembly again for each (≈60 KB a shard). Each
   * shard carries a filter `shard` (Pagefind's `mergeFilter`), so that each
   * can be searched on its own, in its own order.
   */
  private async withShard(shard: ShardInfo): Promise<Pagefind> {
    if (!this.index) {
      const created = (async () => {
        // Every shard carries the same script, and the instance reads its worker, WebAssembly
        // and index from `basePath`: it is taken from the newest shard, whichever shard comes
        // first, so the search page can name it for the browser to fetch early (search.11ty.ts).
        const script = this.url(this.shards[0] ?? shard);
        const module = (await import(/* @vite-ignore */ `${script}pagefind.js`)) as PagefindModule;
        // Making the instance starts its worker, which loads the rest.
        return module.createInstance({ basePath: this.url(shard), ...this.options(shard) });
      })();
      // Settles either way: a failure is the index's to report, when a search awaits it.
      this.created = created.then(
        () => {},
        () => {},
      );
      this.index = created.then(async (pagefind) => {
        await pagefind.init();
        return pagefind;
      });
    }
    const index = this.index;
    let merging = this.merged.get(shard.id);
    if (!merging) {
      // The instance's own shard is the first one asked for; any other is merged.
      const first = this.merged.size === 0;
      // A shard that could not be read (the network, a host missing a file) leaves the instance
      // unusable — Pagefind keeps the failed index among those it searches — so the next search
      // starts a new one (results already found keep their own).
      merging = (
        first
          ? index.then(() => {})
          : index.then((p) => p.mergeIndex(this.url(shard), this.options(shard)))
      ).catch((error: unknown) => {
        if (this.index === index) {
          this.index = undefined;
          this.created = undefined;
          this.merged.clear();
        }
        throw error;
      });
      this.merged.set(shard.id, merging);
    }
    const pagefind = await index;
    await merging;
    return pagefind;
  }

  /**
   * Starts Pagefind on the newest shard, the one every search reads first:
   * its script, worker and WebAssembly load while the reader types, or while
   * the page sets itself up. Settles once the worker is starting (the page
   * can then do its own setting up while the worker loads).
   */
  warm(): Promise<void> {
    const newest = this.shards[0];
    if (!newest) return Promise.resolve();
    this.withShard(newest).catch(() => {});
    return this.created ?? Promise.resolve();
  }

  /** A shard's candidates for a query (null: filters only), by score or by date. */
  private async searchShard(
    shard: ShardInfo,
    term: string | null,
    filters: Record<string, string>,
    byDate: boolean,
  ): Promise<PagefindResult[]> {
    const pagefind = await this.withShard(shard);
    const { results } = await pagefind.search(term, {
      filters: { ...filters, shard: shard.id },
      ...(byDate ? { sort: { date: "desc" } } : {}),
    });
    return results;
  }

  private dataOf(result: PagefindResult): Promise<PagefindData> {
    let d = this.data.get(result);
    if (!d) {
      d = result.data();
      this.data.set(result, d);
    }
    return d;
  }

  /**
   * Whether a result really holds every query word, in its text, its title,
   * its author or its alias field. Pagefind also returns looser matches — a
   * word the query word begins with («ريق» finds «الري»), a short word's
   * longer ones — and those are not shown.
   */
  private async holds(result: PagefindResult, wanted: string[]): Promise<boolean> {
    if (wanted.length === 0) return true;
    const d = await this.dataOf(result);
    const text = words(
      `${d.content} ${d.meta.alias ?? ""} ${d.meta.title ?? ""} ${d.meta.author ?? ""}`,
    );
    return wanted.every((q) => text.some((w) => matchesQueryWord(w, q)));
  }

  /**
   * Whether the archive holds a (folded) word at all: one of its best
   * candidates in some shard must really hold it. Shards are asked newest
   * first, so a word of the news of the day reads no older shard.
   */
  private exists(word: string): Promise<boolean> {
    let found = this.existing.get(word);
    if (!found) {
      found = (async () => {
        for (const shard of this.shards) {
          const results = await this.searchShard(shard, word, {}, false);
          for (const r of results.slice(0, EXISTENCE_SAMPLE))
            if (await this.holds(r, [word])) return true;
        }
        return false;
      })();
      this.existing.set(word, found);
    }
    return found;
  }

  /**
   * A query word as the archive holds it: itself, or — when the archive does
   * not hold it and it carries a proclitic («بمشاركة») — its bare word, if the
   * archive holds that (the index side's rule, proclitics.ts, seen from the
   * query: the bare word is in the index only where it is a word of the archive).
   */
  private async asHeld(word: string): Promise<string | undefined> {
    if (await this.exists(word)) return word;
    for (const bare of procliticSplits(word)) if (await this.exists(bare)) return bare;
    return undefined;
  }

  /**
   * The results of a query, read lazily. `firstPage` is how many results the
   * first page shows: the shards read before any result is shown are those
   * that hold that many (or all), and they are ranked together.
   */
  async search(query: string, filters: Filters, sort: Sort, firstPage = 20): Promise<ResultSet> {
    // Each folded word with the word the reader typed, to name it as typed.
    const typed = words(query).flatMap((word) =>
      queryWords(word).map((folded) => ({ word, folded })),
    );
    const asked = typed.map((t) => t.folded);
    const nothing = (missingWords: string[], searched: string[]): ResultSet => ({
      count: () => ({ total: 0, approximate: false, complete: true, years: [] }),
      missingWords,
      words: searched,
      slice: async () => [],
    });
    if (asked.length === 0 && !filters.tag && !filters.year && !filters.lang && !filters.section)
      return nothing([], []);
    const pagefindFilters: Record<string, string> = {};
    for (const key of ["tag", "year", "lang", "section"] as const) {
      const value = filters[key];
      if (value) pagefindFilters[key] = value;
    }
    const shards = shardsToSearch(this.shards, filters);
    const byDate = sort === "newest" || asked.length === 0;

    /** Each shard's candidates for the words searched, by the shard's place among those searched: asked for once (again after a failure). */
    const asking = new Map<string, Promise<PagefindResult[]>>();
    const candidatesOf = (tier: number, words: string | null): Promise<PagefindResult[]> => {
      const key = `${tier} ${words ?? ""}`;
      let results = asking.get(key);
      if (!results) {
        results = this.searchShard(shards[tier] as ShardInfo, words, pagefindFilters, byDate);
        asking.set(key, results);
        results.catch(() => asking.delete(key));
      }
      return results;
    };
    /**
     * Fewer candidates than a page in the shards read: the next older shard is read whatever
     * their checks say, so it is asked for now (its metadata and index chunk), beside them.
     */
    const readAhead = (found: number, tier: number, words: string | null) => {
      if (found < firstPage && tier < shards.length) candidatesOf(tier, words).catch(() => {});
    };

    // Pagefind drops a word it does not know and searches the others: say so instead. Most
    // queries are words the archive holds as typed, so the first shard is searched for them
    // at once: when one of its best candidates holds every word, so does the archive, and no
    // word is asked about on its own — each such question costs a search and a result's
    // fragment before the first page's. Otherwise each word is asked about.
    let held: (string | undefined)[] | undefined;
    if (asked.length > 0 && shards.length > 0) {
      const asTyped = asked.join(" ");
      const results = await candidatesOf(0, asTyped);
      readAhead(results.length, 1, asTyped);
      const best = results.slice(0, EXISTENCE_SAMPLE);
      if ((await Promise.all(best.map((r) => this.holds(r, asked)))).some(Boolean)) held = asked;
    }
    held ??= await Promise.all(asked.map((w) => this.asHeld(w)));
    const missingWords = [
      ...new Set(typed.filter((_, i) => held[i] === undefined).map((t) => t.word)),
    ];
    if (missingWords.length > 0) return nothing(missingWords, asked);
    const wanted = held as string[];
    const term = wanted.length > 0 ? wanted.join(" ") : null;
    if (shards.length === 0) return nothing([], wanted);

    // Candidates in the order shown, checked in that order, as far as needed.
    const candidates: PagefindResult[] = [];
    const checked: PagefindResult[] = [];
    let next = 0;
    let read = 0;
    /** The next older shard's candidates; counted as read once they are in (a failure is tried again). */
    const readShard = async (): Promise<ShardResults<PagefindResult>> => {
      const tier = read;
      const results = await candidatesOf(tier, term);
      read = tier + 1;
      return { tier, results };
    };
    /** Whether `n` of these candidates, checked in order a page at a time, hold the words. */
    const holdAtLeast = async (list: readonly PagefindResult[], n: number) => {
      // Fewer candidates than that: no check can make them enough. Checked now, they would cost a
      // fragment each, and ranked with the next shard's many a page would not show them.
      if (list.length < n) return false;
      let found = 0;
      for (let at = 0; found < n && at < list.length; at += firstPage) {
        const ok = await Promise.all(
          list.slice(at, at + firstPage).map((r) => this.holds(r, wanted)),
        );
        found += ok.filter(Boolean).length;
      }
      return found >= n;
    };
    /** Checks the candidates in order until `n` hold the words or none is left; true if `n` do. */
    const checkUntil = async (n: number) => {
      while (checked.length < n && next < candidates.length) {
        const batch = candidates.slice(next, next + Math.max(firstPage, n - checked.length));
        next += batch.length;
        const ok = await Promise.all(batch.map((r) => this.holds(r, wanted)));
        checked.push(...batch.filter((_, i) => ok[i]));
      }
      return checked.length >= n;
    };

    // The first page: shards newest first until they hold a page of results.
    const first: ShardResults<PagefindResult>[] = [];
    let ranked: PagefindResult[] = [];
    while (read < shards.length) {
      first.push(await readShard());
      ranked = rankTogether(first, byDate);
      readAhead(ranked.length, read, term);
      if (await holdAtLeast(ranked, firstPage)) break;
    }
    candidates.push(...ranked);

    const complete = () => read === shards.length;
    // Once every shard is read, every candidate is checked while they are few, so the count is exact.
    const countExactly = async () => {
      if (complete() && candidates.length <= CHECK_ALL) await checkUntil(Number.POSITIVE_INFINITY);
    };
    await countExactly();
    /** Checked results up to `n`, reading older shards when those read run out. */
    const fill = async (n: number) => {
      for (;;) {
        if (await checkUntil(n)) return;
        if (complete()) return;
        candidates.push(...(await readShard()).results);
        await countExactly();
      }
    };
    return {
      count: () => {
        const exact = next >= candidates.length;
        return {
          total: exact ? checked.length : candidates.length,
          approximate: !exact,
          complete: complete(),
          years: yearsReadInFull(shards, read),
        };
      },
      missingWords: [],
      words: wanted,
      slice: async (from, count) => {
        await fill(from + count);
        return Promise.all(
          checked.slice(from, from + count).map(async (r) => {
            const d = await this.dataOf(r);
            return {
              url: d.url,
              title: d.meta.title ?? d.url,
              ...(d.filters.date?.[0] ? { date: d.filters.date[0] } : {}),
              tags: d.filters.tag ?? [],
              ...(d.meta.image ? { image: d.meta.image } : {}),
              // From the text itself: the page marks the words.
              excerpt: excerptOf(d.content, d.locations ?? [], wanted),
            };
          }),
        );
      },
    };
  }
}
