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
import type { SectionPage } from "../../scripts/lib/site/page-kinds/section.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** One section: its articles, newest first, paginated, with a feed. */
export const data = onePagePerItem<SectionPage>("archive.pages.section", {
  alsoShows: (p, archive) => {
    const feed = archive.feedFor(p.section.url);
    return feed ? [feed.title, feed.atomUrl, feed.jsonUrl] : null;
  },
});

export function render({ site, archive, p }: PaginatedData<SectionPage>): string {
  const feed = archive.feedFor(p.section.url);
  const main = html`${breadcrumbs(site, [
    { label: site.t.home, url: URLS.home },
    { label: site.t.sections, url: URLS.sections },
    { label: p.section.name },
  ])}
<h1>${p.section.name}${pageSuffix(site, p)}</h1>
<p class="lead">${fill(site.t.countInSection, { count: site.articles(p.section.count) })}</p>
${articleList(site, archive, p.items)}
${pagination(site, p)}`;
  return document(site, {
    title: `${p.section.name}${pageSuffix(site, p)}`,
    url: p.url,
    main,
    ...(feed ? { feed } : {}),
  });
}
