import type { PaginatedData } from "../layouts/types.ts";
import { html } from "../scripts/lib/site/html.ts";
import { onePagePerItem } from "../scripts/lib/site/pages.ts";
import type { SitemapFile } from "../scripts/lib/site/sitemaps.ts";

/** sitemap.xml: every page; past 45,000 URLs, an index of numbered sitemap files. */
export const data = onePagePerItem<SitemapFile>("archive.sitemaps");

export function render({ site, p }: PaginatedData<SitemapFile>): string {
  const body =
    p.kind === "index"
      ? html`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${p.files.map((url) => html`<sitemap><loc>${site.absolute(url)}</loc></sitemap>\n`)}</sitemapindex>`
      : html`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${p.entries.map((e) => html`<url><loc>${site.absolute(e.url)}</loc>${e.lastmod ? html`<lastmod>${e.lastmod}</lastmod>` : ""}</url>\n`)}</urlset>`;
  return `<?xml version="1.0" encoding="utf-8"?>\n${body}\n`;
}
