import { breadcrumbs, document } from "../layouts/components.ts";
import type { PageData } from "../layouts/types.ts";
import { RESULT_NOUN } from "../scripts/lib/site/format.ts";
import { html } from "../scripts/lib/site/html.ts";
import { singlePage } from "../scripts/lib/site/pages.ts";
import { URLS } from "../scripts/lib/site/urls.ts";

/**
 * Search, in the browser, over the Pagefind shards of the articles. The
 * query and filters live in the URL (?q=…&tag=…&year=…&lang=…&section=…&sort=…),
 * so the header box of every page lands here, a search can be shared and the
 * back button works. The filter choices are written into the page at build
 * time; without JavaScript the page says how else to browse.
 */
export const data = singlePage(URLS.search);

const LANGUAGE_NAMES: Record<string, string> = {
  ar: "العربية",
  en: "الإنجليزية",
  fr: "الفرنسية",
  fa: "الفارسية",
};

export function render({ site, archive }: PageData): string {
  const option = (value: string, label: string) => html`<option value="${value}">${label}</option>`;
  const main = html`${breadcrumbs(site, [{ label: "الرئيسية", url: URLS.home }, { label: "البحث" }])}
<h1>البحث في الأرشيف</h1>
<div id="search" class="search" data-base="${site.pathPrefix}" data-locale="${site.format.locale}" data-numbering="${site.format.numberingSystem}" data-result-noun="${JSON.stringify(RESULT_NOUN)}">
<form id="search-form" class="search-form search-form-large" role="search" aria-label="البحث في المقالات" action="${site.href(URLS.search)}" method="get">
<label for="search-input">كلمات البحث</label>
<input id="search-input" name="q" type="search" autocomplete="off" placeholder="مثال: انسحاب القوات من بغداد">
<button type="submit">بحث</button>
<fieldset class="search-filters">
<legend>تضييق النتائج</legend>
<label for="filter-tag">الوسم</label>
<input id="filter-tag" name="tag" type="text" list="filter-tags" autocomplete="off">
<datalist id="filter-tags">${archive.tags.map((t) => html`<option value="${t.name}"></option>`)}</datalist>
<label for="filter-year">السنة</label>
<select id="filter-year" name="year">${option("", "كل السنوات")}${archive.years.map((y) => option(y.year, site.format.year(y.year)))}</select>
<label for="filter-lang">اللغة</label>
<select id="filter-lang" name="lang">${option("", "كل اللغات")}${archive.languages.map((l) => option(l, LANGUAGE_NAMES[l] ?? l))}</select>
${
  archive.sections.length > 0
    ? html`<label for="filter-section">القسم</label>
<select id="filter-section" name="section">${option("", "كل الأقسام")}${archive.sections.map((s) => option(s, s))}</select>`
    : ""
}
<label for="filter-sort">الترتيب</label>
<select id="filter-sort" name="sort">${option("relevance", "الأكثر صلة")}${option("newest", "الأحدث أولًا")}</select>
</fieldset>
</form>
<noscript><p class="notice">البحث يعمل داخل المتصفح ويحتاج إلى تفعيل JavaScript. يمكنك تصفح الأرشيف <a href="${site.href(URLS.archive)}">حسب التاريخ</a> أو <a href="${site.href(URLS.tags)}">حسب الوسوم</a>.</p></noscript>
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results"></ol>
<button id="search-more" class="search-more" type="button" hidden>المزيد من النتائج</button>
</div>`;
  return document(site, { title: "البحث", url: URLS.search, main, script: "/assets/search.js" });
}
