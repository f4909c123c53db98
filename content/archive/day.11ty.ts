import {
  articleList,
  breadcrumbs,
  dateCrumbs,
  document,
  neighbourLinks,
  pageSuffix,
  pagination,
} from "../../layouts/components.ts";
import type { PaginatedData } from "../../layouts/types.ts";
import { html } from "../../scripts/lib/site/html.ts";
import type { DayPage } from "../../scripts/lib/site/page-kinds/day.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";

/** One day's articles, paginated. */
export const data = onePagePerItem<DayPage>("archive.pages.day");

export function render({ site, archive, p }: PaginatedData<DayPage>): string {
  const day = site.format.day(p.day.day);
  const main = html`${breadcrumbs(site, dateCrumbs(site, p.day.day, "day"))}
<h1>أرشيف ${day}${pageSuffix(site, p)}</h1>
<p class="lead">${site.format.count(p.day.count)} في هذا اليوم.</p>
${articleList(site, archive, p.items)}
${pagination(site, p)}
${neighbourLinks(
  site,
  "الأيام المجاورة",
  { next: "اليوم التالي", previous: "اليوم السابق" },
  p.next && { url: p.next.url, label: site.format.day(p.next.day) },
  p.previous && { url: p.previous.url, label: site.format.day(p.previous.day) },
)}`;
  return document(site, { title: `أرشيف ${day}${pageSuffix(site, p)}`, url: p.url, main });
}
