import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { type ParsedDump, RejectedInput, type Sidecar } from "./article.ts";
import { type Furniture, splitTerms } from "./boilerplate.ts";
import { authorFromByline } from "./extract-author.ts";
import type { DateOptions } from "./extract-date.ts";
import { normaliseLine } from "./normalise.ts";
import { readBody } from "./parse-text.ts";

/**
 * Step 3 for saved HTML pages. Metadata is read first, from the whole page
 * (Open Graph, `article:*`, JSON-LD NewsArticle, `<time datetime>`,
 * `<html lang>`), because Readability removes headers and bylines when it
 * isolates the article. Readability (Firefox Reader View's engine, on the
 * linkedom DOM) then finds the article body; its paragraphs go through the
 * same furniture filter as text dumps.
 */

type Doc = ReturnType<typeof parseHTML>["document"];

const BLOCKS = "p, li, blockquote, h2, h3, h4, h5, h6, pre";

/** Page furniture that Readability sometimes keeps: menus, sidebars, share bars, embeds, ads. */
const FURNITURE_SELECTORS = [
  "nav",
  "aside",
  "footer",
  "form",
  "iframe",
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  ".twitter-tweet",
  ".instagram-media",
  "[class*=breadcrumb]",
  "[class*=share]",
  "[class*=social]",
  "[class*=ticker]",
  "[class*=newsletter]",
  "[class*=comment]",
  "[class*=advert]",
  "[class*=ad-slot]",
  "[role=navigation]",
  "[role=complementary]",
].join(", ");

/** Where pages list an article's tags. */
const TAG_SELECTORS = "[rel=tag], [class*=tags] a, [class*=keywords] a, [class*=topics] a";

/** Minimum text for a page to hold an article: a brief of a sentence or two. */
const MIN_ARTICLE_CHARS = 120;

export function parseHtmlDump(html: string, furniture: Furniture, dates: DateOptions): ParsedDump {
  const { document } = parseHTML(html);
  const meta = pageMetadata(document);
  const pageTitle = headlineOf(document);

  // Readability needs a document it may change; keep the original for metadata.
  const work = parseHTML(html).document;
  const related = relatedHeadlines(work, furniture);
  const keywords = [...work.querySelectorAll(TAG_SELECTORS)].map((a) =>
    normaliseLine(a.textContent ?? ""),
  );
  for (const el of [
    ...work.querySelectorAll(`${FURNITURE_SELECTORS}, [class*=tags], [class*=keywords]`),
  ])
    el.remove();
  // The site's header (not the article's own) holds the logo, menus and tickers.
  for (const el of [...work.querySelectorAll("header")]) if (!el.closest("article")) el.remove();

  let article: ReturnType<Readability<Node>["parse"]>;
  try {
    article = new Readability(work as unknown as Document, {
      serializer: (node: Node) => node,
      charThreshold: 200,
    }).parse();
  } catch (error) {
    // Readability refuses documents it cannot read at all (no <html>, no body).
    throw new RejectedInput(`no article text found in the HTML page (${(error as Error).message})`);
  }
  const content = article?.content as unknown as Element | null | undefined;
  if (!content || normaliseLine(content.textContent ?? "").length < MIN_ARTICLE_CHARS) {
    throw new RejectedInput("no article text found in the HTML page");
  }

  const blocks = [...content.querySelectorAll(BLOCKS)].filter(
    // A block inside another block (a <p> in a <li>) is read with its parent.
    (el) => !el.parentElement?.closest(BLOCKS),
  );
  const lines = blocks.map((el) => normaliseLine(el.textContent ?? ""));
  const headline = pageTitle ?? normaliseLine(article?.title ?? "");
  const body = readBody(
    lines.filter((l) => l !== headline),
    furniture,
    dates,
  );
  if (!headline) throw new RejectedInput("no headline in the HTML page");
  if (body.paragraphs.length === 0)
    throw new RejectedInput("no article text found in the HTML page");
  if (!meta.author && article?.byline) {
    const author = authorFromByline(article.byline);
    if (author) meta.author = author;
  }
  return {
    headerLines: body.headerLines,
    headline,
    paragraphs: body.paragraphs,
    related: [...related, ...body.related],
    keywords: [...keywords.filter((k) => k.length > 0), ...body.keywords],
    meta,
    ...(body.sourceName ? { sourceName: body.sourceName } : {}),
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
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
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

function pageMetadata(document: Doc): Sidecar {
  const ld = jsonLdArticle(document);
  const meta: Sidecar = {};
  const published =
    attr(document, 'meta[property="article:published_time"]') ??
    (typeof ld?.datePublished === "string" ? ld.datePublished : undefined) ??
    attr(document, 'meta[itemprop="datePublished"]') ??
    attr(document, 'meta[name="pubdate"]') ??
    attr(document, 'meta[name="publishdate"]') ??
    attr(document, 'meta[name="date"]') ??
    attr(document, "article time[datetime], header time[datetime], time[datetime]", "datetime");
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
 * The headline without the site name pages append to it («… | الموقع»):
 * the article's <h1> when the page title starts with it, else the Open Graph
 * or JSON-LD headline, else <title>, with a trailing site-name segment cut.
 */
function headlineOf(document: Doc): string | undefined {
  const siteName = attr(document, 'meta[property="og:site_name"]');
  const ld = jsonLdArticle(document);
  const candidates = [
    attr(document, 'meta[property="og:title"]'),
    typeof ld?.headline === "string" ? normaliseLine(ld.headline) : undefined,
    attr(document, 'meta[name="twitter:title"]'),
    normaliseLine(document.querySelector("title")?.textContent ?? "") || undefined,
  ].filter((t): t is string => t !== undefined);
  const h1 = normaliseLine(document.querySelector("article h1, h1")?.textContent ?? "");
  if (h1 && candidates.some((c) => c.startsWith(h1))) return h1;
  const first = candidates[0];
  return first === undefined ? h1 || undefined : withoutSiteName(first, siteName);
}

export function withoutSiteName(title: string, siteName?: string): string {
  if (siteName) {
    for (const sep of [" | ", " - ", " – ", " — ", " · ", " » ", " : "]) {
      if (title.endsWith(`${sep}${siteName}`))
        return title.slice(0, -(sep.length + siteName.length));
      if (title.startsWith(`${siteName}${sep}`)) return title.slice(siteName.length + sep.length);
    }
  }
  // Without a known site name: a short last segment after a bar or dash
  // («… | الوطن»), never after a hyphen (a score «2 - 1» is part of a headline).
  const m = /^(.{12,}?)\s+[|–—·»]\s+([^|–—·»]{1,40})$/u.exec(title);
  if (m && (m[2] as string).split(" ").length <= 4) return (m[1] as string).trim();
  return title;
}
