import {
  articleList,
  breadcrumbs,
  document,
  pageSuffix,
  pagination,
} from "../../layouts/components.ts";
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
  const main = html`${breadcrumbs(site, [
    { label: "الرئيسية", url: URLS.home },
    { label: "الأرشيف", url: URLS.archive },
    { label: "بدون تاريخ" },
  ])}
<h1>مقالات بدون تاريخ${pageSuffix(site, p)}</h1>
<p class="lead">${site.format.count(archive.undated.length)} لم يذكر مصدرها تاريخ النشر، مرتبة أبجديًا.</p>
${articleList(site, archive, p.items)}
${pagination(site, p)}`;
  return document(site, { title: `مقالات بدون تاريخ${pageSuffix(site, p)}`, url: p.url, main });
}
