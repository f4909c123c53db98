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
import type { MonthPage } from "../../scripts/lib/site/page-kinds/month.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";

/** One month: its days with counts, then its articles, paginated. */
export const data = onePagePerItem<MonthPage>("archive.pages.month");

export function render({ site, archive, p }: PaginatedData<MonthPage>): string {
  const { t } = site;
  const month = site.format.month(p.month.month);
  const title = `${fill(t.archiveOf, { period: month })}${pageSuffix(site, p)}`;
  const main = html`${breadcrumbs(site, dateCrumbs(site, `${p.month.month}-01`, "month"))}
<h1>${title}</h1>
<p class="lead">${fill(t.countIn, { count: site.articles(p.month.count), period: month })}</p>
<h2>${t.days}</h2>
<ul class="chips">${p.month.days.map((d) => html`<li><a href="${site.href(d.url)}">${site.format.day(d.day)} <span class="count">(${site.format.number(d.count)})</span></a></li>`)}</ul>
<h2>${t.articles}</h2>
${articleList(site, archive, p.items)}
${pagination(site, p)}
${neighbourLinks(
  site,
  t.neighbourMonths,
  { next: t.nextMonth, previous: t.previousMonth },
  p.next && { url: p.next.url, label: site.format.label(site.format.month(p.next.month)) },
  p.previous && {
    url: p.previous.url,
    label: site.format.label(site.format.month(p.previous.month)),
  },
)}`;
  return document(site, { title, url: p.url, main });
}
