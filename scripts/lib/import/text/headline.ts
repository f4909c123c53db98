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
}

export interface HeadlineContext {
  prose: ProseModel;
  /** Lines that are never a headline and are stepped over: date lines, bylines, mastheads. */
  isHeaderLine: (line: string) => boolean;
  /** Lines that are never a headline: menus, share bars, section headings. */
  isFurniture: (line: string) => boolean;
}

/** How far above the article a headline is looked for, in lines that are not header lines. */
const WINDOW = 24;
/** Below this share of shared words a headline is a guess, and the import says so. */
const CONFIDENT_OVERLAP = 0.34;
/** A headline standing over a date line or byline this close under it. */
const HEADER_BELOW = 3;

/** The words that carry meaning: not function words, not numbers, not single letters. */
function contentWords(text: string, prose: ProseModel): string[] {
  return words(foldArabic(text)).filter(
    (w) => w.length >= 2 && !/^\d+$/.test(w) && !prose.isFunctionWord(w),
  );
}

/** Headline-shaped: a few words to a long sentence, not a label ending in a colon. */
function headlineShaped(line: LineInfo): boolean {
  const { words: n, chars } = line.shape;
  if (n < 2 || n > 40 || chars > 300) return false;
  return !/[:：]$/.test(line.text);
}

/** A sentence's end: captions, teasers and first paragraphs end so, headlines seldom. */
const ENDS_WITH_PERIOD = /(?<!\.)\.["'”’»)]*$/u;

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
  const body = new Set(contentWords(bodyText, ctx.prose));
  const position = lines.findIndex((l) => l.index >= bodyStart);
  const top = position < 0 ? lines.length : position;
  const first = lines[top];
  const candidates = lines.slice(0, top).reverse();
  if (first && !first.shape.endsSentence && first.shape.words <= 25) candidates.unshift(first);
  let best: (HeadlineChoice & { score: number }) | null = null;
  // Lines since the body or the last header line above it: a headline stands next to its article's header.
  let distance = 0;
  let walked = 0;
  let underHeader = false;
  for (const line of candidates) {
    if (ctx.isHeaderLine(line.text)) {
      distance = 0;
      if (line.index < bodyStart) underHeader = true;
      continue;
    }
    if (walked >= WINDOW) break;
    walked++;
    distance++;
    if (line.barrier || ctx.isFurniture(line.text) || !headlineShaped(line)) continue;
    const own = contentWords(line.text, ctx.prose);
    if (own.length === 0) continue;
    const shared = own.filter((w) => body.has(w) || sharesStem(w, body)).length;
    const overlap = shared / own.length;
    const score =
      overlap -
      // nearer is likelier
      0.04 * (distance - 1) +
      // a headline stands over its date line or byline; captions and video titles stand under them
      (underHeader ? 0.25 : headerBelow(lines, line, ctx) ? 0.2 : 0) -
      (ENDS_WITH_PERIOD.test(line.text) ? 0.15 : 0) -
      // a two-word line is a label more often than a headline
      (line.shape.words < 3 ? 0.2 : 0) -
      (line.furniture ? 0.1 : 0);
    if (!best || score > best.score) {
      best = {
        index: line.index,
        text: line.text,
        overlap,
        confident: overlap >= CONFIDENT_OVERLAP,
        score,
      };
    }
  }
  if (!best) return null;
  const { score: _score, ...choice } = best;
  return choice;
}

function headerBelow(lines: readonly LineInfo[], line: LineInfo, ctx: HeadlineContext): boolean {
  const at = lines.indexOf(line);
  return lines.slice(at + 1, at + 1 + HEADER_BELOW).some((l) => ctx.isHeaderLine(l.text));
}

/** «الحكومة» in a headline, «والحكومة» in the text; "talks" and "talk": a shared beginning of 4+ letters. */
function sharesStem(word: string, body: ReadonlySet<string>): boolean {
  if (word.length < 5) return false;
  const stem = word.slice(0, Math.max(4, word.length - 2));
  for (const w of body) if (w.length >= 4 && (w.startsWith(stem) || w.endsWith(word))) return true;
  return false;
}
