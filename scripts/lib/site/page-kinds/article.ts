import type { ArchiveArticle } from "../archive-article.ts";
import { pageKind } from "./kind.ts";

/** One page per article; the sitemap gives its day as last-modified date. */
export const articlePages = pageKind({
  name: "article",
  pages: (ix): ArchiveArticle[] => ix.articles,
  sitemapEntry: (a: ArchiveArticle) => (a.day ? { url: a.url, lastmod: a.day } : { url: a.url }),
});
