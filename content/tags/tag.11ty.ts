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
    { label: site.t.home, url: URLS.home },
    { label: site.t.tags, url: URLS.tags },
    { label: p.tag.name },
  ])}
<h1>${p.tag.name}${pageSuffix(site, p)}</h1>
<p class="lead">${fill(site.t.countWithTag, { count: site.articles(p.tag.count) })}</p>
${articleList(site, archive, p.items)}
${pagination(site, p)}`;
  return document(site, {
    title: `${p.tag.name}${pageSuffix(site, p)}`,
    url: p.url,
    main,
    ...(feed ? { feed } : {}),
  });
}
