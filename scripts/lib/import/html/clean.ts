import type { Doc, El } from "./dom.ts";

/**
 * Page furniture around and inside an article, judged by what an element is
 * — its tag, its ARIA role, the words of its class and id — and by how much
 * of the text it holds. No rule may delete an article: an element that holds
 * a large share of the page's (or the article's) text is never furniture,
 * whatever its class says (a `<body class="… share …">`, an
 * `<article class="… url-breadcrumb">`, a page wrapped in one `<form>`).
 */

/** Never text a reader sees. */
const INVISIBLE = "script, style, noscript, template, svg, iframe, object, [hidden]";

/** Landmarks that are never the article: menus, the site's banner and footer, sidebars. */
const LANDMARKS =
  "nav, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=search], aside, form, dialog, [role=dialog]";

/** An element with more than this share of the text around it is never removed as furniture. */
const PAGE_SHARE = 0.3;
const ARTICLE_SHARE = 0.25;

const length = (el: { textContent: string | null }) =>
  (el.textContent ?? "").replace(/\s+/g, " ").length;

/** Before the article is looked for: what is never content, and landmarks that hold little text. */
export function removePageFurniture(document: Doc): void {
  for (const el of [...document.querySelectorAll(INVISIBLE)]) el.remove();
  const body = document.body;
  if (!body) return;
  const total = length(body);
  const small = (el: El) => length(el) < total * PAGE_SHARE;
  for (const el of [...document.querySelectorAll(LANDMARKS)]) {
    if (body.contains(el) && small(el) && !el.querySelector("article, main, h1")) el.remove();
  }
  // The site's header and footer (not the article's own).
  for (const el of [...document.querySelectorAll("header, footer")]) {
    if (
      body.contains(el) &&
      !el.closest("article, main") &&
      small(el) &&
      !el.querySelector("article, main, h1")
    )
      el.remove();
  }
}

/**
 * Readability drops, before it scores anything, every element whose class or
 * id reads as a sidebar, header, menu or pop-up («theiaStickySidebar»,
 * «wrapper-boxed header-style-2», «c-fixed-sidebar-layout») or whose role is
 * a menu's or a dialog's — with all it holds. A page whose wrapper is named so
 * loses its article, and Readability then settles for a cookie notice or a
 * disclosure box. An element that holds a large share of the page's text is
 * no such furniture when it holds the page's headline (an `<h1>`) or most of
 * the text of the element that does: the words Readability reads so are
 * taken off its class and id (its other words stay), and such a role or
 * `aria-hidden` dropped.
 */
export function unmaskArticleWrappers(document: Doc): void {
  const body = document.body;
  if (!body) return;
  const least = length(body) * WRAPPER_SHARE;
  if (least === 0) return;
  // The headline's wrappers (walked up from each <h1>, not over the whole page), and the bulk
  // of one (the column beside a sidebar that holds the text).
  const sizes = new Map<El, number>();
  const size = (el: El) => {
    let n = sizes.get(el);
    if (n === undefined) {
      n = length(el);
      sizes.set(el, n);
    }
    return n;
  };
  const unmasked = new Set<El>();
  for (const h1 of body.querySelectorAll("h1")) {
    for (let wrapper = h1.parentElement as El | null; wrapper && wrapper !== body; ) {
      if (unmasked.has(wrapper)) break;
      unmasked.add(wrapper);
      // Sizes are measured only for an element Readability would drop (a page walk each).
      if (masked(wrapper) && size(wrapper) >= least) unmask(wrapper);
      for (const child of wrapper.children as Iterable<El>)
        if (
          masked(child) &&
          size(child) >= least &&
          size(child) >= BULK * size(wrapper) &&
          !linkList(child)
        )
          unmask(child);
      wrapper = wrapper.parentElement as El | null;
    }
  }
}

/** Whether Readability drops the element for its class, id, role or `aria-hidden`. */
function masked(el: El): boolean {
  const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  const role = el.getAttribute("role");
  return (
    (UNLIKELY.test(names) && !MAYBE_CANDIDATE.test(names)) ||
    (role !== null && UNLIKELY_ROLES.has(role)) ||
    el.getAttribute("aria-hidden") === "true"
  );
}

function unmask(el: El): void {
  const cls = el.getAttribute("class") ?? "";
  const id = el.getAttribute("id") ?? "";
  if (UNLIKELY.test(`${cls} ${id}`) && !MAYBE_CANDIDATE.test(`${cls} ${id}`)) {
    const kept = cls.split(/\s+/).filter((c) => c !== "" && !UNLIKELY.test(c));
    if (kept.length > 0) el.setAttribute("class", kept.join(" "));
    else el.removeAttribute("class");
    if (UNLIKELY.test(id)) el.removeAttribute("id");
  }
  const role = el.getAttribute("role");
  if (role !== null && UNLIKELY_ROLES.has(role)) el.removeAttribute("role");
  if (el.getAttribute("aria-hidden") === "true") el.removeAttribute("aria-hidden");
}
/** Text that is mostly links (a list of other articles), not an article's. */
function linkList(el: El): boolean {
  let linked = 0;
  for (const a of el.querySelectorAll("a")) linked += length(a);
  return linked >= LINKED_SHARE * length(el);
}
const LINKED_SHARE = 0.3;
/** An element with this share of the page's text is a wrapper of the article, not furniture. */
const WRAPPER_SHARE = 0.25;
/** …or this share of its parent's, when the parent holds the headline. */
const BULK = 0.5;
/** Readability's own patterns (0.6.0: `unlikelyCandidates`, `okMaybeItsACandidate`, `UNLIKELY_ROLES`). */
const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE_CANDIDATE = /and|article|body|column|content|main|shadow/i;
const UNLIKELY_ROLES = new Set([
  "menu",
  "menubar",
  "complementary",
  "navigation",
  "alert",
  "alertdialog",
  "dialog",
]);

/**
 * Words of class names and ids that name furniture inside an article:
 * captions and credits, bylines and author boxes, share and follow bars,
 * related and recommended lists, tags and metadata lines, comments,
 * newsletter and subscription boxes, tables of contents, advertisements.
 */
const FURNITURE_WORDS = new Set([
  "ad",
  "ads",
  "advert",
  "advertisement",
  "author",
  "authors",
  "bio",
  "breadcrumb",
  "breadcrumbs",
  "byline",
  "caption",
  "comment",
  "comments",
  "copyright",
  "credit",
  "credits",
  "disclaimer",
  "legend",
  "meta",
  "metadata",
  "newsletter",
  "postmetadata",
  "promo",
  "related",
  "share",
  "sharing",
  "social",
  "sponsor",
  "sponsored",
  "subscribe",
  "subscription",
  "tags",
  "toc",
  // embedded posts of social networks
  "tweet",
  "instagram",
]);

/** «wp-caption-text», «RelatedCoverage-container», «author_box» → their words, lower-cased. */
export function wordsOfName(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0);
}

export function namesFurniture(el: El): boolean {
  if (el.tagName === "FIGCAPTION") return true;
  const role = el.getAttribute("role");
  if (role === "note" || role === "complementary" || role === "navigation") return true;
  const names = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
  if (names.trim() === "") return false;
  return wordsOfName(names).some((w) => FURNITURE_WORDS.has(w));
}

/**
 * Prose: sentences that are not links, more than a caption or a short bio
 * holds. A section whose class says "ads" or "meta" but that reads as prose
 * is part of the article.
 */
function isProse(el: El): boolean {
  const text = (el.textContent ?? "").replace(/\s+/g, " ");
  if (text.length < PROSE_CHARS) return false;
  let linked = 0;
  for (const a of el.querySelectorAll("a")) linked += length(a);
  const sentences = text.match(/[.!?؟。](?:\s|$)/gu)?.length ?? 0;
  return linked < text.length * 0.25 && sentences >= 3;
}
const PROSE_CHARS = 400;

/**
 * A post of a social network quoted in the article with its words
 * (`<blockquote class="twitter-tweet"><p>…</p>— name (@handle) date</blockquote>`,
 * as the network's embed code writes it before its script runs): a quotation,
 * part of the article. An embed that is only a link is furniture.
 */
function isQuotedPost(el: El): boolean {
  if (el.tagName !== "BLOCKQUOTE") return false;
  let linked = 0;
  for (const a of el.querySelectorAll("a")) linked += length(a);
  return length(el) - linked >= QUOTED_POST_CHARS;
}
const QUOTED_POST_CHARS = 40;

/**
 * The article's last section when it is a heading over nothing but links
 * («More on this», «Auch interessant», a list of other articles' headlines):
 * the heading and its links go, whatever the heading says.
 */
function removeTrailingLinkSection(content: El, total: number): void {
  for (const heading of [...content.querySelectorAll("h2, h3, h4, h5")]) {
    if (!content.contains(heading)) continue;
    const section: El[] = [];
    let next = heading.nextElementSibling as El | null;
    while (next && !/^H[1-6]$/.test(next.tagName)) {
      section.push(next);
      next = next.nextElementSibling as El | null;
    }
    // Another heading follows: not the last section.
    if (next || section.length === 0) continue;
    const text = section.reduce((n, el) => n + length(el), 0);
    if (text === 0 || text + length(heading) >= total * ARTICLE_SHARE) continue;
    let linked = 0;
    for (const el of section) for (const a of el.querySelectorAll("a")) linked += length(a);
    if (linked < LINKED_SECTION * text) continue;
    heading.remove();
    for (const el of section) el.remove();
  }
}
/** Share of a section's text in links for it to be a list of links. */
const LINKED_SECTION = 0.8;

/**
 * What is left at the article's end of a box whose contents went (a related
 * list, a form, a widget its script would have filled): a heading with no
 * text after it, or a short line that announces what follows («More on the
 * subject:») with nothing following; a short line that is all a link («Back», «Here
 * is the new board»), which points away from the article; a label of a
 * few words with no sentence mark («Contact», «Our partners»), whose
 * icons or form went.
 * Nothing in the article comes after them.
 */
function removeTrailingOrphans(content: El): void {
  removeAnnouncedLinks(content);
  for (let i = 0; i < MAX_ORPHANS; i++) {
    const text = lastText(content);
    const block = text?.parentElement?.closest(ORPHAN_BLOCKS) as El | null | undefined;
    if (!block || block === content || !content.contains(block)) return;
    const heading = /^H[2-6]$/.test(block.tagName);
    const link = length(block) <= LINK_LINE_CHARS && linkedShare(block) >= LINKED_SECTION;
    if (!heading && !announces(block) && !link && !stub(block)) return;
    block.remove();
  }
}
/**
 * The article's last lines when they are links announced by a short line
 * ending in a colon («You might also like:» over other articles' headlines):
 * the announcement and the links go, whatever the announcement says.
 */
function removeAnnouncedLinks(content: El): void {
  const blocks = [...content.querySelectorAll(ORPHAN_BLOCKS)].filter(
    (el) => length(el) > 0 && !el.querySelector(ORPHAN_BLOCKS),
  );
  let first = blocks.length;
  while (first > 0 && linkedShare(blocks[first - 1] as El) >= LINKED_SECTION) first--;
  const announcement = blocks[first - 1];
  if (first === blocks.length || !announcement || !announces(announcement)) return;
  const removed = blocks.slice(first - 1);
  if (removed.reduce((n, el) => n + length(el), 0) >= length(content) * ARTICLE_SHARE) return;
  for (const el of removed) el.remove();
}

function linkedShare(el: El): number {
  let linked = 0;
  for (const a of el.querySelectorAll("a")) linked += length(a);
  return linked / Math.max(1, length(el));
}

/** A label, not a sentence: a few words with no sentence mark («Contact», «Our partners»). */
function stub(el: El): boolean {
  const line = (el.textContent ?? "").replace(/\s+/g, " ").trim();
  return line.length <= STUB_CHARS && !/[.!?。؟]/u.test(line);
}
const STUB_CHARS = 20;

/** A short line that ends in a colon: it announces what follows. */
function announces(el: El): boolean {
  const line = (el.textContent ?? "").replace(/\s+/g, " ").trim();
  return line.length <= ANNOUNCING_CHARS && /[:：]$/u.test(line);
}

const ORPHAN_BLOCKS = "h2, h3, h4, h5, h6, p, li, dt, dd, div, td, th, blockquote, section";
const MAX_ORPHANS = 6;
/** A line this long or shorter that is all a link («Back», «Read the full report here»). */
const LINK_LINE_CHARS = 200;
const ANNOUNCING_CHARS = 100;

/** The last text node with visible characters under `node`. */
function lastText(node: El): El["firstChild"] | null {
  for (let c = node.lastChild; c; c = c.previousSibling) {
    if (c.nodeType === 3 && /\S/.test(c.textContent ?? "")) return c;
    if (c.nodeType === 1) {
      const t = lastText(c as El);
      if (t) return t;
    }
  }
  return null;
}

/**
 * A paragraph that is another article's headline printed as a link, alone or
 * after a label of a few words that ends in a colon («Read also: <a>…</a>»,
 * «Czytaj też: <a>…</a>»), wherever it stands in the article: a pointer to
 * another page, not a line of this one. A link of a word or three
 * («Source: <a>Reuters</a>») is not a headline.
 */
function removeLinkParagraphs(content: El): void {
  for (const p of [...content.querySelectorAll("p")]) {
    const line = (p.textContent ?? "").replace(/\s+/g, " ").trim();
    if (line.length === 0 || line.length > LINK_LINE_CHARS) continue;
    // An anchor without an address («<a name=…>») is a place in the page, not a link.
    const links = [...p.querySelectorAll("a")];
    if (links.length !== 1 || !(links[0] as El).getAttribute("href")) continue;
    const linked = ((links[0] as El).textContent ?? "").replace(/\s+/g, " ").trim();
    if (linked.split(" ").length < HEADLINE_WORDS) continue;
    const label = line.replace(linked, "").trim();
    if (label === "" || (/[:：]$/u.test(label) && label.split(" ").length <= LABEL_WORDS))
      p.remove();
  }
}
const HEADLINE_WORDS = 4;
const LABEL_WORDS = 3;

/** Inside the extracted article: captions, bylines, share bars, related lists… that hold little of its text. */
export function removeArticleFurniture(content: El): void {
  const total = length(content);
  removeTrailingLinkSection(content, total);
  removeLinkParagraphs(content);
  for (const el of [...content.querySelectorAll("*")]) {
    // Already gone with an ancestor.
    if (!content.contains(el)) continue;
    if (
      namesFurniture(el) &&
      length(el) < total * ARTICLE_SHARE &&
      !isProse(el) &&
      !isQuotedPost(el)
    )
      el.remove();
  }
  removeTrailingOrphans(content);
}
