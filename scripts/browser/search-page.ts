/**
 * The search page (bundled by esbuild into /assets/search.js): the query and
 * filters in the URL, results from ShardedSearch, excerpts rebuilt as text
 * with the reader's words marked — whatever their spelling or proclitics —
 * so no markup from an article can reach the page. Every word it shows is
 * the interface's: locale, digits and labels come from the page's data
 * attributes (content/search.11ty.ts), written from the site's dictionary.
 */

import { fill } from "../../layouts/i18n/fill.ts";
import type { SearchScriptLabels } from "../../layouts/i18n/types.ts";
import { marksQueryWord } from "../lib/search/fold.ts";
import {
  type Filters,
  type Hit,
  type ResultSet,
  ShardedSearch,
  type Sort,
} from "./search-client.ts";

const FILTERS = ["tag", "year", "lang", "section"] as const;

function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el as T;
}

const root = element<HTMLDivElement>("search");

/** The index, loaded once; after a failure the next search tries again. */
let searchReady: Promise<ShardedSearch> | undefined;
function loadedSearch(): Promise<ShardedSearch> {
  searchReady ??= ShardedSearch.load(root.dataset.base ?? "/").catch((error: unknown) => {
    searchReady = undefined;
    throw error;
  });
  return searchReady;
}
// The list of shards, then Pagefind on the newest, before this script makes its date and
// number formats (they take a while): the search of the page's address, or the reader's
// first, finds them loaded or on their way, and the formats are made while Pagefind's worker
// loads. A failure is said when a search needs them.
loadedSearch()
  .then((search) => search.warm())
  .catch(() => {})
  .finally(() => setTimeout(formats, 0));
const form = element<HTMLFormElement>("search-form");
const input = element<HTMLInputElement>("search-input");
const sortSelect = element<HTMLSelectElement>("filter-sort");
const status = element<HTMLParagraphElement>("search-status");
const list = element<HTMLOListElement>("search-results");
const more = element<HTMLButtonElement>("search-more");
const filtersBox = document.getElementById("search-filters") as HTMLDetailsElement | null;
const field = (name: string) =>
  form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;

// The configured locale, digits and labels (nashra.config.ts, layouts/i18n/), as the pages built on the server use them.
const locale = root.dataset.locale ?? "ar";
const labels = JSON.parse(root.dataset.labels ?? "{}") as SearchScriptLabels;
/** Results a page shows (content/search.11ty.ts). */
const PAGE_SIZE = Number(root.dataset.pageSize) || 20;
/** The page's own title («البحث — نشرة»), shown again when no search is. */
const idleTitle = document.title;
/**
 * The page's number, date, plural and list formats, made on first use. Making
 * the first of them loads the browser's locale data (25–30 ms in Chromium),
 * which would hold back the start of Pagefind's worker if this script made
 * them as it runs; they are made once Pagefind is on its way (below).
 */
let madeFormats:
  | {
      numbers: Intl.NumberFormat;
      days: Intl.DateTimeFormat;
      plurals: Intl.PluralRules;
      words: Intl.ListFormat;
      yearDigits: Intl.NumberFormat;
    }
  | undefined;
function formats(): NonNullable<typeof madeFormats> {
  madeFormats ??= makeFormats(root.dataset.numbering ?? "arab");
  return madeFormats;
}
function makeFormats(numberingSystem: string): NonNullable<typeof madeFormats> {
  return {
    numbers: new Intl.NumberFormat(locale, { numberingSystem }),
    days: new Intl.DateTimeFormat(locale, {
      numberingSystem,
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }),
    plurals: new Intl.PluralRules(locale),
    words: new Intl.ListFormat(locale, { type: "conjunction" }),
    /** Years as digits alone: «٢٠٢٦», not «٢٬٠٢٦». */
    yearDigits: new Intl.NumberFormat(locale, { numberingSystem, useGrouping: false }),
  };
}

/** An article's day («١٥ نوفمبر ٢٠٢٥») from its ISO date: the day it was published at its own offset. */
function dayOf(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  return formats().days.format(Date.UTC(y, m - 1, d));
}

/** «نتيجة واحدة», «١٢ نتيجة»; "12 results": the dictionary's forms by plural category (as format.ts counts). */
function countResults(n: number): string {
  const forms = labels.results;
  const form =
    (n === 0 ? forms.zero : undefined) ?? forms[formats().plurals.select(n)] ?? forms.other;
  return fill(form, { n: formats().numbers.format(n) });
}

const quoted = (text: string) => fill(labels.quoted, { text });

/** The years a partial search has read: «٢٠٢٦» or «٢٠٢٤–٢٠٢٦». */
function yearsRead(years: readonly string[]): string {
  const numbers = years.map(Number).filter(Number.isFinite);
  if (numbers.length === 0) return "";
  const [low, high] = [Math.min(...numbers), Math.max(...numbers)];
  const { yearDigits } = formats();
  return low === high
    ? yearDigits.format(high)
    : `${yearDigits.format(low)}–${yearDigits.format(high)}`;
}

interface State {
  q: string;
  filters: Filters;
  sort: Sort;
}

function stateFromUrl(): State {
  const params = new URLSearchParams(location.search);
  const filters: Filters = {};
  for (const key of FILTERS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return {
    q: params.get("q") ?? "",
    filters,
    sort: params.get("sort") === "newest" ? "newest" : "relevance",
  };
}

function stateFromForm(): State {
  const filters: Filters = {};
  for (const key of FILTERS) {
    const value = field(key)?.value.trim();
    if (value) filters[key] = value;
  }
  return { q: input.value, filters, sort: sortSelect.value === "newest" ? "newest" : "relevance" };
}

function showState(state: State): void {
  input.value = state.q;
  for (const key of FILTERS) {
    const el = field(key);
    if (el) el.value = state.filters[key] ?? "";
  }
  sortSelect.value = state.sort;
  // Filters in use are shown, even where they are folded away (a phone).
  if (filtersBox && FILTERS.some((key) => state.filters[key])) filtersBox.open = true;
}

function urlOf(state: State): string {
  const url = new URL(location.href);
  url.search = "";
  if (state.q.trim()) url.searchParams.set("q", state.q.trim());
  for (const key of FILTERS)
    if (state.filters[key]) url.searchParams.set(key, state.filters[key] as string);
  if (state.sort === "newest") url.searchParams.set("sort", "newest");
  return url.href;
}

/** The excerpt as text, with the words the reader searched for marked. */
function excerptNodes(text: string, wanted: string[]): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const word = m[0];
    if (!wanted.some((q) => marksQueryWord(word, q))) continue;
    nodes.push(document.createTextNode(text.slice(last, m.index)));
    const mark = document.createElement("mark");
    mark.textContent = word;
    nodes.push(mark);
    last = m.index + word.length;
  }
  nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

let shown = 0;
let current: ResultSet | null = null;
let wanted: string[] = [];
/** The search described for the status line («بغداد»، «٢٠٢٥»). */
let described = "";
let generation = 0;

/**
 * The status line: the count as it stands. While older shards are unread,
 * the count is that of the years read so far, and the line says so.
 */
function showCount(result: ResultSet): void {
  if (result.missingWords.length > 0) {
    status.textContent = fill(labels.notInArchive, {
      count: countResults(0),
      words: formats().words.format(result.missingWords.map(quoted)),
    });
    return;
  }
  const { total, approximate, complete, years } = result.count();
  const counted = countResults(total);
  const count = approximate ? fill(labels.approximately, { count: counted }) : counted;
  const range = yearsRead(years);
  const where = range ? fill(labels.inYears, { years: range }) : labels.inNewest;
  status.textContent = complete
    ? fill(labels.found, { count, query: described })
    : fill(labels.foundSoFar, { count, where, query: described });
}

/**
 * The next page of results (a page at a time: a second click waits for the
 * first). False when it could not be loaded (an older shard, a result's
 * data): the page says so, and «more» tries again.
 */
let loadingMore: ResultSet | null = null;
async function showMore(): Promise<boolean> {
  const result = current;
  if (!result || loadingMore === result) return true;
  loadingMore = result;
  let hits: Hit[];
  try {
    // Older shards may be read here: the button says it is busy meanwhile.
    more.disabled = true;
    hits = await result.slice(shown, PAGE_SIZE);
  } catch {
    if (result === current) status.textContent = labels.loadFailed;
    return false;
  } finally {
    if (loadingMore === result) loadingMore = null;
    more.disabled = false;
  }
  if (result !== current) return true; // a newer search has started
  for (const hit of hits) {
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = hit.url;
    link.textContent = hit.title;
    link.dir = "auto";
    heading.append(link);
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = [hit.date ? dayOf(hit.date) : labels.undated, ...hit.tags.slice(0, 4)].join(
      " · ",
    );
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerpt.dir = "auto";
    excerpt.append(...excerptNodes(hit.excerpt, wanted));
    item.append(heading, meta, excerpt);
    if (hit.image) {
      // The photo beside the result, as the listings show it (decorative: the title says it all).
      const thumb = document.createElement("a");
      thumb.className = "thumb";
      thumb.href = hit.url;
      thumb.tabIndex = -1;
      thumb.setAttribute("aria-hidden", "true");
      const img = document.createElement("img");
      img.src = hit.image;
      img.alt = "";
      img.loading = "lazy";
      img.width = 240;
      img.height = 180;
      thumb.append(img);
      item.classList.add("with-thumb");
      item.prepend(thumb);
    }
    list.append(item);
  }
  shown += hits.length;
  const { total, approximate, complete } = result.count();
  more.hidden = hits.length < PAGE_SIZE || (complete && !approximate && shown >= total);
  showCount(result);
  return true;
}

async function run(state: State): Promise<void> {
  const mine = ++generation;
  const describe = [state.q.trim(), ...FILTERS.map((k) => state.filters[k])]
    .filter((part): part is string => Boolean(part))
    .map(quoted)
    .join(labels.listSeparator);
  if (!describe) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    document.title = idleTitle;
    root.dataset.state = "idle";
    return;
  }
  // The state attribute lets tests (and assistive tech scripts) know when results are in.
  root.dataset.state = "searching";
  status.textContent = labels.searching;
  let result: ResultSet;
  try {
    result = await (await loadedSearch()).search(state.q, state.filters, state.sort, PAGE_SIZE);
  } catch {
    if (mine !== generation) return;
    // The index could not be loaded (offline, a host that lost the files): say so, never hang.
    list.replaceChildren();
    more.hidden = true;
    status.textContent = labels.loadFailed;
    root.dataset.state = "error";
    return;
  }
  if (mine !== generation) return; // a newer search has started
  current = result;
  wanted = result.words;
  described = describe;
  shown = 0;
  list.replaceChildren();
  const shownOk = await showMore();
  if (mine !== generation) return;
  if (!shownOk) {
    more.hidden = true;
    root.dataset.state = "error";
    return;
  }
  document.title = fill(labels.resultsTitle, { query: state.q.trim() || describe });
  root.dataset.state = "done";
}

let typing: ReturnType<typeof setTimeout> | undefined;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  // Enter searches at once: the search of the words being typed, still to come, would do it again.
  clearTimeout(typing);
  const state = stateFromForm();
  history.pushState(null, "", urlOf(state));
  void run(state);
});
// Typing searches as the reader goes (the address follows without new history entries).
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    const state = stateFromForm();
    history.replaceState(null, "", urlOf(state));
    void run(state);
  }, 250);
});
for (const key of [...FILTERS, "sort"]) {
  field(key)?.addEventListener("change", () => form.requestSubmit());
}
more.addEventListener("click", () => void showMore());

/**
 * The tag names the tag box suggests, loaded the first time the reader goes
 * to it (content/search.11ty.ts says why they are not in the page). Each name
 * is set as an option's value, never parsed as markup. If they cannot be
 * loaded, the box still takes any name typed in full.
 */
const tagNames = document.getElementById("filter-tags") as HTMLDataListElement | null;
let tagsRequested = false;
const loadTagNames = async () => {
  const src = tagNames?.dataset.src;
  if (tagsRequested || !tagNames || !src) return;
  tagsRequested = true;
  try {
    const response = await fetch(src);
    if (!response.ok) return;
    const names = (await response.json()) as unknown;
    if (!Array.isArray(names)) return;
    tagNames.replaceChildren(
      ...names
        .filter((name): name is string => typeof name === "string")
        .map((name) => {
          const option = document.createElement("option");
          option.value = name;
          return option;
        }),
    );
  } catch {
    tagsRequested = false;
  }
};
field("tag")?.addEventListener("focus", () => void loadTagNames());

window.addEventListener("popstate", () => {
  const state = stateFromUrl();
  showState(state);
  void run(state);
});

const initial = stateFromUrl();
showState(initial);
void run(initial);
