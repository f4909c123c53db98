import { foldArabic, words } from "../../arabic.ts";
import type { LineInfo } from "./main-block.ts";
import type { ProseModel } from "./prose.ts";

/**
 * The headline of a dump: the headline-shaped line just above the article
 * (over its date line, byline or photo caption) whose words the article
 * shares. A menu item, a site's name, a skip link or a cookie notice is the
 * wrong shape or shares nothing with the article; a line the source repeats
 * across its dumps can still be this dump's headline (a daily column's
 * title) when the article's words are its words.
 */

export interface HeadlineChoice {
  /** Index of the headline in the dump's lines. */
  index: number;
  text: string;
  /** 0–1: how many of its words the article uses. */
  overlap: number;
  confident: boolean;
  /** How good a headline it is for this article, all evidence weighed. */
  score: number;
}

export interface HeadlineContext {
  prose: ProseModel;
  /** Lines the source repeats across its dumps: a headline only on good evidence. */
  isRepeated: (line: string) => boolean;
  /** Lines that are never a headline and are stepped over: date lines, bylines, mastheads. */
  isHeaderLine: (line: string) => boolean;
  /** Lines that are never a headline: menus, share bars, section headings. */
  isFurniture: (line: string) => boolean;
}

/** How far above the article a headline is looked for, in lines that are not header lines. */
const WINDOW = 24;
/** Below this share of shared words a headline is a guess, and the import says so. */
const CONFIDENT_OVERLAP = 0.34;
/** What each line between a candidate and the article's header costs it. */
const DISTANCE_COST = 0.06;
/** A headline standing over a date line or byline this close under it. */
const HEADER_BELOW = 3;

const NUMBER = /^\d+$/;

/** The words that carry meaning: not function words, not numbers, not single letters. */
function contentWords(text: string, prose: ProseModel): string[] {
  return words(foldArabic(text)).filter(
    (w) => w.length >= 2 && !NUMBER.test(w) && !prose.isFunctionWord(w),
  );
}

/** Headline-shaped: a few words to a long sentence, not a label ending in a colon. */
function headlineShaped(line: LineInfo): boolean {
  const { words: n, chars } = line.shape;
  if (n < 1 || n > 40 || chars > 300) return false;
  return !/[:：]$/.test(line.text);
}

/** A photo credit closing a caption: «(AP)», «(Reuters)», «(onmeth.com)». */
export const CREDIT_AT_END = /\((?:[^()]*[\p{Lu}.][^()]*)\)$/u;
/** A line that is one quotation, from its opening mark to its closing one: «"My fears have been realized"». */
const QUOTATION = /^["“„«'‘][^"“”„«»]+["”»'’][.!?…]?$/u;
/** A sentence's end: captions, teasers and first paragraphs end so, headlines seldom. */
const ENDS_WITH_PERIOD = /(?<!\.)\.["'”’»)]*$/u;

interface Scored extends HeadlineChoice {
  score: number;
  evidence: number;
  aboveHeader: boolean;
  words: number;
  endsWithPeriod: boolean;
}

/**
 * The headline of the article that starts at `bodyStart`: looked for above
 * it, and in the article's first line when that is not a sentence (a
 * headline printed without a blank line under it).
 */
export function chooseHeadline(
  lines: readonly LineInfo[],
  bodyStart: number,
  bodyText: string,
  ctx: HeadlineContext,
): HeadlineChoice | null {
  const body = new BodyWords(contentWords(bodyText, ctx.prose));
  const position = lines.findIndex((l) => l.index >= bodyStart);
  const top = position < 0 ? lines.length : position;
  const first = lines[top];
  const candidates = lines.slice(0, top).reverse();
  // The article's first line, when it may be a headline, is weighed against the
  // article without it: every line shares all its words with itself.
  let bodyUnderFirst: BodyWords | undefined;
  if (first && !first.shape.endsSentence && first.shape.words <= 25) {
    candidates.unshift(first);
    bodyUnderFirst = bodyText.startsWith(first.text)
      ? new BodyWords(contentWords(bodyText.slice(first.text.length), ctx.prose))
      : body;
  }
  const scored: Scored[] = [];
  // Lines since the body or the last header line above it (menus and share bars not
  // counted): a headline stands next to its article's header.
  let distance = 0;
  let walked = 0;
  let aboveHeader = false;
  let previous: string | undefined;
  for (const line of candidates) {
    if (ctx.isHeaderLine(line.text)) {
      distance = 0;
      if (line.index < bodyStart) aboveHeader = true;
      continue;
    }
    if (line.barrier || line.masthead || ctx.isFurniture(line.text)) continue;
    // A line printed twice in a row (a page's two layouts) is one line.
    if (line.text === previous) continue;
    previous = line.text;
    if (walked >= WINDOW) break;
    walked++;
    distance++;
    if (!headlineShaped(line)) continue;
    const own = contentWords(line.text, ctx.prose);
    if (own.length === 0) continue;
    const against = line === first && bodyUnderFirst ? bodyUnderFirst : body;
    const shared = own.filter((w) => against.has(w)).length;
    const overlap = shared / own.length;
    // Two words of two shared is weaker evidence than nine of ten.
    const evidence = shared / (own.length + 1);
    const endsWithPeriod = ENDS_WITH_PERIOD.test(line.text);
    const score =
      evidence -
      // nearer is likelier
      DISTANCE_COST * (distance - 1) +
      // a headline stands over its date line or byline; captions and video titles stand under them
      (aboveHeader ? 0.25 : headerBelow(lines, line, ctx) ? 0.2 : 0) +
      // …or under its date line
      (headerAbove(lines, line, ctx) ? 0.15 : 0) +
      // …and under a section label or a menu
      (labelAbove(lines, line, ctx) ? 0.05 : 0) +
      // a headline says something: five words or more, where a label has one or two
      (line.shape.words >= 5 ? 0.1 : line.shape.words === 1 ? -0.2 : 0) +
      // English headlines are set in title case, captions and standfirsts are not
      (titleCase(line.text) ? 0.15 : 0) -
      (endsWithPeriod ? 0.15 : 0) -
      // a line that is all one quotation is a pull quote or the quote a piece examines
      (QUOTATION.test(line.text) ? 0.2 : 0) -
      // a photo caption, by its credit
      (CREDIT_AT_END.test(line.text) ? 0.3 : 0) -
      // a standfirst runs longer than its headline
      (line.shape.words > 22 ? 0.1 : 0) -
      // «Group: Yazd», «News code: 7349926»: a label and its value
      (LABEL_VALUE.test(line.text) ? 0.3 : 0) -
      // a word opened by an asterisk: a form's required field («Name *»), a footnote, code
      (ASTERISK_WORD.test(line.text) ? 0.5 : 0) -
      (ctx.isRepeated(line.text) ? 0.1 : 0);
    scored.push({
      index: line.index,
      text: line.text,
      overlap,
      confident: overlap >= CONFIDENT_OVERLAP,
      score,
      evidence,
      aboveHeader,
      words: line.shape.words,
      endsWithPeriod,
    });
  }
  let best: Scored | undefined;
  for (const c of scored) if (!best || c.score > best.score) best = c;
  if (!best) return null;
  // A caption or standfirst printed under the article's date line or byline, the
  // headline over them: of the two that speak of the article, the headline is the
  // one over the header.
  if (!best.aboveHeader) {
    let at = lines.findIndex((l) => l.index === best?.index) - 1;
    const under = at;
    while (at >= 0 && ctx.isHeaderLine((lines[at] as LineInfo).text)) at--;
    for (let k = 0; at < under && k < ACROSS_HEADER_LINES && at - k >= 0; k++) {
      const over = scored.find((c) => c.index === lines[at - k]?.index);
      if (
        over?.aboveHeader &&
        over.words >= 4 &&
        !over.endsWithPeriod &&
        over.evidence >= STACK_EVIDENCE * best.evidence
      ) {
        best = over;
        break;
      }
    }
  }
  // Headline and standfirst: of two lines printed one under the other that both
  // speak of the article, the headline is the first.
  let headline = best;
  for (;;) {
    const at = lines.findIndex((l) => l.index === headline.index);
    let above = lines[at - 1];
    // a kicker between them («Editorial», «Analysis»)
    if (above && above.shape.words <= 2 && !above.shape.prose) above = lines[at - 2];
    const over = above && scored.find((c) => c.index === above?.index);
    // A sentence (a full stop, or longer than headlines run) under a shorter line is its standfirst.
    const standfirst =
      (headline.endsWithPeriod || headline.words > STANDFIRST_WORDS) &&
      over !== undefined &&
      over.words < headline.words;
    if (
      !over ||
      over.evidence < (standfirst ? STANDFIRST_EVIDENCE : STACK_EVIDENCE) * headline.evidence ||
      over.words < 4 ||
      over.words > headline.words + 2 ||
      over.endsWithPeriod ||
      // a breadcrumb that ends in the headline
      over.text.includes(headline.text)
    )
      break;
    headline = over;
  }
  return {
    index: headline.index,
    text: headline.text,
    overlap: headline.overlap,
    confident: headline.confident,
    score: headline.score,
  };
}

/** How far over the date line or byline a headline is looked for, above a caption under them. */
const ACROSS_HEADER_LINES = 2;
/** A headline over its standfirst speaks of the article nearly as much. */
const STACK_EVIDENCE = 0.7;
/** …and over a standfirst, which retells the article, at least half as much. */
const STANDFIRST_EVIDENCE = 0.5;
/** Headlines seldom run longer than this; standfirsts often do. */
const STANDFIRST_WORDS = 15;

/** An asterisk standing alone or opening a word; «f*ck» in a word is not one. */
const ASTERISK_WORD = /(?:^|\s)\*/u;

/** «گروه : یزد», "Section: Politics": one or two words, a colon, a few words. */
const LABEL_VALUE = /^[^\s:：]+(?:\s[^\s:：]+)?\s*[:：]\s*\S+(?:\s\S+){0,2}$/u;

/** The line above is a label or a menu item: a headline often opens the page under its section's name. */
function labelAbove(lines: readonly LineInfo[], line: LineInfo, ctx: HeadlineContext): boolean {
  let at = lines.indexOf(line) - 1;
  // over the same line printed twice
  while (at >= 0 && lines[at]?.text === line.text) at--;
  const above = lines[at];
  return (
    above !== undefined &&
    !ctx.isHeaderLine(above.text) &&
    !above.shape.prose &&
    (ctx.isFurniture(above.text) || above.shape.words <= 3)
  );
}

/** Most words of four letters or more capitalised, in a line of at least four such words. */
function titleCase(text: string): boolean {
  const long = text.match(/\p{L}{4,}/gu) ?? [];
  if (long.length < 4) return false;
  const capitalised = long.filter((w) => /^\p{Lu}\p{Ll}/u.test(w)).length;
  return capitalised >= 0.75 * long.length;
}

function headerAbove(lines: readonly LineInfo[], line: LineInfo, ctx: HeadlineContext): boolean {
  const above = lines[lines.indexOf(line) - 1];
  return above !== undefined && ctx.isHeaderLine(above.text);
}

function headerBelow(lines: readonly LineInfo[], line: LineInfo, ctx: HeadlineContext): boolean {
  const at = lines.indexOf(line);
  return lines.slice(at + 1, at + 1 + HEADER_BELOW).some((l) => ctx.isHeaderLine(l.text));
}

/**
 * The article's words, and what a headline's word may share with them: «الحكومة»
 * in a headline, «والحكومة» in the text (one or two letters in front: a
 * proclitic); "talks" and "talk" (the same beginning of four letters or more,
 * up to the word's last two).
 */
export class BodyWords {
  private readonly words: Set<string>;

  constructor(words: readonly string[]) {
    this.words = new Set(words);
  }

  has(word: string): boolean {
    if (this.words.has(word)) return true;
    if (word.length < 5) return false;
    // A dump asks this of about ten headline words, of some 250 words of its article's
    // lead: a walk over them for each costs less than indexing them all by their
    // beginnings and endings first (benchmark's dumps: 8 words a dump got here).
    const stem = word.slice(0, Math.max(4, word.length - 2));
    for (const w of this.words) {
      const longer = w.length - word.length;
      if (((longer === 1 || longer === 2) && w.endsWith(word)) || w.startsWith(stem)) return true;
    }
    return false;
  }
}
