import {
  articleList,
  breadcrumbs,
  dateCrumbs,
  document,
  neighbourLinks,
  pageSuffix,
  pagination,
} from "../../layouts/components.ts";
import { fill } from "../../layouts/i18n/fill.ts";
import type { PaginatedData } from "../../layouts/types.ts";
import { html } from "../../scripts/lib/site/html.ts";
import type { DayPage } from "../../scripts/lib/site/page-kinds/day.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";

/** One day's articles, paginated. */
export const data = onePagePerItem<DayPage>("archive.pages.day");

export function render({ site, archive, p }: PaginatedData<DayPage>): string {
  const { t } = site;
  const title = `${fill(t.archiveOf, { period: site.format.day(p.day.day) })}${pageSuffix(site, p)}`;
  const main = html`${breadcrumbs(site, dateCrumbs(site, p.day.day, "day"))}
<h1>${title}</h1>
<p class="lead">${fill(t.countThisDay, { count: site.articles(p.day.count) })}</p>
${articleList(site, archive, p.items)}
${pagination(site, p)}
${neighbourLinks(
  site,
  t.neighbourDays,
  { next: t.nextDay, previous: t.previousDay },
  p.next && { url: p.next.url, label: site.format.day(p.next.day) },
  p.previous && { url: p.previous.url, label: site.format.day(p.previous.day) },
)}`;
  return document(site, { title, url: p.url, main });
}
