// @ts-check
/**
 * The search page: Pagefind's JS API over the article index, with the query
 * kept in the URL (?q=…) so searches can be shared and the back button works.
 * Result text comes from the index; excerpts are rebuilt as text plus <mark>
 * elements only, so no markup from an article can reach the page.
 */

const PAGE_SIZE = 20;

/** @param {string} id */
function element(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el;
}

const root = element("search");
const form = /** @type {HTMLFormElement} */ (element("search-form"));
const input = /** @type {HTMLInputElement} */ (element("search-input"));
const status = element("search-status");
const list = element("search-results");
const more = /** @type {HTMLButtonElement} */ (element("search-more"));

const numbers = new Intl.NumberFormat("ar", { numberingSystem: root.dataset.numbering ?? "arab" });
const plurals = new Intl.PluralRules("ar");
/** Arabic plural forms of "result", by Intl.PluralRules category (from the page, see format.ts). */
const resultForms = /** @type {Record<string, string>} */ (
  JSON.parse(root.dataset.resultNoun ?? "{}")
);

/** @param {number} n */
function countResults(n) {
  const form = resultForms[plurals.select(n)] ?? resultForms.other ?? "{n}";
  return form.replace("{n}", numbers.format(n));
}

/**
 * Pagefind excerpt (HTML with <mark>) → DOM nodes: text and <mark> only.
 * @param {string} excerpt
 */
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html");
  /** @type {Node[]} */
  const nodes = [];
  for (const node of parsed.body.firstElementChild?.childNodes ?? []) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent ?? ""));
    }
  }
  return nodes;
}

/**
 * @typedef {{ url: string, excerpt: string, meta: Record<string, string>, filters: Record<string, string[]> }} ResultData
 * @typedef {{ id: string, data: () => Promise<ResultData> }} Result
 * @typedef {{ results: Result[] }} SearchResponse
 * @typedef {{
 *   options: (o: Record<string, unknown>) => Promise<void>,
 *   init: () => Promise<void>,
 *   debouncedSearch: (q: string | null, o?: Record<string, unknown>, ms?: number) => Promise<SearchResponse | null>,
 * }} Pagefind
 */

/** @param {ResultData} data */
function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  item.append(heading);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [data.meta.date ?? "بدون تاريخ", ...(data.filters.tag ?? []).slice(0, 4)].join(
    " · ",
  );
  item.append(meta);
  const excerpt = document.createElement("p");
  excerpt.className = "excerpt";
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

/** @type {Result[]} */
let current = [];
let shown = 0;

async function showMore() {
  const page = current.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(page.map((r) => r.data()));
  list.append(...data.map(resultItem));
  shown += page.length;
  more.hidden = shown >= current.length;
}

/** @type {Promise<Pagefind>} */
const pagefindReady = (async () => {
  const pagefind = /** @type {Pagefind} */ (await import(`${root.dataset.bundle}pagefind.js`));
  await pagefind.options({ baseUrl: root.dataset.base ?? "/", excerptLength: 24 });
  await pagefind.init();
  return pagefind;
})();

/** A tag chosen on the tag index (?tag=…) narrows the search to that tag. */
const tag = new URLSearchParams(location.search).get("tag")?.trim() || null;

/** @param {string} query */
async function run(query) {
  const q = query.trim();
  if (q === "" && tag === null) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  status.textContent = "جارٍ البحث…";
  const pagefind = await pagefindReady;
  const options = tag === null ? {} : { filters: { tag } };
  const search = await pagefind.debouncedSearch(q === "" ? null : q, options, 200);
  if (search === null) return; // a newer query superseded this one
  current = search.results;
  shown = 0;
  list.replaceChildren();
  const what = [q && `«${q}»`, tag && `الوسم «${tag}»`].filter(Boolean).join(" في ");
  status.textContent = `${countResults(current.length)}: ${what}`;
  await showMore();
  document.title = `${q || tag} — البحث`;
}

/** @param {string} q @param {"push" | "replace"} mode */
function remember(q, mode) {
  const url = new URL(location.href);
  if (q.trim()) url.searchParams.set("q", q);
  else url.searchParams.delete("q");
  if (url.href === location.href) return;
  if (mode === "push") history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  remember(input.value, "push");
  void run(input.value);
});
input.addEventListener("input", () => {
  remember(input.value, "replace");
  void run(input.value);
});
more.addEventListener("click", () => void showMore());
window.addEventListener("popstate", () => {
  input.value = new URLSearchParams(location.search).get("q") ?? "";
  void run(input.value);
});

input.value = new URLSearchParams(location.search).get("q") ?? "";
void run(input.value);
