import type { ArticleImage } from "../scripts/lib/article-file.ts";
import type { Archive } from "../scripts/lib/site/archive.ts";
import type { ArchiveArticle } from "../scripts/lib/site/archive-article.ts";
import type { Feed } from "../scripts/lib/site/feeds.ts";
import { flat, type Html, html, jsonForScript, type Renderable } from "../scripts/lib/site/html.ts";
import { responsiveImage } from "../scripts/lib/site/images.ts";
import type { ListPage } from "../scripts/lib/site/page-kinds/kind.ts";
import type { Site } from "../scripts/lib/site/site.ts";
import { URLS } from "../scripts/lib/site/urls.ts";
import { fill } from "./i18n/fill.ts";

/**
 * The pieces every page is made of: the document shell with header and
 * footer, article lists, page numbers, breadcrumbs. Plain functions returning
 * escaped `Html`, their labels from the site's dictionary (`site.t`); no JavaScript is sent to the browser except on the search page.
 */

export interface PageOptions {
  title: string;
  /** Page URL without prefix, for the canonical link. */
  url: string;
  description?: string;
  main: Renderable;
  /** An article page: Open Graph `article` and its dates and tags. */
  article?: { published?: string; tags: readonly string[] };
  /** Structured data (JSON-LD) describing the page. */
  jsonLd?: unknown;
  /** Feeds the page offers besides the whole archive's. */
  feed?: Feed;
  /** Pages search engines should not list (404). */
  noindex?: boolean;
  /** Only the search page loads a script. */
  script?: string;
  /**
   * What the page's script will fetch first, fetched while the page loads
   * (`<link rel=preload>`): data as `fetch`, JavaScript modules as `module`.
   */
  preload?: readonly { url: string; as: "fetch" | "module" }[];
  /** The page's photo for link previews (og:image). */
  image?: { url: string; width: number; height: number; alt: string };
}

function feedLinks(site: Site, feed: { title: string; atomUrl: string; jsonUrl: string }): Html {
  const title = feed.title ? `${site.title}: ${feed.title}` : site.title;
  return html`<link rel="alternate" type="application/atom+xml" title="${title}" href="${site.href(feed.atomUrl)}">
<link rel="alternate" type="application/feed+json" title="${title}" href="${site.href(feed.jsonUrl)}">`;
}

export function document(site: Site, options: PageOptions): string {
  const title = options.url === URLS.home ? site.title : `${options.title} — ${site.title}`;
  const description = options.description || site.description;
  return flat(
    `<!DOCTYPE html>\n${html`<html lang="${site.lang}" dir="${site.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${description}">
${options.noindex ? html`<meta name="robots" content="noindex">` : html`<link rel="canonical" href="${site.absolute(options.url)}">`}
<link rel="stylesheet" href="${site.href("/assets/site.css")}">
<link rel="icon" href="${site.href("/assets/favicon.svg")}" type="image/svg+xml">
${(options.preload ?? []).map((p) => (p.as === "module" ? html`<link rel="modulepreload" href="${site.href(p.url)}">\n` : html`<link rel="preload" href="${site.href(p.url)}" as="fetch" crossorigin>\n`))}${feedLinks(site, { title: "", atomUrl: URLS.atom(URLS.home), jsonUrl: URLS.json(URLS.home) })}
${options.feed ? feedLinks(site, options.feed) : ""}
<meta property="og:site_name" content="${site.title}">
<meta property="og:locale" content="${site.ogLocale}">
<meta property="og:type" content="${options.article ? "article" : "website"}">
<meta property="og:title" content="${options.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${site.absolute(options.url)}">
${
  options.image
    ? html`<meta property="og:image" content="${site.absolute(options.image.url)}">
<meta property="og:image:width" content="${String(options.image.width)}">
<meta property="og:image:height" content="${String(options.image.height)}">
${
  options.image.alt
    ? html`<meta property="og:image:alt" content="${options.image.alt}">
`
    : ""
}<meta name="twitter:card" content="summary_large_image">`
    : ""
}
${options.article?.published ? html`<meta property="article:published_time" content="${options.article.published}">` : ""}
${(options.article?.tags ?? []).map((tag) => html`<meta property="article:tag" content="${tag}">\n`)}
${options.jsonLd ? html`<script type="application/ld+json">${jsonForScript(options.jsonLd)}</script>` : ""}
</head>
<body>
<a class="skip-link" href="#main">${site.t.skipToContent}</a>
<header class="site-header">
<a class="site-title" href="${site.href(URLS.home)}">${site.title}</a>
<nav class="site-nav" aria-label="${site.t.siteSections}">
<ul>
<li><a href="${site.href(URLS.home)}">${site.t.home}</a></li>
<li><a href="${site.href(URLS.archive)}">${site.t.archive}</a></li>
<li><a href="${site.href(URLS.sections)}">${site.t.sections}</a></li>
<li><a href="${site.href(URLS.tags)}">${site.t.tags}</a></li>
<li><a href="${site.href(URLS.search)}">${site.t.search}</a></li>
</ul>
</nav>
${searchForm(site, "site-search")}
</header>
<main id="main">
${options.main}
</main>
<footer class="site-footer">
<p>${site.title}: ${site.description}</p>
</footer>
${options.script ? html`<script type="module" src="${site.href(options.script)}"></script>` : ""}
</body>
</html>`}\n`,
  );
}

/** The search box: a plain form that lands on the search page with ?q=… (works without JavaScript). */
export function searchForm(site: Site, id: string, label = site.t.searchTheArchive): Html {
  return html`<form class="search-form" role="search" aria-label="${label}" action="${site.href(URLS.search)}" method="get">
<label for="${id}" class="visually-hidden">${site.t.searchFieldLabel}</label>
<input id="${id}" name="q" type="search" placeholder="${site.t.searchFieldLabel}" autocomplete="off">
<button type="submit">${site.t.searchButton}</button>
</form>`;
}

/** `lang`/`dir` attributes for content whose language differs from the interface's. */
export function langAttributes(site: Site, lang: string, dir: string): Html {
  return lang === site.lang ? html`` : html` lang="${lang}" dir="${dir}"`;
}

/**
 * The interface's `lang`/`dir` back on an element inside content of another
 * language: the dates, labels and tags of an English article's meta line in an
 * Arabic archive are Arabic, laid out right to left.
 */
export function interfaceAttributes(site: Site, contentLang: string): Html {
  return contentLang === site.lang ? html`` : html` lang="${site.lang}" dir="${site.dir}"`;
}

/**
 * A photo as a `<picture>`: AVIF and WebP sources, a JPEG (or PNG) `<img>`
 * with its width and height (no layout shift), the browser choosing the width
 * by `sizes`. The lead photo loads at once and first; any other lazily.
 */
export function picture(
  site: Site,
  image: Pick<ArticleImage, "src" | "width" | "height">,
  options: { alt: string; sizes: string; lead?: boolean; className?: string },
): Html {
  const made = responsiveImage(image);
  const srcset = (variants: readonly { url: string; width: number }[]) =>
    variants.map((v) => `${site.href(v.url)} ${v.width}w`).join(", ");
  const fallback = made.sources[made.sources.length - 1];
  const img = fallback?.variants.at(-1);
  if (!fallback || !img) return html``;
  return html`<picture${options.className ? html` class="${options.className}"` : ""}>${made.sources
    .slice(0, -1)
    .map(
      (s) =>
        html`<source type="${s.type}" srcset="${srcset(s.variants)}" sizes="${options.sizes}">`,
    )}<img src="${site.href(img.url)}" srcset="${srcset(fallback.variants)}" sizes="${options.sizes}" width="${String(made.width)}" height="${String(made.height)}" alt="${options.alt}" ${options.lead ? html`loading="eager" fetchpriority="high"` : html`loading="lazy"`} decoding="async"></picture>`;
}

export function dateLine(site: Site, article: Pick<ArchiveArticle, "date">): Html {
  if (!article.date) return html`<span class="undated">${site.t.undated}</span>`;
  return html`<time datetime="${article.date}">${site.format.date(article.date)}</time>`;
}

export function articleList(site: Site, archive: Archive, items: readonly ArchiveArticle[]): Html {
  if (items.length === 0) return html`<p class="empty">${site.t.noArticlesHere}</p>`;
  return html`<ol class="article-list">
${items.map((a) => listItem(site, archive, a))}</ol>`;
}

/**
 * An article as a listing shows it. The same article is listed on each of its
 * tags' pages, its day's, the home page's… (seven listings an article in the
 * benchmark archive), each time with the same markup: it is made once for a
 * site and archive (a build renders one; a process may render several, as
 * the tests do).
 */
function listItem(site: Site, archive: Archive, a: ArchiveArticle): Html {
  const made = listItems.get(a);
  if (made?.site === site && made.archive === archive) return made.item;
  // Tags link to their pages (their URLs are part of each listed article's render key).
  const tagLinks = a.tags.slice(0, 4).map((name, i) => {
    const tag = archive.tag(name);
    const link = tag ? html`<a href="${site.href(tag.url)}">${name}</a>` : html`${name}`;
    return i === 0 ? link : html`${site.t.listSeparator}${link}`;
  });
  const item = html`<li${langAttributes(site, a.lang, a.dir)}${a.image ? html` class="with-thumb"` : ""}>
${
  a.image
    ? html`<a class="thumb" href="${site.href(a.url)}" tabindex="-1" aria-hidden="true">${picture(site, a.image, { alt: "", sizes: "6rem" })}</a>
`
    : ""
}<h2><a href="${site.href(a.url)}">${a.title}</a></h2>
<p class="meta"${interfaceAttributes(site, a.lang)}>${dateLine(site, a)}${a.tags.length > 0 ? html` · <bdi>${tagLinks}</bdi>` : ""}</p>
${a.excerpt ? html`<p class="excerpt">${a.excerpt}</p>` : ""}
</li>
`;
  listItems.set(a, { site, archive, item });
  return item;
}
const listItems = new WeakMap<ArchiveArticle, { site: Site; archive: Archive; item: Html }>();

/**
 * A listing's navigation: its newest page, the next newer and older pages,
 * its oldest page, and this page marked. Older pages name no page count and
 * no neighbour but their own (listing.ts: they stay as they are while new
 * articles arrive).
 */
export function pagination(site: Site, page: ListPage): Html {
  if (page.newest && !page.olderUrl) return html``;
  const { t } = site;
  const link = (url: string, label: string, rel?: string) =>
    html`<li><a href="${site.href(url)}"${rel ? html` rel="${rel}"` : ""}>${label}</a></li>`;
  const current = html`<li><a href="${site.href(page.url)}" aria-current="page">${page.newest ? t.newestPage : pageLabel(site, page)}</a></li>`;
  return html`<nav class="pagination" aria-label="${t.pages}">
<ul>
${page.newest ? current : link(page.newestUrl, t.newestPage)}
${page.newerUrl ? link(page.newerUrl, t.previousPage, "prev") : ""}
${page.newest ? "" : current}
${page.olderUrl ? link(page.olderUrl, t.nextPage, "next") : ""}
${page.olderUrl && page.olderUrl !== page.oldestUrl ? link(page.oldestUrl, t.oldestPage) : ""}
</ul>
</nav>`;
}

/** What names an older page: the days its articles span, or its number (counted from the oldest) when none is dated. */
function pageLabel(site: Site, page: ListPage): string {
  const days = page.items.flatMap((a) => (a.day ? [a.day] : []));
  const [newest, oldest] = [days[0], days[days.length - 1]];
  if (!newest || !oldest)
    return fill(site.t.pageNumbered, { page: site.format.number(page.pageNumber) });
  return newest === oldest
    ? site.format.day(newest)
    : `${site.format.day(oldest)} – ${site.format.day(newest)}`;
}

/** « (١ – ٧ مارس ٢٠٢٤)» after a listing's title on its older pages. */
export function pageSuffix(site: Site, page: ListPage): string {
  return page.newest ? "" : ` (${pageLabel(site, page)})`;
}

export interface Crumb {
  label: string;
  url?: string;
}

export function breadcrumbs(
  site: Site,
  crumbs: readonly Crumb[],
  /** The trail stops at the page's parent (an article: its day; its headline is the <h1> right under it). */
  options: { toParent?: boolean } = {},
): Html {
  const last = options.toParent ? crumbs.length : crumbs.length - 1;
  return html`<nav class="breadcrumbs" aria-label="${site.t.breadcrumbs}">
<ol>
${crumbs.map((c, i) =>
  c.url && i < last
    ? html`<li><a href="${site.href(c.url)}">${c.label}</a></li>`
    : html`<li aria-current="page"><bdi>${c.label}</bdi></li>`,
)}
</ol>
</nav>`;
}

/** Where a dated item sits in the archive: الرئيسية › الأرشيف › year › month › day. */
export function dateCrumbs(
  site: Site,
  day: string | undefined,
  depth: "year" | "month" | "day",
): Crumb[] {
  const crumbs: Crumb[] = [
    { label: site.t.home, url: URLS.home },
    { label: site.t.archive, url: URLS.archive },
  ];
  if (!day) return [...crumbs, { label: site.t.undated, url: URLS.undated }];
  crumbs.push({ label: site.format.year(day.slice(0, 4)), url: URLS.year(day.slice(0, 4)) });
  if (depth === "year") return crumbs;
  crumbs.push({
    label: site.format.label(site.format.monthName(day.slice(0, 7))),
    url: URLS.month(day.slice(0, 7)),
  });
  if (depth === "month") return crumbs;
  crumbs.push({ label: site.format.day(day), url: URLS.day(day) });
  return crumbs;
}

export interface Neighbour {
  url: string;
  label: string;
}

/** Links across one level of the archive: the next (newer) and previous (older) year, month, day or article. */
export function neighbourLinks(
  site: Site,
  label: string,
  words: { next: string; previous: string },
  next: Neighbour | undefined,
  previous: Neighbour | undefined,
): Html {
  if (!next && !previous) return html``;
  return html`<nav class="neighbours" aria-label="${label}">
${next ? html`<a rel="next" href="${site.href(next.url)}"><span>${words.next}</span> ${next.label}</a>` : ""}
${previous ? html`<a rel="prev" href="${site.href(previous.url)}"><span>${words.previous}</span> ${previous.label}</a>` : ""}
</nav>`;
}
