import type { ArticleDate } from "../article.ts";
import { type DateOptions, isDatelineLike, parseDateLine, parseIsoDate } from "../extract-date.ts";
import { nestsTooDeep } from "../json-depth.ts";
import { normaliseLine } from "../normalise.ts";
import { blockLines } from "./blocks.ts";
import { wordsOfName } from "./clean.ts";
import type { Doc, El } from "./dom.ts";

/**
 * A saved page's publication date, from the places pages put it, most
 * deliberate first (the order htmldate found reliable): publication metadata
 * (`<meta>` under its many names, JSON-LD, microdata, `<time pubdate>`), a
 * date in the page's own address (`/2020/04/24/`), a date printed in the
 * page's date or byline element, a publication date in an inline script's
 * data, the first `<time datetime>`. An update date is never taken for the
 * publication date.
 */

/** `<meta>` names (property, name, itemprop, http-equiv) that give the publication date. */
const PUBLISHED_META = [
  "article:published_time",
  "og:article:published_time",
  "og:published_time",
  "article:published",
  "published_time",
  "datepublished",
  "date.published",
  "article.published",
  "publishdate",
  "publish_date",
  "publish-date",
  "pubdate",
  "pub_date",
  "parsely-pub-date",
  "sailthru.date",
  "cxenseparse:recs:publishtime",
  "analyticsattributes.articledate",
  "article.created",
  "originalpublicationdate",
  "dc.date.issued",
  "dcterms.issued",
  "dc.date.created",
  "dcterms.created",
  "dc.date",
  "dcterms.date",
  "citation_publication_date",
  "citation_online_date",
  "citation_date",
  "prism.publicationdate",
  "bepress_citation_date",
  "sw-pubdate",
  "date",
  "created",
  "uploaddate",
  "datecreated",
];
const PUBLISHED_RANK = new Map(PUBLISHED_META.map((name, i) => [name, i]));

/** Words of class names and ids of the elements that print an article's date. */
const DATE_ELEMENT_WORDS = new Set([
  "date",
  "dates",
  "dateline",
  "datum",
  "time",
  "timestamp",
  "published",
  "publish",
  "publication",
  "pubdate",
  "posted",
  "byline",
  "meta",
  "postmeta",
  "entry",
  "info",
]);

/** Keys of a publication date in a script's data (analytics layers, app state). */
const SCRIPT_DATE =
  /["'](?:datePublished|publishDate|publishedDate|publish_date|published_at|publishedAt|pubDate|date_published|firstPublished|first_published_at|publicationDate)["']\s*:\s*["']([^"']{8,40})["']/;

export function publicationDate(
  document: Doc,
  dates: DateOptions,
  headline: string | undefined,
): string | undefined {
  const candidates = [
    () => fromMeta(document),
    () => fromJsonLd(document),
    () => fromMicrodata(document),
    () => fromTimeElements(document, "published"),
    () => fromTimeElements(document, "article"),
    () => fromPageAddress(document),
    () => printedDate(document, dates)?.text,
    () => datelineNear(document, headline, dates),
    () => fromScripts(document),
    () => fromTimeElements(document, "any"),
    // Last: a revision or update date is better than none; then any dateline of the page.
    () => printedDate(document, dates, true)?.text,
    () => firstDateline(document, dates),
  ];
  for (const candidate of candidates) {
    const value = candidate();
    if (!value) continue;
    if (readDate(value, dates)) return value;
  }
  return undefined;
}

function readDate(value: string, dates: DateOptions): ArticleDate | undefined {
  const v = value.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  const iso = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : v;
  return parseIsoDate(iso, dates) ?? parseDateLine(iso, dates)?.date ?? undefined;
}

function fromMeta(document: Doc): string | undefined {
  let best: { rank: number; value: string } | undefined;
  for (const meta of document.querySelectorAll("meta[content]")) {
    const key = (
      meta.getAttribute("property") ??
      meta.getAttribute("name") ??
      meta.getAttribute("itemprop") ??
      meta.getAttribute("http-equiv") ??
      ""
    )
      .trim()
      .toLowerCase();
    const rank = PUBLISHED_RANK.get(key);
    const value = meta.getAttribute("content")?.trim();
    if (rank === undefined || !value) continue;
    if (!best || rank < best.rank) best = { rank, value };
  }
  return best?.value;
}

/** An article's own object; a WebPage, a VideoObject or an ImageObject around it dates the page, not the article. */
const ARTICLE_TYPES = /Article$|^BlogPosting$|^Report$|^Review$/;

/** `datePublished` of the page's JSON-LD: an article's first, then any object's. */
function fromJsonLd(document: Doc): string | undefined {
  let fallback: string | undefined;
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? "";
    // JSON-LD nested absurdly deep is no page's metadata: skipped.
    if (nestsTooDeep(text)) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      // Hand-written JSON-LD is often not JSON (a trailing comma, a raw newline): read the field.
      fallback ??= /"datePublished"\s*:\s*"([^"]+)"/.exec(text)?.[1];
      continue;
    }
    const queue: unknown[] = [data];
    // Breadth-first and bounded: a page's JSON-LD may be nested without end.
    for (let seen = 0; queue.length > 0 && seen < 2000; seen++) {
      const item = queue.shift();
      if (Array.isArray(item)) queue.push(...item);
      else if (item && typeof item === "object") {
        const record = item as Record<string, unknown>;
        const published = record.datePublished ?? record.dateCreated ?? record.uploadDate;
        if (typeof published === "string" && published.trim()) {
          const types = ([] as unknown[]).concat(record["@type"] ?? []);
          if (types.some((t) => typeof t === "string" && ARTICLE_TYPES.test(t))) return published;
          fallback ??= published;
        }
        for (const value of Object.values(record))
          if (value && typeof value === "object") queue.push(value);
      }
    }
  }
  return fallback;
}

function fromMicrodata(document: Doc): string | undefined {
  for (const el of document.querySelectorAll("[itemprop=datePublished], [itemprop=dateCreated]")) {
    const value =
      el.getAttribute("content") ??
      el.getAttribute("datetime") ??
      normaliseLine(el.textContent ?? "");
    if (value) return value;
  }
  return undefined;
}

/**
 * `<time pubdate>`, `<time class="published">`; or the first `<time datetime>`
 * of the article's own header; or the first of the page.
 */
function fromTimeElements(
  document: Doc,
  which: "published" | "article" | "any",
): string | undefined {
  const selector =
    which === "article"
      ? "article time[datetime], header time[datetime], main time[datetime]"
      : "time[datetime], abbr[title]";
  for (const el of document.querySelectorAll(selector)) {
    const value = el.getAttribute("datetime") ?? el.getAttribute("title");
    if (!value) continue;
    const names = wordsOfName(
      `${el.getAttribute("class") ?? ""} ${el.getAttribute("itemprop") ?? ""}`,
    );
    if (names.some((w) => w === "updated" || w === "modified" || w === "datemodified")) continue;
    const published =
      el.hasAttribute("pubdate") ||
      names.some((w) => w === "published" || w === "publish" || w === "pubdate");
    if (el.tagName === "ABBR" && !published) continue;
    if (published || which !== "published") return value;
  }
  return undefined;
}

/** A day in the page's own address: `/2020/04/24/`, `/2020-04-24-title`, `/20200424/`. */
function fromPageAddress(document: Doc): string | undefined {
  for (const selector of ['link[rel="canonical"]', 'meta[property="og:url"]']) {
    const el = document.querySelector(selector);
    const url = el?.getAttribute("href") ?? el?.getAttribute("content");
    if (!url) continue;
    let path: string;
    try {
      path = new URL(url, "https://example.invalid/").pathname;
    } catch {
      continue;
    }
    const m =
      /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)/.exec(path) ??
      /\/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=\/|$)/.exec(path);
    if (m)
      return `${m[1]}-${(m[2] as string).padStart(2, "0")}-${(m[3] as string).padStart(2, "0")}`;
  }
  return undefined;
}

/**
 * Dates a page prints that are not the article's: an update, an edit, the
 * current time or today's weather in the site's header.
 */
const NOT_PUBLISHED =
  /(?:updated|last edited|modified|revision|aktualisiert|zuletzt|bearbeitet|aktuelle zeit|stand:|mis à jour|modifié|actualizado|aggiornato|تحديث|°c|°f)/iu;

const printedCache = new WeakMap<Doc, { text: string; date: ArticleDate } | null>();
const anyDateCache = new WeakMap<Doc, { text: string; date: ArticleDate } | null>();

/**
 * The date printed in the page's date or byline element («Publiziert am 13.
 * Januar 2014», «Par X le 7 mai 2020», «Updated: June 13, 2019» is skipped):
 * the first short element whose class or id names a date and whose text holds one.
 */
function printedDate(
  document: Doc,
  dates: DateOptions,
  anyDate = false,
): { text: string; date: ArticleDate } | undefined {
  const cache = anyDate ? anyDateCache : printedCache;
  const cached = cache.get(document);
  if (cached !== undefined) return cached ?? undefined;
  let found: { text: string; date: ArticleDate } | null = null;
  let looked = 0;
  for (const el of document.querySelectorAll("[class], [id]")) {
    if (looked > MAX_DATE_ELEMENTS) break;
    const names = wordsOfName(`${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`);
    if (!names.some((w) => DATE_ELEMENT_WORDS.has(w))) continue;
    if (names.some((w) => w === "updated" || w === "modified")) continue;
    looked++;
    const text = normaliseLine((el as El).textContent ?? "");
    if (text.length === 0 || text.length > 200) continue;
    if (!anyDate && NOT_PUBLISHED.test(text)) continue;
    const match = parseDateLine(text, dates);
    if (match) {
      found = { text, date: match.date };
      break;
    }
  }
  cache.set(document, found);
  return found ?? undefined;
}
const MAX_DATE_ELEMENTS = 400;

/** Lines after the headline, and before it, in which a dateline is looked for. */
const LINES_AFTER_HEADLINE = 40;
const LINES_BEFORE_HEADLINE = 6;

/**
 * A dateline printed as text near the headline, as a reader finds it: the
 * first line under the headline (or just over it) that is a date with a few
 * words beside it («Lübeck, 31. März 2003», «Veröffentlicht: 30.07.2019 09:35 Uhr»).
 */
function datelineNear(
  document: Doc,
  headline: string | undefined,
  dates: DateOptions,
): string | undefined {
  const lines = pageLines(document);
  // The headline's line: printed as chosen, or with a kicker or the site's name around it.
  const at = headline
    ? ((i) => (i >= 0 ? i : lines.findIndex((l) => l.includes(headline))))(lines.indexOf(headline))
    : -1;
  const from = at < 0 ? 0 : at + 1;
  const after = lines.slice(
    from,
    from + (at < 0 ? LINES_AFTER_HEADLINE * 2 : LINES_AFTER_HEADLINE),
  );
  const before = at < 0 ? [] : lines.slice(Math.max(0, at - LINES_BEFORE_HEADLINE), at).reverse();
  const isDateline = (line: string) => publishedDateline(line, dates);
  return after.find(isDateline) ?? before.find(isDateline);
}

/** The page's first dateline anywhere: the last resort. */
function firstDateline(document: Doc, dates: DateOptions): string | undefined {
  return pageLines(document).find((line) => publishedDateline(line, dates));
}

function publishedDateline(line: string, dates: DateOptions): boolean {
  return isDatelineLike(line, dates) && !NOT_PUBLISHED.test(line) && !line.includes("©");
}

const linesCache = new WeakMap<Doc, string[]>();
function pageLines(document: Doc): string[] {
  let lines = linesCache.get(document);
  if (!lines) {
    lines = document.body ? blockLines(document.body) : [];
    linesCache.set(document, lines);
  }
  return lines;
}

function fromScripts(document: Doc): string | undefined {
  for (const script of document.querySelectorAll("script:not([src])")) {
    const m = SCRIPT_DATE.exec(script.textContent ?? "");
    if (m) return m[1];
  }
  return undefined;
}
