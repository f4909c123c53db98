import {
  articleList,
  breadcrumbs,
  document,
  pageSuffix,
  pagination,
} from "../../layouts/components.ts";
import type { PaginatedData } from "../../layouts/types.ts";
import { html } from "../../scripts/lib/site/html.ts";
import type { TagPage } from "../../scripts/lib/site/page-kinds/tag.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** One tag: its articles, newest first, paginated. */
export const data = onePagePerItem<TagPage>("archive.pages.tag", {
  alsoShows: (p, archive) => {
    const feed = archive.feedFor(p.tag.url);
    return feed ? [feed.title, feed.atomUrl, feed.jsonUrl] : null;
  },
});

export function render({ site, archive, p }: PaginatedData<TagPage>): string {
  const feed = archive.feedFor(p.tag.url);
  const main = html`${breadcrumbs(site, [
    { label: "الرئيسية", url: URLS.home },
    { label: "الوسوم", url: URLS.tags },
    { label: p.tag.name },
  ])}
<h1>${p.tag.name}${pageSuffix(site, p)}</h1>
<p class="lead">${site.format.count(p.tag.count)} بهذا الوسم.</p>
${articleList(site, archive, p.items)}
${pagination(site, p)}`;
  return document(site, {
    title: `${p.tag.name}${pageSuffix(site, p)}`,
    url: p.url,
    main,
    ...(feed ? { feed } : {}),
  });
}
