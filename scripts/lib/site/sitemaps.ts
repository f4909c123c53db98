import { URLS } from "./urls.ts";

export interface SitemapEntry {
  url: string;
  /** YYYY-MM-DD, for articles. */
  lastmod?: string;
}

/** One file of the sitemap: a list of pages, or (for large archives) the index of the lists. */
export type SitemapFile =
  | { url: string; kind: "urlset"; entries: SitemapEntry[] }
  | { url: string; kind: "index"; files: string[] };

/** URLs in one sitemap file (the protocol allows 50,000). */
const SITEMAP_SIZE = 45_000;

export function sitemapFiles(entries: SitemapEntry[]): SitemapFile[] {
  if (entries.length <= SITEMAP_SIZE) return [{ url: URLS.sitemap, kind: "urlset", entries }];
  const parts: SitemapFile[] = [];
  for (let i = 0; i < entries.length; i += SITEMAP_SIZE) {
    parts.push({
      url: URLS.sitemapPart(parts.length + 1),
      kind: "urlset",
      entries: entries.slice(i, i + SITEMAP_SIZE),
    });
  }
  return [{ url: URLS.sitemap, kind: "index", files: parts.map((p) => p.url) }, ...parts];
}
