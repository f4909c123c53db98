import type { Archive } from "../scripts/lib/site/archive.ts";
import { TAG_NOUN } from "../scripts/lib/site/format.ts";
import { type Html, html } from "../scripts/lib/site/html.ts";
import type { Site } from "../scripts/lib/site/site.ts";
import type { TagSummary } from "../scripts/lib/site/tags.ts";
import { URLS } from "../scripts/lib/site/urls.ts";
import { breadcrumbs, document } from "./components.ts";

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
  return html`<li><a href="${site.href(t.url)}">${t.name}</a> <span class="count">${site.format.count(t.count)}</span></li>`;
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
  const main = html`${breadcrumbs(site, [{ label: "الرئيسية", url: URLS.home }, { label: "الوسوم" }])}
<h1>الوسوم</h1>
<p class="lead">${site.format.count(archive.tags.length, TAG_NOUN)} في الأرشيف.</p>
<nav class="sort-links" aria-label="ترتيب الوسوم">
${order === "count" ? html`<span aria-current="page">الأكثر استخدامًا</span>` : html`<a href="${site.href(URLS.tags)}">الأكثر استخدامًا</a>`}
${order === "alphabetical" ? html`<span aria-current="page">أبجديًا</span>` : html`<a href="${site.href(URLS.tagsAlphabetical)}">أبجديًا</a>`}
</nav>
<form class="tag-filter" role="search" aria-label="تصفية الوسوم" action="${site.href(URLS.search)}" method="get">
<label for="tag-filter">ابحث عن وسم</label>
<input id="tag-filter" name="tag" type="text" list="tag-names" autocomplete="off">
<datalist id="tag-names">${sorted.map((t) => html`<option value="${t.name}"></option>`)}</datalist>
<button type="submit">اعرض المقالات</button>
</form>
${
  archive.tags.length === 0
    ? html`<p class="empty">لا وسوم بعد.</p>`
    : order === "count"
      ? html`<ul class="tag-index">${sorted.map((t) => tagItem(site, t))}</ul>`
      : html`<nav aria-label="الحروف"><ul class="letters">${[...groups.keys()].map(
          (letter, i) => html`<li><a href="#${letterId(i)}">${letter}</a></li>`,
        )}</ul></nav>
${[...groups.entries()].map(
  ([letter, tags], i) => html`<section aria-labelledby="${letterId(i)}">
<h2 id="${letterId(i)}">${letter}</h2>
<ul class="tag-index">${tags.map((t) => tagItem(site, t))}</ul>
</section>`,
)}`
}`;
  return document(site, { title: order === "count" ? "الوسوم" : "الوسوم أبجديًا", url, main });
}
