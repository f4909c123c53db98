import type { Html } from "../scripts/lib/site/html.ts";
import { html } from "../scripts/lib/site/html.ts";
import type { Site } from "../scripts/lib/site/site.ts";
import type { TagSummary } from "../scripts/lib/site/tags.ts";
import { URLS } from "../scripts/lib/site/urls.ts";
import { breadcrumbs, document } from "./components.ts";
import { fill } from "./i18n/fill.ts";
import type { Plural } from "./i18n/types.ts";

/** The index of a kind of name — authors, sections — each with its article count, most used first. */
export function renderNameIndex(
  site: Site,
  index: {
    url: string;
    title: string;
    names: readonly TagSummary[];
    noun: Plural;
    /** «{count} في الأرشيف.» */
    lead: string;
    empty: string;
  },
): string {
  const item = (n: TagSummary): Html =>
    html`<li><a href="${site.href(n.url)}">${n.name}</a> <span class="count">${site.articles(n.count)}</span></li>`;
  const main = html`${breadcrumbs(site, [{ label: site.t.home, url: URLS.home }, { label: index.title }])}
<h1>${index.title}</h1>
${
  index.names.length > 0
    ? html`<p class="lead">${fill(index.lead, { count: site.format.count(index.names.length, index.noun) })}</p>
<ul class="tag-list">${index.names.map(item)}</ul>`
    : html`<p class="lead">${index.empty}</p>`
}`;
  return document(site, { title: index.title, url: index.url, main });
}
