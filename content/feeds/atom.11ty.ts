import { dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import type { PaginatedData } from "../../layouts/types.ts";
import type { ArchiveArticle } from "../../scripts/lib/site/archive-article.ts";
import type { Feed } from "../../scripts/lib/site/feeds.ts";
import { html } from "../../scripts/lib/site/html.ts";
import { shareImage } from "../../scripts/lib/site/images.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";
import type { Site } from "../../scripts/lib/site/site.ts";

/** Atom feeds: the whole archive (/feed.xml) and each tag (/tags/<slug>/feed.xml). */
export const data = onePagePerItem<Feed>("archive.feeds", { url: (feed) => feed.atomUrl });

/** A day or an instant as RFC 3339 (a bare day is its midnight UTC: the feed has no better time). */
export function rfc3339(iso: string): string {
  return dateToRfc3339(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

function entry(site: Site, a: ArchiveArticle) {
  return html`<entry>
<title>${a.title}</title>
<link href="${site.absolute(a.url)}"/>
<id>${site.absolute(a.url)}</id>
<published>${rfc3339(a.date as string)}</published>
<updated>${rfc3339(a.date as string)}</updated>
${a.author ? html`<author><name>${a.author}</name></author>` : ""}
${a.tags.map((t) => html`<category term="${t}"/>`)}
<summary type="text" xml:lang="${a.lang}">${a.excerpt}</summary>
${a.image ? html`<link rel="enclosure" type="${shareImage(a.image).type}" href="${site.absolute(shareImage(a.image).url)}"/>` : ""}
</entry>
`;
}

export function render({ site, p }: PaginatedData<Feed>): string {
  const newest = p.items[0]?.date;
  const title = p.title ? `${site.title}: ${p.title}` : site.title;
  return `<?xml version="1.0" encoding="utf-8"?>\n${html`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${site.lang}">
<title>${title}</title>
<subtitle>${site.description}</subtitle>
<link href="${site.absolute(p.atomUrl)}" rel="self"/>
<link href="${site.absolute(p.htmlUrl)}"/>
<id>${site.absolute(p.htmlUrl)}</id>
<updated>${rfc3339(newest ?? "1970-01-01")}</updated>
<author><name>${site.title}</name></author>
${p.items.map((a) => entry(site, a))}</feed>`}\n`;
}
