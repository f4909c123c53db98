import { document, searchForm } from "../layouts/components.ts";
import { fillHtml } from "../layouts/i18n/fill-html.ts";
import type { PageData } from "../layouts/types.ts";
import { html } from "../scripts/lib/site/html.ts";
import { singlePage } from "../scripts/lib/site/pages.ts";
import { URLS } from "../scripts/lib/site/urls.ts";

/** Not found: static hosts serve /404.html for unknown paths. */
export const data = singlePage("/404.html");

export function render({ site }: PageData): string {
  const { t } = site;
  const home = html`<a href="${site.href(URLS.home)}">${t.homePage}</a>`;
  const main = html`<h1>${t.notFound}</h1>
<p class="lead">${fillHtml(t.notFoundLead, { home })}</p>
${searchForm(site, "not-found-search", t.findThePage)}`;
  return document(site, { title: t.notFound, url: "/404.html", main, noindex: true });
}
