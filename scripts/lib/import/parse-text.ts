import { foldArabic } from "../arabic.ts";
import { type ParsedDump, RejectedInput } from "./article.ts";
import { isByline } from "./extract-author.ts";
import { type DateOptions, isDateLine } from "./extract-date.ts";
import { normalisedLines } from "./normalise.ts";

/**
 * Step 3 for plain-text dumps (text copied off a news page): find the
 * masthead, the headline, the header lines under it, the body paragraphs and
 * the trailing sections, in the layout of the specimen:
 *
 *   role / name pairs (masthead)        → dropped
 *   headline                            → title
 *   date line, byline (optional)        → header lines
 *   paragraphs, blank or NBSP lines between
 *   «أخبار ذات صلة» + headlines          → related
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
  /(?:^| )(?:ال)?(?:تحرير|تنفيذي|تنفيذيه|اداره|عام|عامه|مسوول|مسووله)(?: |$)/u;
const MASTHEAD_ROLE_EN =
  /^(?:deputy |managing |executive |senior )?(?:editor(?:[- ]in[- ]chief)?|publisher|ceo|chief executive(?: officer)?|general manager|editorial director)$/u;

/** Headings whose following lines are related-article headlines. */
const RELATED_HEADINGS = [
  "أخبار ذات صلة",
  "مواضيع ذات صلة",
  "مقالات ذات صلة",
  "أخبار متعلقة",
  "related news",
  "related articles",
  "related stories",
  "related",
].map(headingKey);

/** Headings whose section is page furniture (tickers, most-read lists): dropped whole. */
const DROPPED_HEADINGS = [
  "آخر الأخبار",
  "أحدث الأخبار",
  "الأكثر قراءة",
  "الأكثر مشاهدة",
  "latest news",
  "latest",
  "most read",
  "most popular",
].map(headingKey);

/** A heading line compared without case, marks, hamza variants or a trailing colon. */
function headingKey(line: string): string {
  return foldArabic(line)
    .replace(/[\s:：\-–—|]+$/u, "")
    .replace(/\s+/g, " ")
    .trim();
}

type Section = "related" | "dropped";

function sectionOf(line: string): Section | null {
  const key = headingKey(line);
  if (RELATED_HEADINGS.includes(key)) return "related";
  if (DROPPED_HEADINGS.includes(key)) return "dropped";
  return null;
}

function isMastheadRole(line: string): boolean {
  const key = headingKey(line);
  return (
    (MASTHEAD_ROLE_AR.test(key) && MASTHEAD_FUNCTION_AR.test(key)) || MASTHEAD_ROLE_EN.test(key)
  );
}

/** "رئيس التحرير: فلان" on one line. */
function isInlineMasthead(line: string): boolean {
  const colon = line.search(/[:：]/);
  return colon > 0 && isMastheadRole(line.slice(0, colon));
}

export function parseTextDump(text: string, dates: DateOptions): ParsedDump {
  const lines = normalisedLines(text);
  let i = 0;
  const next = () => {
    while (i < lines.length && lines[i] === "") i++;
    return i < lines.length ? (lines[i] as string) : null;
  };

  // Masthead: role lines, each followed by the holder's name.
  const headerLines: string[] = [];
  for (let line = next(); line !== null; line = next()) {
    if (isInlineMasthead(line)) {
      i++;
      continue;
    }
    if (!isMastheadRole(line)) break;
    i++;
    const name = next();
    if (name !== null && sectionOf(name) === null && !isMastheadRole(name)) i++;
  }

  // Headline: the first line that is neither a date line nor a byline (those
  // sometimes stand above the headline) and not a section heading.
  let headline: string | null = null;
  for (let line = next(); line !== null; line = next()) {
    if (sectionOf(line) !== null) break;
    i++;
    if (isDateLine(line, dates) || isByline(line)) {
      headerLines.push(line);
      continue;
    }
    headline = line;
    break;
  }
  if (headline === null) {
    throw new RejectedInput("no headline: the dump holds only masthead or page furniture");
  }

  // Header lines directly under the headline: date, byline, the headline repeated.
  for (let line = next(); line !== null; line = next()) {
    if (isDateLine(line, dates) || isByline(line)) headerLines.push(line);
    else if (line !== headline) break;
    i++;
  }

  // Body until the first section heading, then the sections.
  const paragraphs: string[] = [];
  const related: string[] = [];
  let section: Section | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "") continue;
    const heading = sectionOf(line);
    if (heading !== null) {
      section = heading;
      continue;
    }
    if (section === null) paragraphs.push(line);
    else if (section === "related") related.push(line);
  }

  if (paragraphs.length === 0) {
    throw new RejectedInput(`no body text under the headline «${headline}»`);
  }
  return { headerLines, headline, paragraphs, related };
}
