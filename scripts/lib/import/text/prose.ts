import { readFileSync } from "node:fs";
import { foldArabic, isWordCharAt, words } from "../../arabic.ts";
import { parseDataYaml } from "../data-file.ts";

/**
 * The shape of one line of text, the evidence for telling an article's prose
 * from the furniture around it without markup: how long it is, whether it is
 * made of sentences (sentence punctuation, the function words every sentence
 * of a language is built from), or is a label, a menu item, a headline in a
 * list, a credit line. Language-independent: the function words of many
 * languages are used together, and scripts written without spaces (Chinese,
 * Japanese) count by characters.
 */

export interface LineShape {
  /** Characters, a CJK character counting as two (it carries about a word). */
  chars: number;
  words: number;
  /** It has a sentence end: «.», «!», «?», «؟», «。» followed by a space, a quote or the end. */
  hasSentenceEnd: boolean;
  /** The line ends as a sentence does. */
  endsSentence: boolean;
  /** Reads as running text: long enough, made of sentences. */
  prose: boolean;
}

const CJK = /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/gu;
const ANY_CJK = /[\u3040-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/;
const SENTENCE_END = /[.!?؟。！？…](?=[\s"'”’»)\]]|$)/u;
const ENDS_SENTENCE = /[.!?؟。！？…][\s"'”’»)\]]*$/u;

/** A line needs this much to be prose, and this share of function words (none for CJK). */
const PROSE_MIN_WORDS = 8;
const PROSE_MIN_FUNCTION_SHARE = 0.12;
/** A long line without a sentence end is still prose (a paragraph cut off, a lead without a period). */
const PROSE_UNPUNCTUATED_CHARS = 160;

export class ProseModel {
  private readonly functionWords: ReadonlySet<string>;

  constructor(words: Iterable<string>) {
    this.functionWords = new Set([...words].map((w) => foldArabic(w)));
  }

  static load(file: string): ProseModel {
    const lists = parseDataYaml(readFileSync(file, "utf8")) as Record<string, string[]>;
    return new ProseModel(Object.values(lists).flat().map(String));
  }

  isFunctionWord(folded: string): boolean {
    return this.functionWords.has(folded);
  }

  shape(line: string): LineShape {
    const cjk = ANY_CJK.test(line) ? (line.match(CJK)?.length ?? 0) : 0;
    const tokens = countWords(line);
    const words = cjk > tokens ? Math.max(tokens, Math.round(cjk / 2)) : tokens;
    const chars = line.length + cjk;
    const hasSentenceEnd = SENTENCE_END.test(line);
    const endsSentence = ENDS_SENTENCE.test(line);
    // Arabic attaches many function words to the next word (وقال، للحكومة): a
    // sentence's full stop is then the better evidence. The function words are
    // counted only when they decide (folding is the dear part).
    const prose =
      words >= PROSE_MIN_WORDS &&
      (hasSentenceEnd || chars >= PROSE_UNPUNCTUATED_CHARS) &&
      (cjk > 0 || endsSentence || this.functionShare(line) >= PROSE_MIN_FUNCTION_SHARE);
    return { chars, words, hasSentenceEnd, endsSentence, prose };
  }

  /** Share of a line's words that are function words of some language. */
  functionShare(line: string): number {
    const tokens = words(foldArabic(line));
    let functional = 0;
    for (const t of tokens) if (this.functionWords.has(t)) functional++;
    return tokens.length > 0 ? functional / tokens.length : 0;
  }
}

/** The number of words of a line, as `words(line).length`, without building them. */
export function countWords(line: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const word = isWordCharAt(line, i);
    if (word && !inWord) count++;
    inWord = word;
  }
  return count;
}
