import { breadcrumbs, document } from "../layouts/components.ts";
import { fillHtml } from "../layouts/i18n/fill-html.ts";
import type { PageData } from "../layouts/types.ts";
import { firstShard } from "../scripts/lib/search/index-site.ts";
import { html } from "../scripts/lib/site/html.ts";
import { singlePage } from "../scripts/lib/site/pages.ts";
import { URLS } from "../scripts/lib/site/urls.ts";

/**
 * Search, in the browser, over the Pagefind shards of the articles. The
 * query and filters live in the URL (?q=…&tag=…&year=…&lang=…&section=…&sort=…),
 * so the header box of every page lands here, a search can be shared and the
 * back button works. The filter choices are written into the page at build
 * time, except the tag names the tag box suggests: an archive has hundreds,
 * and every reader's first search would download them (27 KB of the page at
 * 10,000 articles), so the script loads them (search-tags.11ty.ts) when the
 * reader first goes to that box. Without JavaScript the page says how else
 * to browse. The script takes
 * the interface's locale, digits and labels from data attributes of #search.
 * On a phone the filters are folded under their <summary>, so the first
 * result shows without scrolling; on a wider screen they are always open.
 */
export const data = singlePage(URLS.search);

/** A language's name in the interface's language («الإنجليزية», "English", «anglais» → «Anglais»). */
function languageName(locale: string, code: string): string {
  let name = code;
  try {
    name = new Intl.DisplayNames(locale, { type: "language" }).of(code) ?? code;
  } catch {
    // Not a language code Intl knows: shown as it is.
  }
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/**
 * Results a page of search results shows. Each costs the reader its
 * fragment (2–3 KB), and the search reads older shards only while those it
 * has read hold fewer (scripts/browser/search-client.ts).
 */
const RESULTS_PER_PAGE = 20;

export function render({ site, archive }: PageData): string {
  const { t } = site;
  const option = (value: string, label: string) => html`<option value="${value}">${label}</option>`;
  const main = html`${breadcrumbs(site, [{ label: t.home, url: URLS.home }, { label: t.search }])}
<h1>${t.searchTheArchive}</h1>
<div id="search" class="search" data-base="${site.pathPrefix}" data-locale="${site.format.locale}" data-numbering="${site.format.numberingSystem}" data-page-size="${RESULTS_PER_PAGE}" data-labels="${JSON.stringify(t.script)}">
<form id="search-form" class="search-form search-form-large" role="search" aria-label="${t.searchArticles}" action="${site.href(URLS.search)}" method="get">
<label for="search-input">${t.searchWords}</label>
<input id="search-input" name="q" type="search" autocomplete="off" placeholder="${t.searchExample}">
<button type="submit">${t.searchButton}</button>
<details id="search-filters" class="search-filters-toggle">
<summary>${t.narrowResults}</summary>
<fieldset class="search-filters">
<legend>${t.narrowResults}</legend>
<label for="filter-tag">${t.tag}</label>
<input id="filter-tag" name="tag" type="text" list="filter-tags" autocomplete="off">
<datalist id="filter-tags" data-src="${site.href(URLS.searchTags)}"></datalist>
<label for="filter-year">${t.year}</label>
<select id="filter-year" name="year">${option("", t.allYears)}${archive.years.map((y) => option(y.year, site.format.year(y.year)))}</select>
<label for="filter-lang">${t.language}</label>
<select id="filter-lang" name="lang">${option("", t.allLanguages)}${archive.languages.map((l) => option(l, languageName(site.format.locale, l)))}</select>
${
  archive.sections.length > 0
    ? html`<label for="filter-section">${t.section}</label>
<select id="filter-section" name="section">${option("", t.allSections)}${archive.sections.map((s) => option(s, `${s} (${site.format.number(archive.section(s)?.count ?? 0)})`))}</select>`
    : ""
}
<label for="filter-sort">${t.order}</label>
<select id="filter-sort" name="sort">${option("relevance", t.byRelevance)}${option("newest", t.newestFirst)}</select>
</fieldset>
</details>
</form>
<noscript><p class="notice">${fillHtml(t.searchNeedsScript, {
    byDate: html`<a href="${site.href(URLS.archive)}">${t.byDate}</a>`,
    byTag: html`<a href="${site.href(URLS.tags)}">${t.byTag}</a>`,
  })}</p></noscript>
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results"></ol>
<button id="search-more" class="search-more" type="button" hidden>${t.moreResults}</button>
</div>`;
  // The script's first requests, made while the page loads: the list of shards, and
  // Pagefind's script, which the script always takes from the newest shard (search-client.ts).
  const newest = firstShard(archive.articles.map((a) => a.url));
  return document(site, {
    title: t.search,
    url: URLS.search,
    main,
    script: "/assets/search.js",
    preload: newest
      ? [
          { url: "/pagefind/shards.json", as: "fetch" },
          { url: `/pagefind/${newest}/pagefind.js`, as: "module" },
        ]
      : [],
  });
}
