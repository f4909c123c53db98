import { articleList, document, pageSuffix, pagination } from "../layouts/components.ts";
import type { PaginatedData } from "../layouts/types.ts";
import { html } from "../scripts/lib/site/html.ts";
import type { ListPage } from "../scripts/lib/site/page-kinds/kind.ts";
import { onePagePerItem } from "../scripts/lib/site/pages.ts";
import { URLS } from "../scripts/lib/site/urls.ts";

/** Home: the latest articles, paginated; the first page also offers years and top tags. */
const TOP_TAGS = 12;

export const data = onePagePerItem<ListPage>("archive.pages.home", {
  alsoShows: (p, archive) => [
    archive.articles.length,
    p.pageNumber === 1
      ? [archive.years, archive.undated.length, archive.tags.slice(0, TOP_TAGS)]
      : null,
  ],
});

export function render(data: PaginatedData<ListPage>): string {
  const { site, archive, p } = data;
  const first = p.pageNumber === 1;
  const main = html`<h1>${first ? "أحدث المقالات" : `أحدث المقالات${pageSuffix(site, p)}`}</h1>
<p class="lead">${site.description} يضم الأرشيف ${site.format.count(archive.articles.length)}.</p>
${articleList(site, archive, p.items)}
${pagination(site, p)}
${
  first && archive.years.length + archive.tags.length > 0
    ? html`<aside class="browse" aria-label="تصفح الأرشيف">
<section>
<h2>تصفح حسب السنة</h2>
<ul class="chips">${archive.years.map((y) => html`<li><a href="${site.href(y.url)}">${site.format.year(y.year)} <span class="count">(${site.format.count(y.count)})</span></a></li>`)}
${archive.undated.length > 0 ? html`<li><a href="${site.href(URLS.undated)}">بدون تاريخ <span class="count">(${site.format.count(archive.undated.length)})</span></a></li>` : ""}</ul>
</section>
<section>
<h2>أبرز الوسوم</h2>
<ul class="chips">${archive.tags.slice(0, TOP_TAGS).map((t) => html`<li><a href="${site.href(t.url)}">${t.name} <span class="count">(${site.format.number(t.count)})</span></a></li>`)}</ul>
<p><a href="${site.href(URLS.tags)}">كل الوسوم</a></p>
</section>
</aside>`
    : ""
}`;
  return document(site, { title: `أحدث المقالات${pageSuffix(site, p)}`, url: p.url, main });
}
