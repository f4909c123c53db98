import type { Archive } from "../scripts/lib/site/archive.ts";
import { type Html, html } from "../scripts/lib/site/html.ts";
import type { Site } from "../scripts/lib/site/site.ts";
import type { TagSummary } from "../scripts/lib/site/tags.ts";
import { URLS } from "../scripts/lib/site/urls.ts";
import { breadcrumbs, document } from "./components.ts";
import { fill } from "./i18n/fill.ts";

/**
 * The tag index, in two orders, each a static page (no script on this page):
 * by number of articles, or alphabetically in Arabic order (Intl.Collator)
 * with a letter index. The filter box suggests tag names (a datalist) and
 * opens the search page filtered by the chosen tag.
 */

const collator = new Intl.Collator("ar");

/** A name as dictionaries file it: without the article «ال». */
function withoutArticle(name: string): string {
  return name.length > 3 && name.startsWith("ال") ? name.slice(2) : name;
}

/** The letter a tag is filed under: its first letter, ignoring the article «ال» and hamza seats. */
export function indexLetter(name: string): string {
  const first = withoutArticle(name).normalize("NFKC").charAt(0);
  return (
    ({ أ: "ا", إ: "ا", آ: "ا", ٱ: "ا" } as Record<string, string>)[first] ??
    first.toLocaleUpperCase("en")
  );
}

function tagItem(site: Site, t: TagSummary): Html {
  return html`<li><a href="${site.href(t.url)}">${t.name}</a> <span class="count">${site.articles(t.count)}</span></li>`;
}

export function renderTagIndex(
  site: Site,
  archive: Archive,
  order: "count" | "alphabetical",
): string {
  const url = order === "count" ? URLS.tags : URLS.tagsAlphabetical;
  const sorted =
    order === "count"
      ? archive.tags
      : [...archive.tags].sort(
          (a, b) =>
            collator.compare(withoutArticle(a.name), withoutArticle(b.name)) ||
            collator.compare(a.name, b.name),
        );
  const groups = new Map<string, TagSummary[]>();
  if (order === "alphabetical") {
    for (const t of sorted) {
      const letter = indexLetter(t.name);
      const list = groups.get(letter);
      if (list) list.push(t);
      else groups.set(letter, [t]);
    }
  }
  const letterId = (i: number) => `letter-${i + 1}`;
  const { t } = site;
  const main = html`${breadcrumbs(site, [{ label: t.home, url: URLS.home }, { label: t.tags }])}
<h1>${t.tags}</h1>
<p class="lead">${fill(t.tagsInArchive, { count: site.format.count(archive.tags.length, t.nouns.tag) })}</p>
<nav class="sort-links" aria-label="${t.tagOrder}">
${order === "count" ? html`<span aria-current="page">${t.mostUsed}</span>` : html`<a href="${site.href(URLS.tags)}">${t.mostUsed}</a>`}
${order === "alphabetical" ? html`<span aria-current="page">${t.alphabetical}</span>` : html`<a href="${site.href(URLS.tagsAlphabetical)}">${t.alphabetical}</a>`}
</nav>
<form class="tag-filter" role="search" aria-label="${t.filterTags}" action="${site.href(URLS.search)}" method="get">
<label for="tag-filter">${t.findTag}</label>
<input id="tag-filter" name="tag" type="text" list="tag-names" autocomplete="off">
<datalist id="tag-names">${sorted.map((t) => html`<option value="${t.name}"></option>`)}</datalist>
<button type="submit">${t.showArticles}</button>
</form>
${
  archive.tags.length === 0
    ? html`<p class="empty">${t.noTags}</p>`
    : order === "count"
      ? html`<ul class="tag-index">${sorted.map((t) => tagItem(site, t))}</ul>`
      : html`<nav aria-label="${t.letters}"><ul class="letters">${[...groups.keys()].map(
          (letter, i) => html`<li><a href="#${letterId(i)}">${letter}</a></li>`,
        )}</ul></nav>
${[...groups.entries()].map(
  ([letter, tags], i) => html`<section aria-labelledby="${letterId(i)}">
<h2 id="${letterId(i)}">${letter}</h2>
<ul class="tag-index">${tags.map((t) => tagItem(site, t))}</ul>
</section>`,
)}`
}`;
  return document(site, { title: order === "count" ? t.tags : t.tagsAlphabetically, url, main });
}
