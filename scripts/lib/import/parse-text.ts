import { foldArabic, words } from "../arabic.ts";
import { type ParsedDump, RejectedInput } from "./article.ts";
import { type Furniture, lineKey, type SectionKind, splitTerms } from "./boilerplate.ts";
import { isByline } from "./extract-author.ts";
import { type DateOptions, isDateLine, isRelativeDateLine } from "./extract-date.ts";
import { normalisedLines } from "./normalise.ts";

/**
 * Step 3 for plain-text dumps (text copied off a news page): find the
 * masthead, the headline, the header lines around it, the body paragraphs and
 * the trailing sections. The specimen's layout:
 *
 *   role / name pairs (masthead)        → dropped
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

function isMastheadRole(line: string): boolean {
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
  return colon > 0 && isMastheadRole(line.slice(0, colon));
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
): BodyParts {
  const parts: BodyParts = { headerLines: [], paragraphs: [], related: [], keywords: [] };
  let section: SectionKind | null = null;
  for (const line of lines) {
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
    if (section === "dropped") continue;
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

export function parseTextDump(text: string, furniture: Furniture, dates: DateOptions): ParsedDump {
  const lines = normalisedLines(text);
  let i = 0;
  const next = () => {
    while (i < lines.length && lines[i] === "") i++;
    return i < lines.length ? (lines[i] as string) : null;
  };
  const headerLines: string[] = [];
  let sourceName: string | undefined;

  // Above the headline: masthead, menus, breadcrumbs, and sometimes the date and byline.
  let headline: string | null = null;
  for (let line = next(); line !== null; line = next()) {
    i++;
    if (isInlineMasthead(line)) continue;
    if (isMastheadRole(line)) {
      const name = next();
      if (name !== null && furniture.section(name) === null && !isMastheadRole(name)) i++;
      continue;
    }
    // A section heading before any headline: what follows is page furniture, not an article.
    if (furniture.section(line) !== null) break;
    if (isDateLine(line, dates) || isByline(line)) {
      headerLines.push(line);
      continue;
    }
    if (isRelativeDateLine(line)) continue;
    if (furniture.isNavigation(line) || furniture.isNoise(line)) continue;
    if (furniture.inlineKeywords(line)) continue;
    const source = furniture.sourceName(line);
    if (source !== null) {
      sourceName ??= source;
      continue;
    }
    // A line followed by a menu is the site's name over its navigation bar, not a headline.
    const following = next();
    if (following !== null && furniture.isNavigation(following)) continue;
    headline = line;
    break;
  }
  if (headline === null) {
    throw new RejectedInput("no headline: the dump holds only masthead or page furniture");
  }

  // Under the headline: date, byline, source, a share bar, the headline repeated.
  const headlineKey = foldArabic(headline);
  for (let line = next(); line !== null; line = next()) {
    if (isDateLine(line, dates) || isByline(line)) headerLines.push(line);
    else if (isRelativeDateLine(line)) {
      // «منذ 3 ساعات»: a date only relative to a day the dump does not give.
    } else if (furniture.sourceName(line) !== null)
      sourceName ??= furniture.sourceName(line) ?? undefined;
    else if (foldArabic(line) === headlineKey) {
      // the headline printed twice
    } else if (furniture.isNavigation(line) || furniture.isNoise(line)) {
      // a share bar or breadcrumb between headline and body
    } else break;
    i++;
  }

  const body = readBody(lines.slice(i), furniture, dates);
  if (body.paragraphs.length === 0) {
    throw new RejectedInput(`no body text under the headline «${headline}»`);
  }
  const source = body.sourceName ?? sourceName;
  return {
    headerLines: [...headerLines, ...body.headerLines],
    headline,
    paragraphs: body.paragraphs,
    related: body.related,
    keywords: body.keywords,
    meta: {},
    ...(source !== undefined ? { sourceName: source } : {}),
  };
}
