import { fillHtml } from "../layouts/i18n/fill-html.ts";
import type { PaginatedData } from "../layouts/types.ts";
import { html } from "../scripts/lib/site/html.ts";
import type { Redirect } from "../scripts/lib/site/load.ts";
import { onePagePerItem } from "../scripts/lib/site/pages.ts";

/**
 * A page at each old URL of an article that moved (scripts/lib/redirects.ts):
 * any static host serves it, and it sends the reader on at once — the
 * canonical link tells search engines where the article is now.
 */
export const data = onePagePerItem<Redirect>("archive.redirects");

export function render({ site, p }: PaginatedData<Redirect>): string {
  return `<!DOCTYPE html>\n${html`<html lang="${site.lang}" dir="${site.dir}">
<head>
<meta charset="utf-8">
<title>${site.t.articleMoved} — ${site.title}</title>
<meta http-equiv="refresh" content="0; url=${site.href(p.to)}">
<link rel="canonical" href="${site.absolute(p.to)}">
<meta name="robots" content="noindex">
</head>
<body>
<p>${fillHtml(site.t.articleMovedTo, { link: html`<a href="${site.href(p.to)}">${site.t.newAddress}</a>` })}</p>
</body>
</html>`}\n`;
}
