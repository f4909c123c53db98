import { breadcrumbs, document } from "../../layouts/components.ts";
import type { PageData } from "../../layouts/types.ts";
import { html } from "../../scripts/lib/site/html.ts";
import { singlePage } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** The date archive's front door: every year and its months, with counts. */
export const data = singlePage(URLS.archive);

export function render({ site, archive }: PageData): string {
  const main = html`${breadcrumbs(site, [{ label: "الرئيسية", url: URLS.home }, { label: "الأرشيف" }])}
<h1>الأرشيف</h1>
${archive.years.length === 0 ? html`<p class="empty">لا مقالات مؤرخة بعد.</p>` : ""}
${archive.years.map(
  (y) => html`<section class="archive-year">
<h2><a href="${site.href(y.url)}">${site.format.year(y.year)}</a> <span class="count">${site.format.count(y.count)}</span></h2>
<ul class="chips">${y.months.map((m) => html`<li><a href="${site.href(m.url)}">${site.format.monthName(m.month)} <span class="count">(${site.format.number(m.count)})</span></a></li>`)}</ul>
</section>`,
)}
<section class="archive-undated">
<h2><a href="${site.href(URLS.undated)}">بدون تاريخ</a> <span class="count">${site.format.count(archive.undated.length)}</span></h2>
<p>مقالات لم يذكر مصدرها تاريخ نشرها.</p>
</section>`;
  return document(site, { title: "الأرشيف", url: URLS.archive, main });
}
