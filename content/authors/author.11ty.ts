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
import type { AuthorPage } from "../../scripts/lib/site/page-kinds/author.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** One author: their articles, newest first, paginated, with a feed. */
export const data = onePagePerItem<AuthorPage>("archive.pages.author", {
  alsoShows: (p, archive) => {
    const feed = archive.feedFor(p.author.url);
    return feed ? [feed.title, feed.atomUrl, feed.jsonUrl] : null;
  },
});

export function render({ site, archive, p }: PaginatedData<AuthorPage>): string {
  const feed = archive.feedFor(p.author.url);
  const main = html`${breadcrumbs(site, [
    { label: site.t.home, url: URLS.home },
    { label: site.t.authors, url: URLS.authors },
    { label: p.author.name },
  ])}
<h1>${p.author.name}${pageSuffix(site, p)}</h1>
<p class="lead">${fill(site.t.countByAuthor, { count: site.articles(p.author.count) })}</p>
${articleList(site, archive, p.items)}
${pagination(site, p)}`;
  return document(site, {
    title: `${p.author.name}${pageSuffix(site, p)}`,
    url: p.url,
    main,
    ...(feed ? { feed } : {}),
  });
}
