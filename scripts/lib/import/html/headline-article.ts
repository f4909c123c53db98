import { namesFurniture } from "./clean.ts";
import { type Doc, type El, parsePage } from "./dom.ts";

/**
 * The article is printed under its headline. Readability scores boxes by
 * their text and commas, and on some pages a box beside the article
 * outscores it: the next story of an endless page, the author's bio under
 * the post, a table of signatories or of ingredients. The article's own text
 * is the prose of the smallest element around the printed headline that
 * holds prose; a pick that leaves most of that prose out is the wrong box.
 */

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
const length = (el: { textContent: string | null }) => squash(el.textContent ?? "").length;

/** The element around the headline that holds its article, and the article's paragraphs. */
export interface HeadlineArticle {
  /** The element alone as a page of its own (a new one each call: Readability changes what it reads). */
  page(): Doc;
  /** Its paragraphs of prose, whitespace squashed. */
  paragraphs: string[];
  /** Their length, in characters. */
  prose: number;
}

/**
 * The smallest element around the page's headline (the `<h1>` that prints
 * it, else the `<h2>`; not in a menu or sidebar) holding at least `MIN_PROSE`
 * characters of shown paragraphs that are not links; none when the headline
 * is not printed, or only the whole page holds prose around it.
 */
export function headlineArticle(document: Doc, headline: string): HeadlineArticle | undefined {
  const root = document.documentElement as El | null;
  const wanted = squash(headline);
  if (!root || wanted === "") return undefined;
  const prints = (h: El) => {
    const text = squash(h.textContent ?? "");
    return text === wanted || (text.includes(wanted) && text.length <= wanted.length * KICKER);
  };
  // An <h1> that prints it before an <h2> (a teaser of the same story may come first).
  const heading =
    [...root.querySelectorAll("h1")].find(prints) ?? [...root.querySelectorAll("h2")].find(prints);
  if (!heading || heading.closest(NAVIGATION)) return undefined;
  // Each paragraph and box is judged and measured once, however many levels contain it.
  const judge: Judge = {
    judged: new Map(),
    sizes: new Map(),
    furniture: new Map(),
    page: length(document.body ?? root),
    heading,
  };
  for (
    let el = heading.parentElement as El | null;
    el && el.tagName !== "BODY" && el.tagName !== "HTML";
    el = el.parentElement as El | null
  ) {
    const paragraphs = proseParagraphs(el, judge);
    const prose = paragraphs.reduce((n, p) => n + p.length, 0);
    if (prose >= MIN_PROSE) {
      const html = el.outerHTML;
      return {
        page: () => parsePage(`<!DOCTYPE html><html><body>${html}</body></html>`),
        paragraphs,
        prose,
      };
    }
  }
  return undefined;
}
/** Prose an element must hold to be the headline's article: a few paragraphs. */
const MIN_PROSE = 500;
/** A heading may print a kicker or the site's name beside the headline. */
const KICKER = 1.5;
/** Where a site's menus and sidebars print headings of their own. */
const NAVIGATION = "nav, aside, [role=navigation], [role=complementary], [role=menu]";

/** What is known of a page's paragraphs and boxes while the headline's article is looked for. */
interface Judge {
  /** A paragraph → its text when it is the article's prose, else null. */
  judged: Map<El, string | null>;
  sizes: Map<El, number>;
  /** A box → whether it is named as furniture and small. */
  furniture: Map<El, boolean>;
  /** The page's text, in characters. */
  page: number;
  /** The heading that prints the headline. */
  heading: El;
}

function size(judge: Judge, el: El): number {
  let n = judge.sizes.get(el);
  if (n === undefined) {
    n = length(el);
    judge.sizes.set(el, n);
  }
  return n;
}

/** The texts of an element's shown paragraphs that are not mostly links. */
function proseParagraphs(el: El, judge: Judge): string[] {
  const out: string[] = [];
  for (const p of el.querySelectorAll("p")) {
    let text = judge.judged.get(p);
    if (text === undefined) {
      text = prose(p, judge);
      judge.judged.set(p, text);
    }
    if (text !== null) out.push(text);
  }
  return out;
}

/** A paragraph's text when it is prose a reader sees as the article's, else null. */
function prose(p: El, judge: Judge): string | null {
  if (p.closest(HIDDEN) || p.closest(NAVIGATION) || inFurniture(p, judge)) return null;
  const text = squash(p.textContent ?? "");
  if (text.length < PARAGRAPH_CHARS) return null;
  let linked = 0;
  for (const a of p.querySelectorAll("a")) linked += length(a);
  return linked < LINKED_SHARE * text.length && !teaser(p, judge) ? text : null;
}

/**
 * Whether a paragraph stands in a box the article's furniture is known by
 * (comments, reviews, an author box, a related list: `namesFurniture`) that
 * holds a small share of the page's text and not the headline — not a
 * wrapper of the page or the article named so.
 */
function inFurniture(p: El, judge: Judge): boolean {
  for (
    let el = p as El | null;
    el && el.tagName !== "BODY" && el.tagName !== "HTML";
    el = el.parentElement as El | null
  ) {
    let furniture = judge.furniture.get(el);
    if (furniture === undefined) {
      furniture =
        namesFurniture(el) &&
        !el.contains(judge.heading) &&
        size(judge, el) < FURNITURE_SHARE * judge.page;
      judge.furniture.set(el, furniture);
    }
    if (furniture) return true;
  }
  return false;
}
/** A box named as furniture holding more of the page's text than this is a wrapper. */
const FURNITURE_SHARE = 0.25;
const PARAGRAPH_CHARS = 40;
const LINKED_SHARE = 0.3;
/**
 * A paragraph of a teaser: under another article's headline printed as a
 * link, in a box of a few lines (a list of other stories, related articles).
 */
function teaser(p: El, judge: Judge): boolean {
  let box = p.parentElement as El | null;
  for (let depth = 0; box && depth < TEASER_DEPTH; depth++, box = box.parentElement as El | null) {
    if (size(judge, box) > TEASER_CHARS) return false;
    for (const h of box.querySelectorAll("h2, h3, h4, h5, h6")) {
      let linked = 0;
      for (const a of h.querySelectorAll("a")) linked += length(a);
      if (linked > 0 && linked >= LINKED_SHARE * length(h)) return true;
    }
  }
  return false;
}
const TEASER_DEPTH = 2;
const TEASER_CHARS = 800;
/** What the page does not show: a flyout or tooltip kept hidden until it is opened. */
const HIDDEN =
  "[hidden], [aria-hidden=true], [style*='display:none'], [style*='display: none'], .hide, .hidden";

/** The share of the headline article's prose (in characters) that `content` holds. */
export function coverage(article: HeadlineArticle, content: El): number {
  const text = squash(content.textContent ?? "");
  let held = 0;
  for (const p of article.paragraphs) if (text.includes(p)) held += p.length;
  return article.prose === 0 ? 1 : held / article.prose;
}

/**
 * The element of a page made by `HeadlineArticle.page`, without its lists of
 * links (menus, teasers of other articles, tag clouds): boxes whose text is
 * mostly links.
 */
export function withoutLinkLists(page: Doc): El | undefined {
  const whole = page.body?.firstElementChild as El | null | undefined;
  if (!whole) return undefined;
  for (const el of [...whole.querySelectorAll(BOXES)]) {
    if (!whole.contains(el)) continue;
    const text = length(el);
    let linked = 0;
    for (const a of el.querySelectorAll("a")) linked += length(a);
    if (text > 0 && linked >= LINK_LIST_SHARE * text && !el.querySelector("h1")) el.remove();
  }
  return whole;
}
const BOXES = "ul, ol, div, section, table, form, header, footer, aside, nav, figure";
const LINK_LIST_SHARE = 0.5;
