import type { Archive } from "../scripts/lib/site/archive.ts";
import { html } from "../scripts/lib/site/html.ts";
import type { ListPage } from "../scripts/lib/site/page-kinds/kind.ts";
import type { Site } from "../scripts/lib/site/site.ts";
import type { TagSummary } from "../scripts/lib/site/tags.ts";
import { URLS } from "../scripts/lib/site/urls.ts";
import { articleList, breadcrumbs, document, pageSuffix, pagination } from "./components.ts";
import { fill } from "./i18n/fill.ts";

/** The articles of one name — a tag, an author, a section — newest first, paginated, with its feed. */
export function renderNamePage(
  site: Site,
  archive: Archive,
  p: ListPage,
  name: TagSummary,
  index: { label: string; url: string },
  /** «{count} بهذا الوسم.» */
  lead: string,
): string {
  const feed = archive.feedFor(name.url);
  const main = html`${breadcrumbs(site, [
    { label: site.t.home, url: URLS.home },
    index,
    { label: name.name },
  ])}
<h1>${name.name}${pageSuffix(site, p)}</h1>
${p.newest ? html`<p class="lead">${fill(lead, { count: site.articles(name.count) })}</p>` : ""}
${articleList(site, archive, p.items)}
${pagination(site, p)}`;
  return document(site, {
    title: `${name.name}${pageSuffix(site, p)}`,
    url: p.url,
    main,
    ...(feed ? { feed } : {}),
  });
}

/**
 * A name page's render key: the page, the name, its feed. Only the newest page
 * shows the name's count, so articles added to the name leave its older pages
 * alone (an incremental build does not render them again).
 */
export function namePageKey(archive: Archive, page: ListPage, name: TagSummary): unknown {
  const feed = archive.feedFor(name.url);
  return [
    page,
    page.newest ? name : [name.name, name.url],
    feed ? [feed.title, feed.atomUrl, feed.jsonUrl] : null,
  ];
}
