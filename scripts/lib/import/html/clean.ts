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

function namesFurniture(el: El): boolean {
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

/** Inside the extracted article: captions, bylines, share bars, related lists… that hold little of its text. */
export function removeArticleFurniture(content: El): void {
  const total = length(content);
  for (const el of [...content.querySelectorAll("*")]) {
    // Already gone with an ancestor.
    if (!content.contains(el)) continue;
    if (namesFurniture(el) && length(el) < total * ARTICLE_SHARE && !isProse(el)) el.remove();
  }
}
