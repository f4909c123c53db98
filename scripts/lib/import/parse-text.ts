import { foldArabic, words } from "../arabic.ts";
import { type ParsedDump, RejectedInput } from "./article.ts";
import { type Furniture, lineKey, type SectionKind, splitTerms } from "./boilerplate.ts";
import { isByline } from "./extract-author.ts";
import {
  type DateOptions,
  isDateLine,
  isDatelineLike,
  isRelativeDateLine,
} from "./extract-date.ts";
import { normalisedLines } from "./normalise.ts";
import { CREDIT_AT_END, chooseHeadline, type HeadlineChoice } from "./text/headline.ts";
import { articleRuns, type Block, type LineInfo } from "./text/main-block.ts";
import type { ProseModel } from "./text/prose.ts";

/**
 * Step 3 for plain-text dumps (text copied off a news page), in any site's
 * layout: every line gets its shape and what the lists know of it
 * (`lineInfos`); the article is a run of prose (`text/main-block.ts`), the
 * headline the headline-shaped line next to it whose words the article uses
 * (`text/headline.ts`); date lines and bylines around the headline are header
 * lines; the body is read from the run (`readBody`), the sections after it
 * for related headlines and keywords. The specimen's parts:
 *
 *   role / name pairs (masthead)        → never a headline, never text
 *   breadcrumbs, menus, share bars      → dropped
 *   date line, byline (above or under)  → header lines
 *   headline                            → title
 *   «المصدر: …»                          → source name
 *   paragraphs, blank or NBSP lines between; promotions and share bars dropped
 *   «أخبار ذات صلة» + headlines          → related
 *   «الكلمات المفتاحية» + terms          → keywords
 *   «آخر الأخبار» + one run-on line      → dropped (ticker)
 */

/**
 * Masthead role lines printed above an article, each followed by the person's
 * name: «الرئيس التنفيذي», «رئيس التحرير المسؤول», «رئيسة التحرير», «نائب رئيس
 * التحرير», «المدير العام», «Editor-in-Chief». Matched on folded text: a role
 * noun, then at most four words, one of which names the newsroom function (so
 * a headline such as «رئيس الوزراء يستقبل…» is never taken for one).
 */
const MASTHEAD_ROLE_AR =
  /^(?:ال)?(?:رييس|رييسه|نايب|نايبه|مدير|مديره|مشرف|مشرفه|سكرتير|سكرتيره|مستشار)(?: [^ ]+){0,4}$/u;
const MASTHEAD_FUNCTION_AR =
  /(?:^| )(?:ال)?(?:تحرير|تنفيذي|تنفيذيه|اداره|عام|عامه|مسوول|مسووله|نشر)(?: |$)/u;
/** Roles that stand alone: «الناشر». */
const MASTHEAD_ROLE_ALONE = /^(?:ال)?ناشر$/u;
const MASTHEAD_ROLE_EN =
  /^(?:deputy |managing |executive |senior )?(?:editor(?:[- ]in[- ]chief)?|publisher|ceo|chief executive(?: officer)?|general manager|editorial director)$/u;

/** A role is a few words: longer lines are never asked. */
const MASTHEAD_MAX_CHARS = 60;

function isMastheadRole(line: string): boolean {
  if (line.length > MASTHEAD_MAX_CHARS) return false;
  const key = lineKey(line);
  return (
    (MASTHEAD_ROLE_AR.test(key) && MASTHEAD_FUNCTION_AR.test(key)) ||
    MASTHEAD_ROLE_ALONE.test(key) ||
    MASTHEAD_ROLE_EN.test(key)
  );
}

/** "رئيس التحرير: فلان" on one line. */
function isInlineMasthead(line: string): boolean {
  const colon = line.search(/[:：]/);
  return colon > 0 && colon <= MASTHEAD_MAX_CHARS && isMastheadRole(line.slice(0, colon));
}

/** A related headline is a short line; a long sentence after one means the body goes on. */
function looksLikeParagraph(line: string): boolean {
  return words(line).length >= 30 && /[.؟!?…”"»]$/u.test(line);
}

export interface BodyParts {
  /** Header lines found at the start of the body (a byline under a share bar). */
  headerLines: string[];
  paragraphs: string[];
  related: string[];
  keywords: string[];
  sourceName?: string;
}

/**
 * Body lines (already whitespace-normalised) → paragraphs and trailing
 * sections, with furniture removed. Shared by every input format.
 */
export function readBody(
  lines: readonly string[],
  furniture: Furniture,
  dates: DateOptions,
  /** Index of the article's last line, for a text dump: after it only sections are read. */
  last = Number.POSITIVE_INFINITY,
): BodyParts {
  const parts: BodyParts = { headerLines: [], paragraphs: [], related: [], keywords: [] };
  let section: SectionKind | null = null;
  for (const [i, line] of lines.entries()) {
    if (line === "") continue;
    const heading = furniture.section(line);
    if (heading !== null) {
      // A heading before any paragraph is a stray menu item, not the start of a section.
      if (parts.paragraphs.length > 0 || heading === "keywords") section = heading;
      continue;
    }
    const inline = furniture.inlineKeywords(line);
    if (inline) {
      parts.keywords.push(...inline);
      continue;
    }
    const source = furniture.sourceName(line);
    if (source !== null) {
      parts.sourceName ??= source;
      continue;
    }
    if (furniture.isNoise(line)) continue;
    if (section === "keywords") {
      // A label («مشاركة الخبر :») is the heading of what follows, not a term.
      if (/[:：]$/.test(line)) {
        section = null;
        continue;
      }
      // Terms are short; a long line after a keyword block is text again.
      if (words(line).length <= 8) {
        parts.keywords.push(...splitTerms(line));
        continue;
      }
      section = null;
    }
    if (section === "related") {
      if (!looksLikeParagraph(line)) {
        parts.related.push(line);
        continue;
      }
      section = null;
    }
    if (section === "dropped" || i > last) continue;
    if (parts.paragraphs.length === 0) {
      // Before the first paragraph: header lines and menus that came through (HTML, JSON).
      if (isDateLine(line, dates) || isByline(line)) {
        parts.headerLines.push(line);
        continue;
      }
      if (isRelativeDateLine(line) || furniture.isNavigation(line)) continue;
    }
    parts.paragraphs.push(line);
  }
  return parts;
}

export function parseTextDump(
  text: string,
  furniture: Furniture,
  dates: DateOptions,
  prose: ProseModel,
): ParsedDump {
  const lines = normalisedLines(text);
  // Asked of the same lines many times (for each run, each headline candidate): remembered.
  const datelines = new Map<string, boolean>();
  const isDatelineOrByline = (line: string) => {
    let yes = datelines.get(line);
    if (yes === undefined) {
      yes = isDatelineLike(line, dates) || isByline(line);
      datelines.set(line, yes);
    }
    return yes;
  };
  const headerCache = new Map<string, boolean>();
  const isHeaderLine = (line: string) => {
    let header = headerCache.get(line);
    if (header === undefined) {
      header =
        isDatelineOrByline(line) ||
        isRelativeDateLine(line) ||
        isMastheadRole(line) ||
        isInlineMasthead(line) ||
        furniture.sourceName(line) !== null;
      headerCache.set(line, header);
    }
    return header;
  };
  const infos = lineInfos(lines, furniture, prose, isDatelineOrByline);
  const headlineContext = {
    prose,
    isHeaderLine,
    isRepeated: (line: string) => furniture.isRepeated(line),
    isFurniture: (line: string) =>
      furniture.isKnownNoise(line) ||
      furniture.isNavigation(line) ||
      furniture.section(line) !== null ||
      furniture.inlineKeywords(line) !== null,
  };

  // The article: among the runs with the most prose, the one under the best headline.
  // A brief of a sentence or two is not prose by length: without any prose, the
  // sentences are the text (a dump of only menus and headline lists has none).
  let runs = articleRuns(infos);
  if (runs.length === 0) runs = articleRuns(infos.map(asBrief));
  let found: { block: Block; bodyStart: number; headline: HeadlineChoice | null } | null = null;
  let foundScore = Number.NEGATIVE_INFINITY;
  for (const block of runs) {
    let bodyStart = startOfBody(infos, block, isHeaderLine);
    const bodyText = infos
      .filter((l) => l.index >= bodyStart && l.index <= block.last && !l.furniture)
      .map((l) => l.text)
      .join("\n")
      // a headline speaks of the article's first paragraphs
      .slice(0, LEAD_CHARS);
    const headline = chooseHeadline(infos, bodyStart, bodyText, headlineContext);
    if (headline && headline.index >= bodyStart) {
      // The headline was the article's first line: the body starts under it (and its date line).
      bodyStart = nextBodyLine(infos, headline.index + 1, isHeaderLine) ?? block.last + 1;
      if (bodyStart > block.last) continue;
    }
    const score =
      block.weight *
      (0.5 + Math.max(0, headline?.score ?? 0)) *
      (headline?.confident ? 1 : UNCONFIDENT_RUN);
    if (score > foundScore) {
      found = { block, bodyStart, headline };
      foundScore = score;
    }
  }
  if (!found) {
    throw new RejectedInput(
      "no article: no line of the dump reads as running text (only menus, headlines, labels or page furniture)",
    );
  }
  const { block, bodyStart, headline } = found;
  if (!headline) {
    throw new RejectedInput("no headline: no headline-shaped line above the article's text");
  }

  // Date lines, bylines and the source's name around the headline.
  const headerLines: string[] = [];
  let sourceName: string | undefined;
  const headerFrom = Math.max(0, nthNonEmptyAbove(lines, headline.index, HEADER_LINES_ABOVE));
  for (let i = headerFrom; i < bodyStart; i++) {
    const line = lines[i] as string;
    if (line === "" || i === headline.index) continue;
    if (isDatelineOrByline(line)) headerLines.push(line);
    else sourceName ??= furniture.sourceName(line) ?? undefined;
  }

  const headlineKey = foldArabic(headline.text);
  // Folding is dear: only a line about as long as the headline can be it.
  const sameHeadline = (l: string) =>
    Math.abs(l.length - headline.text.length) <= 8 && foldArabic(l) === headlineKey;
  const inHole = (i: number) => block.holes.some(([a, b]) => i >= a && i <= b);
  const rest = lines.slice(bodyStart);
  const body = readBody(
    rest.map((l, i) => (sameHeadline(l) || inHole(bodyStart + i) ? "" : l)),
    furniture,
    dates,
    block.last - bodyStart,
  );
  if (body.paragraphs.length === 0) {
    throw new RejectedInput(`no body text under the headline «${headline.text}»`);
  }
  const source = body.sourceName ?? sourceName;
  return {
    headerLines: [...headerLines, ...body.headerLines],
    headline: headline.text,
    paragraphs: body.paragraphs,
    related: body.related,
    keywords: body.keywords,
    meta: {},
    ...(source !== undefined ? { sourceName: source } : {}),
    // A dump that opens with its headline (the specimen's layout) needs no more evidence.
    ...(headline.confident || headline.index === firstTextLine(infos, isHeaderLine)
      ? {}
      : {
          headlineWarning: `headline uncertain: «${headline.text}» shares few words with the article (check the title)`,
        }),
  };
}

/** How much of the article its headline is compared with. */
const LEAD_CHARS = 3000;
/** A run no headline speaks of (a footer's legal text, a comment) weighs this much less. */
const UNCONFIDENT_RUN = 0.5;

/** A sentence of a brief: a few words ending as a sentence does. */
function asBrief(line: LineInfo): LineInfo {
  const brief = line.shape.endsSentence && line.shape.words >= 2;
  return brief ? { ...line, shape: { ...line.shape, prose: true } } : line;
}

/** The dump's first line that is not masthead, furniture or a header line. */
function firstTextLine(
  infos: readonly LineInfo[],
  isHeaderLine: (line: string) => boolean,
): number | undefined {
  return infos.find((l) => !l.furniture && !l.barrier && !isHeaderLine(l.text))?.index;
}

/** Date lines and bylines are looked for this many lines above the headline (a date over it). */
const HEADER_LINES_ABOVE = 3;
/** A caption or standfirst over the date line: the body starts after header lines this close to the top. */
const HEADER_LINES_INTO_BLOCK = 4;

function nthNonEmptyAbove(lines: readonly string[], index: number, n: number): number {
  let i = index;
  for (let seen = 0; i > 0 && seen < n; ) {
    i--;
    if (lines[i] !== "") seen++;
  }
  return i;
}

/** Every non-empty line with its shape and what the lists know of it. */
function lineInfos(
  lines: readonly string[],
  furniture: Furniture,
  prose: ProseModel,
  isDatelineOrByline: (line: string) => boolean,
): LineInfo[] {
  const counts = new Map<string, number>();
  for (const line of lines) if (line !== "") counts.set(line, (counts.get(line) ?? 0) + 1);
  const masthead = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "") continue;
    if (isInlineMasthead(line)) masthead.add(i);
    else if (isMastheadRole(line)) {
      masthead.add(i);
      // The name under a role line.
      let j = i + 1;
      while (j < lines.length && lines[j] === "") j++;
      const name = lines[j];
      if (name !== undefined && furniture.section(name) === null && !isMastheadRole(name))
        masthead.add(j);
    }
  }
  const infos: LineInfo[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "") continue;
    const shape = prose.shape(line);
    infos.push({
      index: i,
      text: line,
      shape,
      masthead: masthead.has(i),
      furniture:
        masthead.has(i) ||
        // a photo caption, known by its credit: «… on Saturday. (Reuters)»
        (shape.words <= CAPTION_MAX_WORDS && CREDIT_AT_END.test(line)) ||
        // A short line printed twice in one page is a menu item (desktop and mobile menus);
        // a long one printed twice (a pop-up's text) counts once.
        ((counts.get(line) ?? 0) > 1 && (line.length < REPEATED_LINE_CHARS || seen.has(line))) ||
        furniture.isNoise(line) ||
        // a menu is never a paragraph of sentences
        (!shape.prose && furniture.isNavigation(line)),
      barrier: furniture.section(line) !== null,
      related: furniture.section(line) === "related",
      header: !shape.prose && isDatelineOrByline(line),
    });
    seen.add(line);
  }
  return infos;
}
const REPEATED_LINE_CHARS = 100;
/** A caption, known by its credit in brackets, is a sentence or two. */
const CAPTION_MAX_WORDS = 40;

/**
 * The article's first paragraph. A block can open with a photo caption or the
 * headline itself (when it reads as a sentence) over the date line or byline:
 * the body then starts under the last header line near the top.
 */
function startOfBody(
  infos: readonly LineInfo[],
  block: Block,
  isHeaderLine: (line: string) => boolean,
): number {
  const top = infos.filter((l) => l.index >= block.first && l.index <= block.last);
  let start = block.first;
  for (const line of top.slice(0, HEADER_LINES_INTO_BLOCK)) {
    if (isHeaderLine(line.text)) start = line.index + 1;
  }
  return nextBodyLine(infos, start, isHeaderLine) ?? block.first;
}

function nextBodyLine(
  infos: readonly LineInfo[],
  from: number,
  isHeaderLine: (line: string) => boolean,
): number | undefined {
  return infos.find((l) => l.index >= from && !isHeaderLine(l.text))?.index;
}
