import type { ArticleDate } from "../article.ts";
import {
  type DateOptions,
  isDateLine,
  isDatelineLike,
  parseDateLine,
  parseIsoDate,
} from "../extract-date.ts";
import { nestsTooDeep } from "../json-depth.ts";
import { normaliseLine } from "../normalise.ts";
import { blockLines } from "./blocks.ts";
import { wordsOfName } from "./clean.ts";
import type { Doc, El } from "./dom.ts";

/**
 * A saved page's publication date, from the places pages put it, most
 * deliberate first (the order htmldate found reliable): publication metadata
 * (`<meta>` under its many names, JSON-LD, microdata, `<time pubdate>`), a
 * date the page labels as published («Veröffentlicht am …»), the article
 * header's `<time>`, a generic `date` meta, a date in the page's own address
 * (`/2020/04/24/`), a date printed in the page's date or byline element, a
 * publication date in an inline script's data, the first `<time datetime>`.
 * An update date is taken only when the page gives no other; then the
 * picture's address and the summary's date are the last resorts.
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
  "citation_publication_date",
  "citation_online_date",
  "citation_date",
  "prism.publicationdate",
  "bepress_citation_date",
  "sw-pubdate",
  "created",
  "uploaddate",
  "datecreated",
];
const PUBLISHED_RANK = new Map(PUBLISHED_META.map((name, i) => [name, i]));
/**
 * Names that say only "a date" (Dublin Core's `date` is any event in the
 * page's life): many systems write the page's last change there. The date
 * the article itself prints or marks up comes before them.
 */
const GENERIC_META = ["date", "dc.date", "dcterms.date"];
const GENERIC_RANK = new Map(GENERIC_META.map((name, i) => [name, i]));
/** The last part of a namespaced `<meta>` name that says publication. */
const PUBLISHED_SEGMENT = new Set([
  "published",
  "published_time",
  "publishdate",
  "publish_date",
  "pubdate",
  "datepublished",
  "uploaded",
  "uploaddate",
  "upload_date",
]);

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
    () => fromPageAddress(document),
    () => fromMeta(document, PUBLISHED_RANK),
    () => fromJsonLd(document),
    () => fromMicrodata(document),
    () => fromTimeElements(document, "published"),
    () => labelledDate(document, headline, dates),
    () => fromTimeElements(document, "article"),
    () => fromMeta(document, GENERIC_RANK),
    () => titleDate(document, dates),
    () => printedDate(document, dates)?.text,
    () => datelineNear(document, headline, dates),
    () => fromScripts(document),
    () => fromTimeElements(document, "any"),
    // Last: a revision or update date is better than none; then any dateline of the page.
    () => printedDate(document, dates, true)?.text,
    () => firstDateline(document, dates),
    () => firstDateline(document, dates, true),
    () => fromPageAddress(document, PAGE_IMAGE),
    () => fromDescription(document, dates),
    () => fromScripts(document, true),
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

function fromMeta(document: Doc, ranks: ReadonlyMap<string, number>): string | undefined {
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
    // A name in a site's own namespace («five_hundred_pixels:uploaded») by its last part, after the known names.
    const rank =
      ranks.get(key) ??
      (ranks === GENERIC_RANK && PUBLISHED_SEGMENT.has(key.slice(key.search(/[^:.]*$/)))
        ? GENERIC_META.length
        : undefined);
    const value = meta.getAttribute("content")?.trim();
    if (rank === undefined || !value) continue;
    if (!best || rank < best.rank) best = { rank, value };
  }
  return best?.value;
}

/** An article's own object; a WebPage, a VideoObject or an ImageObject around it dates the page, not the article. */
const ARTICLE_TYPES = /Article$|^BlogPosting$|^Report$|^Review$/;
/** What readers write about a thing: inside that thing's object, not the page's own date. */
const RESPONSE_TYPES = /^(?:Review|Comment|Answer|Question)$/;

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
    // Each item with whether it stands inside a typed object (a recipe's reviews, an article's comments).
    const queue: [unknown, boolean][] = [[data, false]];
    // Breadth-first and bounded: a page's JSON-LD may be nested without end.
    for (let seen = 0; queue.length > 0 && seen < 2000; seen++) {
      const [item, inside] = queue.shift() as [unknown, boolean];
      if (Array.isArray(item)) for (const value of item) queue.push([value, inside]);
      else if (item && typeof item === "object") {
        const record = item as Record<string, unknown>;
        const types = ([] as unknown[]).concat(record["@type"] ?? []);
        const isType = (re: RegExp) => types.some((t) => typeof t === "string" && re.test(t));
        const published = record.datePublished ?? record.dateCreated ?? record.uploadDate;
        // A review or comment inside the thing it is about dates a reader's words, not the page.
        if (
          typeof published === "string" &&
          published.trim() &&
          !(inside && isType(RESPONSE_TYPES))
        ) {
          if (isType(ARTICLE_TYPES)) return published;
          fallback ??= published;
        }
        const typed = inside || types.length > 0;
        for (const value of Object.values(record))
          if (value && typeof value === "object") queue.push([value, typed]);
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

/**
 * A headline that opens with its date («23.01.2022 - Dorothea Wierer darf …»,
 * a press office's way): the date and the headline apart.
 */
export function leadingDate(
  title: string,
  dates: DateOptions,
): { date: string; headline: string } | undefined {
  const m = /^(.{6,40}?)\s+[-–—|:]\s+(\S.*)$/u.exec(title);
  if (!m || !isDateLine(m[1] as string, dates)) return undefined;
  return { date: m[1] as string, headline: m[2] as string };
}

/** The date a page's own title or headline opens with. */
function titleDate(document: Doc, dates: DateOptions): string | undefined {
  for (const selector of ['meta[property="og:title"]', "title", "h1"]) {
    const el = document.querySelector(selector);
    const text = normaliseLine(el?.getAttribute("content") ?? el?.textContent ?? "");
    const found = text ? leadingDate(text, dates) : undefined;
    if (found) return found.date;
  }
  return undefined;
}

/** A day in the page's own address: `/2020/04/24/`, `/2020-04-24-title`, `/20200424/`. */
const PAGE_ADDRESS = ['link[rel="canonical"]', 'meta[property="og:url"]'];
/** The page's own picture: its address often holds the day it was uploaded with the article. */
const PAGE_IMAGE = ['meta[property="og:image"]', 'meta[name="twitter:image"]'];

function fromPageAddress(
  document: Doc,
  selectors: readonly string[] = PAGE_ADDRESS,
): string | undefined {
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    const url = el?.getAttribute("href") ?? el?.getAttribute("content");
    if (!url) continue;
    let path: string;
    try {
      path = new URL(url, "https://example.invalid/").pathname;
    } catch {
      continue;
    }
    // A day is followed by a separator — «/2023/10/3-fragen-an…» is October and a title
    // that opens with a number, not the 3rd.
    const m =
      /\/((?:19|20)\d{2})\/(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])(?=[/_.]|$)/.exec(path) ??
      /\/((?:19|20)\d{2})-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)/.exec(path) ??
      /\/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=\/|$)/.exec(path);
    if (m)
      return `${m[1]}-${(m[2] as string).padStart(2, "0")}-${(m[3] as string).padStart(2, "0")}`;
  }
  return undefined;
}

/**
 * Dates a page prints that are not the article's: an update, an edit, the
 * current time or today's weather in the site's header, the day a forum's
 * member joined («Registriert: 18.09.2008»).
 */
const UPDATE =
  /(?:updated|last edited|modified|revision|aktualisiert|zuletzt|bearbeitet|mis à jour|modifié|actualizado|aggiornato|تحديث)/iu;
const NOT_THE_ARTICLES =
  /(?:aktuelle zeit|stand:|°c|°f|registriert|registered|joined|member since|mitglied seit|dabei seit)/iu;

/**
 * What of a printed line may date the article: none of a clock, weather or
 * member line; of «Written: 2023-11-07 / Updated: 2023-11-08», the part before the
 * update (the date written first is the publication, the later one the edit).
 */
function beforeUpdate(text: string): string | undefined {
  if (NOT_THE_ARTICLES.test(text) || text.includes("©")) return undefined;
  const update = UPDATE.exec(text);
  const kept = update ? text.slice(0, update.index).trim() : text;
  return kept.length > 0 ? kept : undefined;
}

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
    const whole = normaliseLine((el as El).textContent ?? "");
    if (whole.length === 0 || whole.length > 200) continue;
    const text = anyDate ? whole : beforeUpdate(whole);
    if (text === undefined) continue;
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
  for (const line of after) {
    const dateline = publishedDateline(line, dates);
    if (dateline) return dateline;
  }
  for (const line of before) {
    const dateline = publishedDateline(line, dates);
    if (dateline) return dateline;
  }
  return undefined;
}

/**
 * Words that say a date is the publication's: «Veröffentlicht am 16.08.2019»,
 * «Erstellt am: 01.11.2023», «Posted on May 19, 2010», «Dieser Eintrag wurde am
 * 19. Mai 2010 um 23:03 Uhr gepostet», «publié le», «تاريخ النشر».
 */
const PUBLISHED_LABEL =
  /(?:^|[^\p{L}])(?:published|posted|written|erstellt|veröffentlicht|publiziert|erschienen|gepostet|geschrieben|publié|publicado|pubblicato|gepubliceerd|geplaatst|opublikowano|опубликовано|yayınlanma|تاريخ النشر|نشر في|تاریخ انتشار)(?![\p{L}])/iu;
/** How far from its label the date may stand, before or after it. */
const LABEL_REACH = 60;
const LABELLED_LINE_CHARS = 400;
/** A label alone on its line: a few words. */
const LABEL_ALONE_CHARS = 30;

/**
 * A date the page labels as the publication's, in a line of text: the
 * article's own label comes before any comment's, so the first such line
 * under the headline is taken, else the first of the page.
 */
function labelledDate(
  document: Doc,
  headline: string | undefined,
  dates: DateOptions,
): string | undefined {
  const lines = pageLines(document);
  const at = headline ? lines.indexOf(headline) : -1;
  const read = (i: number): string | undefined => {
    const line = lines[i] as string;
    if (line.length > LABELLED_LINE_CHARS) return undefined;
    const label = PUBLISHED_LABEL.exec(line);
    if (!label) return undefined;
    const window = line.slice(
      Math.max(0, label.index - LABEL_REACH),
      label.index + label[0].length + LABEL_REACH,
    );
    const kept = beforeUpdate(window);
    if (kept !== undefined && parseDateLine(kept, dates)) return kept;
    // A label on its own line («Erschienen am:») over the date in the next element.
    const next = lines[i + 1];
    return line.length <= LABEL_ALONE_CHARS && next !== undefined
      ? publishedDateline(next, dates)
      : undefined;
  };
  for (let i = Math.max(0, at + 1); i < lines.length; i++) {
    const found = read(i);
    if (found) return found;
  }
  for (let i = 0; i <= at && i < lines.length; i++) {
    const found = read(i);
    if (found) return found;
  }
  return undefined;
}

/** The page's first dateline anywhere: the last resort. */
function firstDateline(document: Doc, dates: DateOptions, anyDate = false): string | undefined {
  for (const line of pageLines(document)) {
    const dateline = anyDate
      ? line.length <= DATELINE_MAX_CHARS && isDatelineLike(line, dates)
        ? line
        : undefined
      : publishedDateline(line, dates);
    if (dateline) return dateline;
  }
  return undefined;
}

/** A date the page's summary gives («… (Notizia del 14 Gennaio 2020)»): when the page says nothing else. */
function fromDescription(document: Doc, dates: DateOptions): string | undefined {
  for (const selector of ['meta[name="description"]', 'meta[property="og:description"]']) {
    const text = document.querySelector(selector)?.getAttribute("content");
    const kept = text ? beforeUpdate(normaliseLine(text).slice(0, LABELLED_LINE_CHARS)) : undefined;
    if (kept && parseDateLine(kept, dates)) return kept;
  }
  return undefined;
}

/** A dateline, or the part of one before its update date. */
function publishedDateline(line: string, dates: DateOptions): string | undefined {
  if (line.length > DATELINE_MAX_CHARS) return undefined;
  const kept = beforeUpdate(line);
  return kept !== undefined && isDatelineLike(kept, dates) ? kept : undefined;
}
/** As long as `isDatelineLike` reads. */
const DATELINE_MAX_CHARS = 140;

const linesCache = new WeakMap<Doc, string[]>();
/** The page's text as a reader sees it laid out, a block a line (read once per page). */
export function pageLines(document: Doc): string[] {
  let lines = linesCache.get(document);
  if (!lines) {
    lines = document.body ? blockLines(document.body) : [];
    linesCache.set(document, lines);
  }
  return lines;
}

function fromScripts(document: Doc, anyTimestamp = false): string | undefined {
  for (const script of document.querySelectorAll("script:not([src])")) {
    const m = (anyTimestamp ? SCRIPT_TIMESTAMP : SCRIPT_DATE).exec(script.textContent ?? "");
    if (m) return m[1];
  }
  return undefined;
}
/** A full date and time written as a string in a script («showDate("2020/04/17 01:43:09")»). */
const SCRIPT_TIMESTAMP =
  /["']((?:19|20)\d\d[-/](?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12]\d|3[01])[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?)/;
