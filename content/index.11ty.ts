import { articleList, document, pageSuffix, pagination } from "../layouts/components.ts";
import { fill } from "../layouts/i18n/fill.ts";
import type { PaginatedData } from "../layouts/types.ts";
import { html } from "../scripts/lib/site/html.ts";
import type { ListPage } from "../scripts/lib/site/page-kinds/kind.ts";
import { onePagePerItem } from "../scripts/lib/site/pages.ts";
import { URLS } from "../scripts/lib/site/urls.ts";

/** Home: the latest articles, paginated; the first page also offers years and top tags. */
const TOP_TAGS = 12;

export const data = onePagePerItem<ListPage>("archive.pages.home", {
  // Only the newest page shows the archive's size, years and top tags: older
  // pages stay as they are while articles are added.
  alsoShows: (p, archive) =>
    p.newest
      ? [
          archive.articles.length,
          archive.years,
          archive.undated.length,
          archive.tags.slice(0, TOP_TAGS),
        ]
      : null,
});

export function render(data: PaginatedData<ListPage>): string {
  const { site, archive, p } = data;
  const { t } = site;
  const first = p.newest;
  const title = `${t.latestArticles}${pageSuffix(site, p)}`;
  const main = html`<h1>${title}</h1>
${first ? html`<p class="lead">${site.description} ${fill(t.archiveHolds, { count: site.articles(archive.articles.length) })}</p>` : ""}
${articleList(site, archive, p.items)}
${pagination(site, p)}
${
  first && archive.years.length + archive.tags.length > 0
    ? html`<aside class="browse" aria-label="${t.browseTheArchive}">
<section>
<h2>${t.browseByYear}</h2>
<ul class="chips">${archive.years.map((y) => html`<li><a href="${site.href(y.url)}">${site.format.year(y.year)} <span class="count">(${site.articles(y.count)})</span></a></li>`)}
${archive.undated.length > 0 ? html`<li><a href="${site.href(URLS.undated)}">${t.undated} <span class="count">(${site.articles(archive.undated.length)})</span></a></li>` : ""}</ul>
</section>
<section>
<h2>${t.topTags}</h2>
<ul class="chips">${archive.tags.slice(0, TOP_TAGS).map((t) => html`<li><a href="${site.href(t.url)}">${t.name} <span class="count">(${site.format.number(t.count)})</span></a></li>`)}</ul>
<p><a href="${site.href(URLS.tags)}">${t.allTags}</a>${archive.authors.length > 0 ? html` · <a href="${site.href(URLS.authors)}">${t.authors}</a>` : ""}</p>
</section>
</aside>`
    : ""
}`;
  return document(site, { title, url: p.url, main });
}
