import {
  articleList,
  breadcrumbs,
  document,
  pageSuffix,
  pagination,
} from "../../layouts/components.ts";
import { fill } from "../../layouts/i18n/fill.ts";
import type { PaginatedData } from "../../layouts/types.ts";
import { html } from "../../scripts/lib/site/html.ts";
import type { ListPage } from "../../scripts/lib/site/page-kinds/kind.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** Articles whose source gives no date, alphabetically. Nashra never guesses a date. */
export const data = onePagePerItem<ListPage>("archive.pages.undated", {
  alsoShows: (_, archive) => archive.undated.length,
});

export function render({ site, archive, p }: PaginatedData<ListPage>): string {
  const { t } = site;
  const title = `${t.undatedArticles}${pageSuffix(site, p)}`;
  const main = html`${breadcrumbs(site, [
    { label: t.home, url: URLS.home },
    { label: t.archive, url: URLS.archive },
    { label: t.undated },
  ])}
<h1>${title}</h1>
<p class="lead">${fill(t.undatedLead, { count: site.articles(archive.undated.length) })}</p>
${articleList(site, archive, p.items)}
${pagination(site, p)}`;
  return document(site, { title, url: p.url, main });
}
