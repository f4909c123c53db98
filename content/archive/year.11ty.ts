import { breadcrumbs, dateCrumbs, document, neighbourLinks } from "../../layouts/components.ts";
import { fill } from "../../layouts/i18n/fill.ts";
import type { PaginatedData } from "../../layouts/types.ts";
import { html } from "../../scripts/lib/site/html.ts";
import type { YearPage } from "../../scripts/lib/site/page-kinds/year.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";

/** One year: its months with counts, and the days of each month. */
export const data = onePagePerItem<YearPage>("archive.pages.year");

export function render({ site, p }: PaginatedData<YearPage>): string {
  const { t } = site;
  const year = site.format.year(p.year.year);
  const title = fill(t.archiveOf, { period: year });
  const main = html`${breadcrumbs(site, dateCrumbs(site, `${p.year.year}-01-01`, "year"))}
<h1>${title}</h1>
<p class="lead">${fill(t.countIn, { count: site.articles(p.year.count), period: year })}</p>
${p.year.months.map(
  (m) => html`<section class="archive-month">
<h2><a href="${site.href(m.url)}">${site.format.label(site.format.month(m.month))}</a> <span class="count">${site.articles(m.count)}</span></h2>
<ul class="chips">${m.days.map((d) => html`<li><a href="${site.href(d.url)}">${site.format.day(d.day)} <span class="count">(${site.format.number(d.count)})</span></a></li>`)}</ul>
</section>`,
)}
${neighbourLinks(
  site,
  t.neighbourYears,
  { next: t.nextYear, previous: t.previousYear },
  p.next && { url: p.next.url, label: site.format.year(p.next.year) },
  p.previous && { url: p.previous.url, label: site.format.year(p.previous.year) },
)}`;
  return document(site, { title, url: p.url, main });
}
