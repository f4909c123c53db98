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

export interface ListPage {
  url: string;
  /** 1-based. */
  pageNumber: number;
  pageCount: number;
  /** URL of every page of this listing, in order. */
  pageUrls: string[];
  items: ArchiveArticle[];
}

export function paginate(
  items: ArchiveArticle[],
  size: number,
  base: string,
  keepEmpty = false,
): ListPage[] {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  if (items.length === 0 && !keepEmpty) return [];
  const pageUrls = Array.from({ length: pageCount }, (_, i) => URLS.page(base, i + 1));
  return pageUrls.map((url, i) => ({
    url,
    pageNumber: i + 1,
    pageCount,
    pageUrls,
    items: items.slice(i * size, (i + 1) * size),
  }));
}

export function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
