import type { PageData } from "../layouts/types.ts";
import { singlePage } from "../scripts/lib/site/pages.ts";
import { URLS } from "../scripts/lib/site/urls.ts";

/** robots.txt: everything may be crawled; the sitemap says where the pages are. */
export const data = singlePage("/robots.txt");

export function render({ site }: PageData): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${site.absolute(URLS.sitemap)}\n`;
}
