import { Readability } from "@mozilla/readability";
import { nameKey, words } from "../arabic.ts";
import { type ParsedDump, RejectedInput, type Sidecar } from "./article.ts";
import { type Furniture, splitTerms } from "./boilerplate.ts";
import { authorFromByline } from "./extract-author.ts";
import type { DateOptions } from "./extract-date.ts";
import { blockLines } from "./html/blocks.ts";
import {
  removeArticleFurniture,
  removePageFurniture,
  unmaskArticleWrappers,
} from "./html/clean.ts";
import { leadingDate, pageLines, publicationDate } from "./html/dates.ts";
import { type Doc, type El, MAX_DEPTH, parsePage, treeNestsTooDeep } from "./html/dom.ts";
import { coverage, headlineArticle, withoutLinkLists } from "./html/headline-article.ts";
import {
  articleImageCandidates,
  articleImages,
  pageFigureDescriptions,
  pageImageCandidates,
  placeFigures,
} from "./html/images.ts";
import { nestsTooDeep } from "./json-depth.ts";
import { normaliseLine } from "./normalise.ts";
import { parseTextDump, readBody } from "./parse-text.ts";
import type { ProseModel } from "./text/prose.ts";

/**
 * Step 3 for saved HTML pages. Metadata is read first, from the whole page
 * (Open Graph, JSON-LD, the publication date wherever the page keeps it —
 * `html/dates.ts` —, the printed headline, `<html lang>`), because
 * Readability removes headers and bylines when it isolates the article.
 * Readability (Firefox Reader View's engine, on the linkedom DOM) then finds
 * the article body on the page without its landmarks (`html/clean.ts`; again
 * on the untouched page if that leaves nothing, and as a text dump if
 * Readability finds nothing); its blocks (`html/blocks.ts`) go through the same
 * furniture filter as text dumps.
 */

/** Where pages list an article's tags. */
const TAG_SELECTORS = "[rel=tag], [class*=tags] a, [class*=keywords] a, [class*=topics] a";

/** Minimum text for a page to hold an article: a brief of a sentence or two. */
const MIN_ARTICLE_CHARS = 120;

export function parseHtmlDump(
  html: string,
  furniture: Furniture,
  dates: DateOptions,
  prose: ProseModel,
): ParsedDump {
  const document = parsePage(html);
  if (treeNestsTooDeep(document))
    throw new RejectedInput(
      `HTML nested deeper than ${MAX_DEPTH} elements (no page needs that many)`,
    );
  const printedTitle = headlineOf(document);
  // A date the headline opens with is the date's, not the headline's.
  const pageTitle =
    printedTitle === undefined
      ? undefined
      : (leadingDate(printedTitle, dates)?.headline ?? printedTitle);
  const meta = pageMetadata(document, dates, pageTitle);
  // The page's lines as printed, before the article is looked for (which changes the page).
  const printedLines = pageLines(document);
  const related = relatedHeadlines(document, furniture);
  const keywords = [...document.querySelectorAll(TAG_SELECTORS)].map((a) =>
    normaliseLine(a.textContent ?? ""),
  );
  const images = pageImageCandidates(document);
  const figureText = pageFigureDescriptions(document);

  // The article as Readability finds it on the page without its furniture; if
  // that leaves nothing, on the page as it was (no rule may cost an article).
  const found =
    readArticle(document, true, pageTitle) ?? readArticle(parsePage(html), false, pageTitle);
  // Readability finds no article in a page of short items (a live ticker, a
  // wire story printed twice): the page's lines are then read as a text dump is.
  if (!found) {
    const parsed = asTextDump(html, pageTitle, meta, related, keywords, furniture, dates, prose);
    return images.length > 0 ? { ...parsed, images } : parsed;
  }
  images.push(...articleImageCandidates(found.content));

  const headline = pageTitle ?? normaliseLine(found.title);
  // The photos inside it: where each stands is noted as its text is laid out.
  const inline = articleImages(found.content, figureText);
  const marked = new Map<unknown, number>();
  const extracted = blockLines(found.content, new Set(inline.elements), marked);
  const lead = leadBefore(printedLines, headline, extracted);
  const lines = lead === undefined ? extracted : [lead, ...extracted];
  const body = readBody(
    lines.filter((l) => l !== headline),
    furniture,
    dates,
  );
  if (!headline) throw new RejectedInput("no headline in the HTML page");
  if (body.paragraphs.length === 0)
    throw new RejectedInput("no article text found in the HTML page");
  if (!meta.author && found.byline) {
    const author = authorFromByline(found.byline);
    if (author) meta.author = author;
  }
  const figures = placeFigures(inline, marked, extracted, body.paragraphs);
  return {
    headerLines: body.headerLines,
    headline,
    paragraphs: body.paragraphs,
    related: [...related, ...body.related],
    keywords: [...keywords.filter((k) => k.length > 0), ...body.keywords],
    meta,
    ...(body.sourceName ? { sourceName: body.sourceName } : {}),
    ...(images.length > 0 ? { images } : {}),
    ...(figures.length > 0 ? { figures } : {}),
  };
}

function asTextDump(
  html: string,
  pageTitle: string | undefined,
  meta: Sidecar,
  related: string[],
  keywords: string[],
  furniture: Furniture,
  dates: DateOptions,
  prose: ProseModel,
): ParsedDump {
  const body = parsePage(html).body;
  const lines = body ? blockLines(body) : [];
  if (normaliseLine(lines.join(" ")).length < MIN_ARTICLE_CHARS) {
    throw new RejectedInput("no article text found in the HTML page");
  }
  let parsed: ParsedDump;
  try {
    parsed = parseTextDump(lines.join("\n"), furniture, dates, prose);
  } catch (error) {
    if (error instanceof RejectedInput)
      throw new RejectedInput(`no article text found in the HTML page (${error.message})`);
    throw error;
  }
  const { headlineWarning, ...rest } = parsed;
  return {
    ...rest,
    // The page's own headline when it has one; a guess from its lines is said to be one.
    headline: pageTitle ?? parsed.headline,
    ...(pageTitle === undefined && headlineWarning ? { headlineWarning } : {}),
    related: [...related, ...parsed.related],
    keywords: [...keywords.filter((k) => k.length > 0), ...parsed.keywords],
    meta,
  };
}

/**
 * The article's lead (standfirst): the sentences a page prints between the
 * headline and the text, often in the article's header, where Readability
 * does not look («<header><h1>…</h1><p class="lead">…</p></header>»). It is
 * the first line of prose after the headline, before the first lines of
 * prose of the text Readability found; a kicker, byline, date or share bar
 * there is short. A copy of the headline the text does not follow (in a
 * menu, breadcrumbs or a list of stories) is passed over.
 */
function leadBefore(
  printed: readonly string[],
  headline: string,
  body: readonly string[],
): string | undefined {
  const printsHeadline = (l: string) =>
    l === headline || (l.includes(headline) && l.length <= headline.length + KICKER_CHARS);
  // The text's first lines of prose, not a notice of a few words it starts with.
  const opening = new Set(body.filter((l) => words(l).length >= OPENING_WORDS).slice(0, 3));
  // The headline may be printed more than once (a menu, a breadcrumb): the copy the text follows.
  for (let first = 0; first < printed.length; first++) {
    // A headline set on two or three lines (<br>) ends on its last.
    let start = -1;
    for (let n = 1; n <= HEADLINE_LINES && start < 0 && first + n <= printed.length; n++)
      if (printsHeadline(printed.slice(first, first + n).join(" "))) start = first + n - 1;
    if (start < 0) continue;
    let end = -1;
    for (let i = start + 1; i < printed.length && i <= start + LEAD_REACH; i++)
      if (opening.has(printed[i] as string)) {
        end = i;
        break;
      }
    if (end < 0) continue;
    for (let i = start + 1; i < end; i++) {
      const line = printed[i] as string;
      if (words(line).length >= LEAD_WORDS && SENTENCE_END.test(line) && !body.includes(line))
        return line;
    }
    return undefined;
  }
  return undefined;
}
/** A headline is printed on this many lines at most. */
const HEADLINE_LINES = 3;
/** Lines of the text that stand for its opening: more words than a notice or a link. */
const OPENING_WORDS = 8;
/** How far after the headline the text must begin for a line between them to be its lead. */
const LEAD_REACH = 12;
/** A lead is a sentence or two, longer than a byline or a date. */
const LEAD_WORDS = 12;
/** A lead is written in sentences; a caption ends with its credit, a byline or metadata line with a name. */
const SENTENCE_END = /[.!?…؟。！？]["'”’»«)]?$/u;
/** A kicker or label printed in the headline's line («Tunesien Große Aufgaben …»). */
const KICKER_CHARS = 40;

interface FoundArticle {
  content: El;
  title: string;
  byline?: string;
}

/**
 * Readability on the page (changed in place), then the article's own furniture
 * removed. When the page prints its headline and Readability's pick leaves
 * out most of the prose around it (`html/headline-article.ts`) — the next
 * story of an endless page, the author's bio, a table of signatories —,
 * Readability reads the headline's element alone; if it still leaves that
 * prose out, the element itself, without its lists of links and furniture,
 * is the article.
 */
function readArticle(document: Doc, clean: boolean, headline?: string): FoundArticle | undefined {
  if (clean) removePageFurniture(document);
  unmaskArticleWrappers(document);
  const around = headline === undefined ? undefined : headlineArticle(document, headline);
  const found = readability(document);
  if (!around) return found;
  const held = found ? coverage(around, found.content) : 0;
  if (held >= HELD_PROSE) return found;
  const alone = readability(around.page());
  const heldAlone = alone ? coverage(around, alone.content) : 0;
  if (alone && heldAlone >= HELD_PROSE) return alone;
  const whole = withoutLinkLists(around.page());
  if (whole) {
    removeArticleFurniture(whole);
    const heldWhole = coverage(around, whole);
    if (heldWhole >= HELD_PROSE && heldWhole > Math.max(held, heldAlone))
      return { content: whole, title: "" };
  }
  return alone && heldAlone > held ? alone : found;
}
/** Share of the prose around the headline Readability's pick must hold to be the article. */
const HELD_PROSE = 0.5;

function readability(document: Doc): FoundArticle | undefined {
  let article: ReturnType<Readability<El>["parse"]>;
  try {
    article = new Readability<El>(document as unknown as Document, {
      serializer: (node: Node) => node as unknown as El,
      charThreshold: 200,
      // Class names tell captions, bylines and share bars apart inside the article.
      keepClasses: true,
    }).parse();
  } catch {
    // Readability refuses documents it cannot read at all (no <html>, no body).
    return undefined;
  }
  const content = article?.content;
  if (!content) return undefined;
  removeArticleFurniture(content);
  if (normaliseLine(content.textContent ?? "").length < MIN_ARTICLE_CHARS) return undefined;
  return {
    content,
    title: article?.title ?? "",
    ...(article?.byline ? { byline: article.byline } : {}),
  };
}

/**
 * Headlines of a related-news box: a section, aside or list whose heading
 * is a related heading («أخبار ذات صلة», "Related"); the box is removed.
 */
function relatedHeadlines(document: Doc, furniture: Furniture): string[] {
  const out: string[] = [];
  for (const heading of [...document.querySelectorAll("h2, h3, h4, h5, strong")]) {
    if (furniture.section(heading.textContent ?? "") !== "related") continue;
    const box = heading.parentElement;
    if (!box || box.tagName === "BODY" || box.tagName === "ARTICLE") continue;
    for (const link of box.querySelectorAll("li, a")) {
      const text = normaliseLine(link.textContent ?? "");
      if (text && !link.querySelector("a") && !out.includes(text)) out.push(text);
    }
    box.remove();
  }
  return out;
}

function attr(document: Doc, selector: string, name = "content"): string | undefined {
  const value = document.querySelector(selector)?.getAttribute(name);
  return value ? normaliseLine(value) || undefined : undefined;
}

interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  author?: unknown;
  keywords?: unknown;
  articleSection?: unknown;
  inLanguage?: string;
  url?: string;
}

const ARTICLE_TYPES =
  /^(?:News|Reportage|Analysis|Opinion|Review|Background)?Article$|^BlogPosting$/;

/** The first JSON-LD object of an article type, looking inside @graph lists. */
function jsonLdArticle(document: Doc): JsonLdArticle | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? "";
    // JSON-LD nested absurdly deep is no page's metadata: skipped.
    if (nestsTooDeep(text)) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length > 0) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === "object") {
        const record = item as Record<string, unknown>;
        const types = ([] as unknown[]).concat(record["@type"] ?? []);
        if (types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t)))
          return record as JsonLdArticle;
        if (record["@graph"]) queue.push(record["@graph"]);
      }
    }
  }
  return undefined;
}

function names(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(names);
  if (
    value &&
    typeof value === "object" &&
    typeof (value as { name?: unknown }).name === "string"
  ) {
    return [(value as { name: string }).name];
  }
  return [];
}

function pageMetadata(document: Doc, dates: DateOptions, headline: string | undefined): Sidecar {
  const ld = jsonLdArticle(document);
  const meta: Sidecar = {};
  const published = publicationDate(document, dates, headline);
  if (published) meta.published = published;

  const bylineText = document.querySelector(
    "[rel=author], [itemprop=author], .byline, .author, [class*=author]",
  )?.textContent;
  const author =
    attr(document, 'meta[name="author"]') ??
    (names(ld?.author).map(normaliseLine).join("، ") || undefined) ??
    (bylineText ? authorFromByline(bylineText) : undefined);
  if (author && !/^https?:/i.test(author)) meta.author = author;

  const tags = [...document.querySelectorAll('meta[property="article:tag"]')].map(
    (m) => m.getAttribute("content") ?? "",
  );
  const keywords = attr(document, 'meta[name="keywords"]');
  if (keywords) tags.push(...splitTerms(keywords));
  if (ld?.keywords) tags.push(...names(ld.keywords).flatMap(splitTerms));
  const cleanTags = [...new Set(tags.map(normaliseLine).filter((t) => t.length > 0))];
  if (cleanTags.length > 0) meta.tags = cleanTags;

  const url =
    attr(document, 'link[rel="canonical"]', "href") ?? attr(document, 'meta[property="og:url"]');
  if (url) meta.url = url;
  const lang = document.documentElement?.getAttribute("lang") ?? ld?.inLanguage;
  if (lang) meta.lang = normaliseLine(lang);
  const section =
    attr(document, 'meta[property="article:section"]') ?? names(ld?.articleSection)[0];
  if (section) meta.section = normaliseLine(section);
  return meta;
}

/**
 * The headline as the page prints it: its <h1>, when the page's own titles
 * (Open Graph, JSON-LD, <title>) speak of it — they add a kicker or the
 * site's name («Klimaschutz: Bohren, bis es heiß wird», «… | Umweltbundesamt»)
 * — or when they are only a section's or the site's name («Home», «News»).
 * Without a usable <h1>, the Open Graph or JSON-LD headline, else <title>,
 * with a trailing site-name segment cut.
 */
function headlineOf(document: Doc): string | undefined {
  const siteName = attr(document, 'meta[property="og:site_name"]');
  const ld = jsonLdArticle(document);
  const titles = [
    attr(document, 'meta[property="og:title"]'),
    typeof ld?.headline === "string" ? normaliseLine(ld.headline) : undefined,
    attr(document, 'meta[name="twitter:title"]'),
    normaliseLine(document.querySelector("title")?.textContent ?? "") || undefined,
  ].filter((t): t is string => t !== undefined && t.length > 0);
  const h1 = printedHeadline(document, titles, siteName);
  if (h1) return h1;
  const first = titles[0];
  return first === undefined ? undefined : withoutSiteName(first, siteName);
}

/** A text's folded words (the same key tags and names are compared by). */
const wordsOf = nameKey;

/**
 * The page's <h1> that its titles speak of (the article's own first), or the
 * only one when the titles say nothing. An <h1> that is the site's name (a
 * blog theme's) is never the headline; a kicker printed inside the <h1>
 * («Tunesien» over «Große Aufgaben für die neue Regierung») is left out.
 */
function printedHeadline(
  document: Doc,
  titles: readonly string[],
  siteName: string | undefined,
): string | undefined {
  const articleTitles = titles.map((t) => withoutSiteName(t, siteName));
  const sites = new Set(
    [siteName ?? "", ...titles.map((t, i) => siteSegment(t, articleTitles[i] as string))]
      .map((t) => wordsOf(t).join(" "))
      .filter((t) => t.length > 0),
  );
  // A heading that prints the site's name beside the headline («… | Umweltbundesamt»): without it.
  const site = wordsOf(siteName ?? "").join(" ");
  const isSite = (segment: string) =>
    wordsOf(segment).join(" ") === site || /^\S+\.[a-z]{2,6}$/iu.test(segment.trim());
  const withoutSite = (h: string) => {
    const segments = h.split(/\s+[|–—·»]\s+/u);
    const kept = segments.filter((segment) => !isSite(segment));
    return kept.length === segments.length || kept.length !== 1 ? h : (kept[0] as string);
  };
  const headings = [
    ...document.querySelectorAll("article h1, main h1, h1, article h2, main h2, h2, h3"),
  ]
    .map((h) => ({ text: withoutSite(withoutKicker(h)), h1: h.tagName === "H1" }))
    .filter((h) => h.text.length >= 2 && h.text.length <= 300);
  if (headings.length === 0) return undefined;
  const candidates = headings.filter((h) => !sites.has(wordsOf(h.text).join(" ")));
  // The heading that says most of what the titles say, and little else.
  // Of two that say as much, the one with fewer words of its own: «Ein Kommentar zu
  // “<the headline>”» over the comments says the headline and more. An <h1> that speaks of
  // the titles is the headline before any lower heading, even one that repeats a title more
  // closely (a teaser's <h2> written as the title for shares).
  // …unless it is a shorter segment of a title of several («<headline> | <blog's name>»).
  const segments = new Set(
    titles.flatMap((t) => {
      const parts = t.split(/\s+[|–—·»-]\s+/u).map((part) => wordsOf(part));
      const longest = Math.max(...parts.map((part) => part.length));
      return parts.length < 2
        ? []
        : parts.filter((part) => part.length < longest).map((part) => part.join(" "));
    }),
  );
  let best: { heading: string; h1: boolean; coverage: number; extra: number } | undefined;
  for (const title of articleTitles) {
    const said = new Set(wordsOf(title));
    if (said.size === 0) continue;
    for (const { text: heading, h1: level1 } of candidates) {
      const h1 = level1 && !segments.has(wordsOf(heading).join(" "));
      const own = wordsOf(heading);
      const shared = own.filter((w) => said.has(w)).length;
      if (own.length === 0 || shared < 0.5 * own.length) continue;
      // Each of the title's words counted once, however often the heading repeats it.
      const coverage = new Set(own.filter((w) => said.has(w))).size / said.size;
      const extra = own.length - shared;
      if (coverage < MIN_COVERAGE) continue;
      const better =
        !best ||
        (h1 && !best.h1) ||
        (h1 === best.h1 &&
          (coverage > best.coverage || (coverage === best.coverage && extra < best.extra)));
      if (better) best = { heading, h1, coverage, extra };
    }
  }
  if (best) return best.heading;
  // The page's one <h1>, when its titles speak of something else: the editors' headline over a
  // title written for search engines and shares («Leasing oder Finanzierung? …» over «Die Vor-
  // und Nachteile beim Leasing abwägen»).
  const h1s = [...document.querySelectorAll("h1")]
    .map((h) => withoutSite(withoutKicker(h)))
    .filter((h) => h.length >= 2 && h.length <= 300 && !sites.has(wordsOf(h).join(" ")));
  const only = h1s.length === 1 ? (h1s[0] as string) : undefined;
  if (only !== undefined && wordsOf(only).length >= MIN_H1_WORDS) return only;
  // Titles of one or two words name a section or the site, not this article.
  const generic = articleTitles.every((t) => wordsOf(t).length <= 2);
  const first = candidates[0]?.text;
  return generic && first !== undefined && wordsOf(first).length >= 2 ? first : undefined;
}
/** An <h1> of fewer words is a section's name («Quicklinks», «Autokredit»), not a headline. */
const MIN_H1_WORDS = 3;
/** A heading must say this share of a title's words to be that title's headline. */
const MIN_COVERAGE = 0.3;

/** What a title has besides the article's own part: the site's name. */
function siteSegment(title: string, articlePart: string): string {
  return title.replace(articlePart, "").replace(/^[\s|–—·»:-]+|[\s|–—·»:-]+$/gu, "");
}

/**
 * A heading's text without a kicker printed at its start in an element of
 * its own («<span>Tunesien</span> Große Aufgaben für die neue Regierung»).
 */
function withoutKicker(heading: El): string {
  const whole = normaliseLine(heading.textContent ?? "");
  let nodes = [...heading.childNodes].filter((n) => /\S/.test(n.textContent ?? ""));
  // A wrapper holding all of the heading's text («<h1><div><span>Headline:</span> …</div></h1>»).
  for (let depth = 0; depth < MAX_UNWRAP && nodes.length === 1 && nodes[0]?.nodeType === 1; depth++)
    nodes = [...(nodes[0] as El).childNodes].filter((n) => /\S/.test(n.textContent ?? ""));
  const first = nodes[0];
  // A <ruby> is a word with its reading, never a kicker.
  if (nodes.length < 2 || first?.nodeType !== 1 || (first as El).tagName === "RUBY") return whole;
  const kicker = normaliseLine(first.textContent ?? "");
  const rest = normaliseLine(
    nodes
      .slice(1)
      .map((n) => n.textContent ?? "")
      .join(" "),
  );
  return words(kicker).length <= 4 && rest.length >= KICKER_SHARE * whole.length ? rest : whole;
}
const KICKER_SHARE = 0.6;
const MAX_UNWRAP = 4;

export function withoutSiteName(title: string, siteName?: string): string {
  if (siteName) {
    for (const sep of [" | ", " - ", " – ", " — ", " · ", " » ", " : "]) {
      if (title.endsWith(`${sep}${siteName}`))
        return title.slice(0, -(sep.length + siteName.length));
      if (title.startsWith(`${siteName}${sep}`)) return title.slice(siteName.length + sep.length);
    }
  }
  // «Blog » Archive » The headline»: of several segments, one far longer than the rest is the headline.
  const segments = title.split(/\s+[|–—·»]\s+/u);
  if (segments.length >= 3) {
    const lengths = segments.map((s) => s.split(" ").length);
    const longest = Math.max(...lengths);
    const others = lengths.filter((n) => n !== longest);
    if (
      longest >= 3 &&
      others.length === lengths.length - 1 &&
      others.every((n) => 1.5 * n <= longest)
    )
      return segments[lengths.indexOf(longest)] as string;
  }
  // Without a known site name: a short last segment after a bar or dash
  // («… | الوطن»), never after a hyphen (a score «2 - 1» is part of a headline).
  // A site's name is shorter than the headline it follows: «Viviane Obenauf – Staatsanwaltschaft
  // hat Beweise vorgelegt» is a name and a headline, not a headline and a site.
  const m = /^(.{12,}?)\s+[|–—·»]\s+([^|–—·»]{1,40})$/u.exec(title);
  const suffixWords = m ? (m[2] as string).split(" ").length : 0;
  if (m && suffixWords <= 4 && (m[1] as string).trim().split(/\s+/).length > suffixWords)
    return (m[1] as string).trim();
  // Chinese and Japanese titles set the bar or dash without spaces: «…城！-新华网».
  const cjk =
    /^(.{6,}?[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}！？。」』）])\s*[|｜\-–—]\s*([^|｜\-–—\s]{1,12})$/u.exec(
      title,
    );
  if (cjk) return (cjk[1] as string).trim();
  // …or before it, behind a bar: «NEWS WEB EASY|子どもへの…».
  const cjkAfter =
    /^[^|｜]{1,20}[|｜]\s*([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}][^|｜]{5,})$/u.exec(
      title,
    );
  if (cjkAfter) return (cjkAfter[1] as string).trim();
  return title;
}
