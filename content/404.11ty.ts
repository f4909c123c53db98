import { document, searchForm } from "../layouts/components.ts";
import type { PageData } from "../layouts/types.ts";
import { html } from "../scripts/lib/site/html.ts";
import { singlePage } from "../scripts/lib/site/pages.ts";
import { URLS } from "../scripts/lib/site/urls.ts";

/** Not found: static hosts serve /404.html for unknown paths. */
export const data = singlePage("/404.html");

export function render({ site }: PageData): string {
  const main = html`<h1>الصفحة غير موجودة</h1>
<p class="lead">ربما نُقلت الصفحة أو تغير عنوانها. ابحث في الأرشيف أو عد إلى <a href="${site.href(URLS.home)}">الصفحة الرئيسية</a>.</p>
${searchForm(site, "not-found-search", "ابحث عن الصفحة")}`;
  return document(site, { title: "الصفحة غير موجودة", url: "/404.html", main, noindex: true });
}
