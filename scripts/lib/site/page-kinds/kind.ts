import type { ArchiveArticle } from "../archive-article.ts";
import type { YearSummary } from "../calendar.ts";
import type { SitemapEntry } from "../sitemaps.ts";
import type { TagSummary } from "../tags.ts";
import { URLS } from "../urls.ts";

/**
 * A kind of page: a name, and how its pages come from the archive's indexes.
 * Templates paginate over `archive.pages.<name>`; the sitemap lists every
 * kind's pages in the registry's order (page-kinds/index.ts). A new kind of
 * page is one file here, its line in the registry, and its template.
 */
export interface PageKind<N extends string, P extends { url: string }> {
  name: N;
  pages(ix: ArchiveIndexes): P[];
  /** The page's sitemap entry (default: its URL alone). */
  sitemapEntry?(page: P): SitemapEntry;
}

/** Keeps a kind's name as a literal type, so `archive.pages.day` is typed. */
export function pageKind<N extends string, P extends { url: string }>(
  kind: PageKind<N, P>,
): PageKind<N, P> {
  return kind;
}

/** A page that is not made from a list (the tag index, the search page): one URL. */
export function singlePage<N extends string>(name: N, url: string): PageKind<N, { url: string }> {
  return { name, pages: () => [{ url }] };
}

/** The indexes every kind is built from, made once per build (archive.ts). */
export interface ArchiveIndexes {
  /** Newest first; undated articles last, in alphabetical order. */
  articles: ArchiveArticle[];
  dated: ArchiveArticle[];
  undated: ArchiveArticle[];
  /** By count, then alphabetically. */
  tags: TagSummary[];
  /** Each tag's articles, in archive order. */
  byTag: ReadonlyMap<TagSummary, ArchiveArticle[]>;
  /** Authors and sections, summarised as tags are. */
  authors: TagSummary[];
  byAuthor: ReadonlyMap<TagSummary, ArchiveArticle[]>;
  sections: TagSummary[];
  bySection: ReadonlyMap<TagSummary, ArchiveArticle[]>;
  years: YearSummary[];
  pageSize: number;
}

/**
 * One page of a listing (newest first). Pages are counted from the oldest
 * end: page 1 holds the oldest articles, and every page but the newest holds
 * exactly `size` of them, for good. The newest page, at the listing's own URL,
 * holds the rest (`size` to `2 × size − 1`), so a day's new articles change that
 * page only, not every page after it — an incremental build renders the
 * older pages of a listing again only when articles are added among them.
 */
export interface ListPage {
  url: string;
  /** Counted from the oldest page (1); the newest page has the highest. */
  pageNumber: number;
  /** Whether this is the listing's newest page (its own URL). */
  newest: boolean;
  newestUrl: string;
  oldestUrl: string;
  /** The next newer page, if this is not the newest. */
  newerUrl?: string;
  /** The next older page, if this is not the oldest. */
  olderUrl?: string;
  items: ArchiveArticle[];
}

export function paginate(
  items: ArchiveArticle[],
  size: number,
  base: string,
  keepEmpty = false,
): ListPage[] {
  if (items.length === 0 && !keepEmpty) return [];
  const count = Math.max(1, Math.floor(items.length / size));
  const urlOf = (n: number) => (n === count ? base : URLS.page(base, n));
  const pages: ListPage[] = [];
  for (let n = count; n >= 1; n--) {
    // Items are newest first: page n ends `(n − 1) × size` items before the oldest.
    const end = items.length - (n - 1) * size;
    pages.push({
      url: urlOf(n),
      pageNumber: n,
      newest: n === count,
      newestUrl: base,
      oldestUrl: urlOf(1),
      ...(n < count ? { newerUrl: urlOf(n + 1) } : {}),
      ...(n > 1 ? { olderUrl: urlOf(n - 1) } : {}),
      items: items.slice(n === count ? 0 : end - size, end),
    });
  }
  return pages;
}

export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * The periods before and after the one at `i` of a newest-first list, as
 * their links show them: the field that names each, and its URL. No more: a
 * page's data is its key, and a neighbour's counts change with every new day.
 */
export function neighbourLinks<T extends { url: string }, K extends keyof T>(
  list: readonly T[],
  i: number,
  key: K,
): { previous?: Pick<T, K | "url">; next?: Pick<T, K | "url"> } {
  const link = (x: T | undefined) => x && ({ [key]: x[key], url: x.url } as Pick<T, K | "url">);
  return { ...optional("previous", link(list[i + 1])), ...optional("next", link(list[i - 1])) };
}
