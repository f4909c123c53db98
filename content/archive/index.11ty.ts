import { breadcrumbs, document } from "../../layouts/components.ts";
import type { PageData } from "../../layouts/types.ts";
import { html } from "../../scripts/lib/site/html.ts";
import { singlePage } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** The date archive's front door: every year and its months, with counts. */
export const data = singlePage(URLS.archive);

export function render({ site, archive }: PageData): string {
  const { t } = site;
  const main = html`${breadcrumbs(site, [{ label: t.home, url: URLS.home }, { label: t.archive }])}
<h1>${t.archive}</h1>
${archive.years.length === 0 ? html`<p class="empty">${t.noDatedArticles}</p>` : ""}
${archive.years.map(
  (y) => html`<section class="archive-year">
<h2><a href="${site.href(y.url)}">${site.format.year(y.year)}</a> <span class="count">${site.articles(y.count)}</span></h2>
<ul class="chips">${y.months.map((m) => html`<li><a href="${site.href(m.url)}">${site.format.label(site.format.monthName(m.month))} <span class="count">(${site.format.number(m.count)})</span></a></li>`)}</ul>
</section>`,
)}
<section class="archive-undated">
<h2><a href="${site.href(URLS.undated)}">${t.undated}</a> <span class="count">${site.articles(archive.undated.length)}</span></h2>
<p>${t.undatedExplained}</p>
</section>`;
  return document(site, { title: t.archive, url: URLS.archive, main });
}
