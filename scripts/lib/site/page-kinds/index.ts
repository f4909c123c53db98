import type { SitemapEntry } from "../sitemaps.ts";
import { URLS } from "../urls.ts";
import { articlePages } from "./article.ts";
import { authorPages } from "./author.ts";
import { dayPages } from "./day.ts";
import { homePages } from "./home.ts";
import { type ArchiveIndexes, type PageKind, singlePage } from "./kind.ts";
import { monthPages } from "./month.ts";
import { sectionPages } from "./section.ts";
import { tagPages } from "./tag.ts";
import { undatedPages } from "./undated.ts";
import { yearPages } from "./year.ts";

/** Every kind of HTML page, in the sitemap's order. */
export const PAGE_KINDS = [
  homePages,
  articlePages,
  singlePage("tagIndex", URLS.tags),
  singlePage("tagsAlphabetical", URLS.tagsAlphabetical),
  tagPages,
  singlePage("authorIndex", URLS.authors),
  authorPages,
  singlePage("sectionIndex", URLS.sections),
  sectionPages,
  singlePage("dateIndex", URLS.archive),
  yearPages,
  monthPages,
  dayPages,
  undatedPages,
  singlePage("search", URLS.search),
] as const;

type Kinds = (typeof PAGE_KINDS)[number];
/** Each kind's pages, by name: `archive.pages.day`, … */
export type PagesByKind = { [K in Kinds as K["name"]]: ReturnType<K["pages"]> };

export function pagesOf(ix: ArchiveIndexes): PagesByKind {
  return Object.fromEntries(PAGE_KINDS.map((k) => [k.name, k.pages(ix)])) as PagesByKind;
}

/** Every HTML page of the site, kind by kind. */
export function sitemapEntries(pages: PagesByKind): SitemapEntry[] {
  return PAGE_KINDS.flatMap((k) => {
    const kind = k as PageKind<string, { url: string }>;
    const list = (pages as unknown as Record<string, { url: string }[]>)[kind.name] ?? [];
    return list.map((p) => (kind.sitemapEntry ? kind.sitemapEntry(p) : { url: p.url }));
  });
}
