import { words } from "../lib/arabic.ts";
import { marksQueryWord, matchesQueryWord, queryWords } from "../lib/search/fold.ts";
import { procliticSplits } from "../lib/search/proclitics.ts";

/**
 * Search across the archive's Pagefind shards, in the browser (bundled into
 * /assets/search.js). The shards are merged into one Pagefind instance
 * (`mergeIndex`), each tagged with a `shard` filter; results are ordered:
 *
 *  - newest first: the shards are runs of dates, newest first, so each
 *    shard's own date-sorted results, one shard after another, are in global
 *    date order (undated articles last);
 *  - relevance: Pagefind's merged ranking by score.
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

export interface ResultSet {
  total: number;
  /** True when `total` counts Pagefind's candidates that were not all checked (very common words). */
  approximate: boolean;
  /** Words of the query, as the reader typed them, found nowhere in the archive. */
  missingWords: string[];
  /** The (folded) words searched for: the query's, a prefixed word the archive lacks read as its bare word. */
  words: string[];
  /** Hits `from` … `from + count`, their data loaded. */
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
 * Up to this many candidates every one is checked, so the count shown is
 * exact. Each check loads the result's fragment (2–3 KB): measured on the
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
/** How many of a word's best candidates are checked to decide whether the archive holds it. */
const EXISTENCE_SAMPLE = 5;

/** The shards a search reads: those that hold the filtered year (Pagefind's year filter then picks its articles), or all. */
export function shardsToSearch(shards: readonly ShardInfo[], filters: Filters): ShardInfo[] {
  const { year } = filters;
  return shards.filter((s) => !year || (s.years ?? []).includes(year));
}

export class ShardedSearch {
  private index: Promise<Pagefind> | undefined;
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

  /**
   * All shards as one Pagefind instance: the first shard's, with the others
   * merged into it (Pagefind's multisite search, `mergeIndex`). A reader then
   * downloads Pagefind's script, worker and WebAssembly once — an instance per
   * shard loads the WebAssembly again for each (≈60 KB a shard). A merged
   * search ranks every shard's results by score, as relevance wants; each
   * shard also carries a filter `shard` (Pagefind's `mergeFilter`), so that
   * newest first can read the shards one by one, each in its own date order
   * (a sorted search scores results by their place in that order).
   */
  private pagefind(): Promise<Pagefind> {
    this.index ??= (async () => {
      const [first, ...others] = this.shards;
      if (!first) throw new Error("the search index has no shards");
      const url = (shard: ShardInfo) => `${this.base}${shard.path.slice(1)}`;
      const module = (await import(
        /* @vite-ignore */ `${url(first)}pagefind.js`
      )) as PagefindModule;
      const options = (shard: ShardInfo) => ({
        baseUrl: this.base,
        excerptLength: EXCERPT_WORDS,
        mergeFilter: { shard: shard.id },
        ranking: RANKING,
      });
      const pagefind = module.createInstance({ basePath: url(first), ...options(first) });
      await pagefind.init();
      await Promise.all(others.map((shard) => pagefind.mergeIndex(url(shard), options(shard))));
      return pagefind;
    })();
    return this.index;
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

  /** Whether the archive holds a (folded) word at all: one of its best candidates must really hold it. */
  private exists(word: string): Promise<boolean> {
    let found = this.existing.get(word);
    if (!found) {
      found = (async () => {
        if (this.shards.length === 0) return false;
        const pagefind = await this.pagefind();
        for (const shard of this.shards) {
          const { results } = await pagefind.search(word, { filters: { shard: shard.id } });
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

  async search(query: string, filters: Filters, sort: Sort): Promise<ResultSet> {
    // Each folded word with the word the reader typed, to name it as typed.
    const typed = words(query).flatMap((word) =>
      queryWords(word).map((folded) => ({ word, folded })),
    );
    const asked = typed.map((t) => t.folded);
    if (asked.length === 0 && !filters.tag && !filters.year && !filters.lang && !filters.section) {
      return { total: 0, approximate: false, missingWords: [], words: [], slice: async () => [] };
    }
    // Pagefind drops a word it does not know and searches the others: say so instead.
    const held = await Promise.all(asked.map((w) => this.asHeld(w)));
    const missingWords = [
      ...new Set(typed.filter((_, i) => held[i] === undefined).map((t) => t.word)),
    ];
    if (missingWords.length > 0)
      return { total: 0, approximate: false, missingWords, words: asked, slice: async () => [] };
    const wanted = held as string[];

    const term = wanted.length > 0 ? wanted.join(" ") : null;
    const pagefindFilters: Record<string, string> = {};
    for (const key of ["tag", "year", "lang", "section"] as const) {
      const value = filters[key];
      if (value) pagefindFilters[key] = value;
    }
    if (this.shards.length === 0)
      return {
        total: 0,
        approximate: false,
        missingWords: [],
        words: wanted,
        slice: async () => [],
      };
    const pagefind = await this.pagefind();
    const byDate = sort === "newest" || term === null;
    // Newest first: the shards in order, each in its date order. Relevance: one
    // merged search (Pagefind ranks by score, ties in shard order).
    const candidates = byDate
      ? (
          await Promise.all(
            shardsToSearch(this.shards, filters).map(
              async (shard) =>
                (
                  await pagefind.search(term, {
                    filters: { ...pagefindFilters, shard: shard.id },
                    sort: { date: "desc" },
                  })
                ).results,
            ),
          )
        ).flat()
      : (await pagefind.search(term, { filters: pagefindFilters })).results;

    // Checked in order, as far as needed; all of them when there are few.
    const checked: PagefindResult[] = [];
    let next = 0;
    const checkUntil = async (n: number) => {
      while (checked.length < n && next < candidates.length) {
        const batch = candidates.slice(next, next + Math.max(20, n - checked.length));
        next += batch.length;
        const ok = await Promise.all(batch.map((r) => this.holds(r, wanted)));
        checked.push(...batch.filter((_, i) => ok[i]));
      }
    };
    const exact = candidates.length <= CHECK_ALL;
    if (exact) await checkUntil(Number.POSITIVE_INFINITY);
    return {
      total: exact ? checked.length : candidates.length,
      approximate: !exact,
      missingWords: [],
      words: wanted,
      slice: async (from, count) => {
        await checkUntil(from + count);
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
