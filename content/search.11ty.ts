import { breadcrumbs, document } from "../layouts/components.ts";
import type { PageData } from "../layouts/types.ts";
import { URLS } from "../scripts/lib/site/archive.ts";
import { RESULT_NOUN } from "../scripts/lib/site/format.ts";
import { html } from "../scripts/lib/site/html.ts";

/**
 * Search, in the browser, over the Pagefind index of the articles. The query
 * lives in the URL (?q=…), so the header box of every page lands here and a
 * search can be shared. Without JavaScript the page says how else to browse.
 */
export const data = { permalink: URLS.search };

export function render({ site }: PageData): string {
  const main = html`${breadcrumbs(site, [{ label: "الرئيسية", url: URLS.home }, { label: "البحث" }])}
<h1>البحث في الأرشيف</h1>
<div id="search" class="search" data-bundle="${site.href("/pagefind/")}" data-base="${site.pathPrefix}" data-numbering="${site.format.numberingSystem}" data-result-noun="${JSON.stringify(RESULT_NOUN)}">
<form id="search-form" class="search-form search-form-large" role="search" aria-label="البحث في المقالات" action="${site.href(URLS.search)}" method="get">
<label for="search-input">كلمات البحث</label>
<input id="search-input" name="q" type="search" autocomplete="off" placeholder="مثال: انسحاب القوات من بغداد">
<button type="submit">بحث</button>
</form>
<noscript><p class="notice">البحث يعمل داخل المتصفح ويحتاج إلى تفعيل JavaScript. يمكنك تصفح الأرشيف <a href="${site.href(URLS.archive)}">حسب التاريخ</a> أو <a href="${site.href(URLS.tags)}">حسب الوسوم</a>.</p></noscript>
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results"></ol>
<button id="search-more" class="search-more" type="button" hidden>المزيد من النتائج</button>
</div>`;
  return document(site, {
    title: "البحث",
    url: URLS.search,
    main,
    script: "/assets/search.js",
  });
}
