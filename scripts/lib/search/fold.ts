import { foldArabic, words } from "../arabic.ts";
import { procliticSplits } from "./proclitics.ts";

/**
 * The two halves of Arabic search as people type it. Pagefind indexes the
 * archive's words as they are, without a stemmer (index-site.ts,
 * indexLanguage), and matches a query word to the words it begins. Readers
 * write hamza, ة/ه, ى/ي, ؤ/ئ, Persian ی/ک and the article or a proclitic
 * (والأمريكية) as they like. Each word therefore has one *search form*:
 * folded, and without its article and proclitics («والأمريكية» →
 * امريكيه). Every article carries a hidden *alias* field (Pagefind metadata,
 * which it searches but never shows in excerpts) with the search forms of its
 * words, and a query asks for its words' search forms. Excerpts keep the
 * source's spelling.
 *
 * One form a word, not every reading of it («الامريكيه» and «امريكيه»): the
 * alias is stored in each result's fragment and indexed as Pagefind indexes
 * the text, so its size is what a reader downloads per result and a good part
 * of the index's build time (measured on the 10,000-article benchmark: with
 * every reading, 228 alias words an article; with the search form, 155).
 */

/**
 * Hamza on waw or ya is written both ways (مسؤول / مسئول, شؤون / شئون): for
 * search, both seats fold to the bare hamza. (Tagging folds them to و / ي,
 * which also matches readers who type no hamza at all; the alias keeps both.)
 */
function foldSeats(text: string): string {
  return foldArabic(text.replace(/[\u0624\u0626]/g, "\u0621"));
}

/**
 * Readings of a folded word without its proclitics and article: «والامريكيه» →
 * الامريكيه، امريكيه; «للمستشفي» → المستشفي، مستشفي; «الحكومه» → حكومه. A
 * proclitic before a word without the article («واسراييل», «لمحافظه») is
 * read only where the archive says the rest is a word (proclitics.ts).
 */
export function readings(folded: string): string[] {
  const out = [folded];
  const article = /^([وف]?)([بكل]?)ال(?=\p{L}{2})/u.exec(folded);
  const lil = /^([وف]?)لل(?=\p{L}{2})/u.exec(folded);
  if (article) {
    const rest = folded.slice(article[0].length);
    if (article[1] || article[2]) out.push(`ال${rest}`);
    out.push(rest);
  } else if (lil) {
    const rest = folded.slice(lil[0].length);
    out.push(`ال${rest}`, rest);
  }
  return out;
}

/** Fewer letters than this left after the article is not a word to search for alone («الله» → «له»). */
const MIN_SEARCH_FORM = 3;

/**
 * The form of a folded word that the alias holds and a query asks for: its
 * shortest reading (readings) of at least three letters — «والامريكيه» →
 * امريكيه, «للمستشفي» → مستشفي, «والله» → الله, «الان» → الان.
 */
export function searchForm(folded: string): string {
  const all = readings(folded);
  for (let i = all.length - 1; i > 0; i--) {
    const reading = all[i] as string;
    if (reading.length >= MIN_SEARCH_FORM) return reading;
  }
  return folded;
}

/**
 * Alias words of a text: each word's search forms (both hamza foldings) that
 * Pagefind does not index for that word already. It indexes a word as written
 * and, for a word of Arabic letters, without its marks (indexedForms):
 * «أعلنت» is found as اعلنت, «شؤون» as شوون, with no alias word. Such forms
 * were 12.7 % of the alias words (the 10,000-article benchmark; its search
 * bundle about 3.5 % smaller without them). Decided once a word, so that a
 * page's alias costs what it did; a form another word of the page has as
 * written stays (a twentieth as many again).
 */
export function aliasWords(text: string): string[] {
  const out = new Set<string>();
  for (const word of words(text)) {
    const forms = wordEntry(word).alias;
    for (let i = 0; i < forms.length; i++) out.add(forms[i] as string);
  }
  return [...out];
}

/**
 * The forms Pagefind indexes a word under by itself. Pagefind (1.x) indexes a
 * word as written and, having decomposed it, without its combining marks:
 * hamza on a seat and the vowels go («أعلنت» → اعلنت, «شؤون» → شوون,
 * «مُدرسة» → مدرسة); ة, ى, the article and proclitics stay, which is why the
 * alias exists. Said only of words of Arabic letters and marks, where `words`
 * and Pagefind cut the text at the same places (a test holds this against the
 * real binary); of any other word, only that it is indexed as written.
 */
export function indexedForms(word: string): string[] {
  const markless = wordEntry(word).markless;
  return markless === undefined || markless === word ? [word] : [word, markless];
}

// An archive's words repeat from article to article: each distinct word is read once.
interface WordEntry {
  /** Its search forms that Pagefind does not index it under (indexedForms). */
  alias: readonly string[];
  /** A word of Arabic letters without its marks (indexedForms); undefined for any other word. */
  markless: string | undefined;
}
const wordCache = new Map<string, WordEntry>();

function wordEntry(word: string): WordEntry {
  let entry = wordCache.get(word);
  if (entry === undefined) {
    const markless = marklessForm(word);
    const out = new Set<string>();
    for (const folded of new Set([foldArabic(word), foldSeats(word)])) {
      const form = searchForm(folded);
      if (form !== word && form !== markless) out.add(form);
    }
    entry = { alias: [...out], markless };
    if (wordCache.size > 500_000) wordCache.clear();
    wordCache.set(word, entry);
  }
  return entry;
}

/** Arabic letters and marks: no tatweel, digits or punctuation. */
const ARABIC_WORD = /^[\u0621-\u063F\u0641-\u065F\u066E-\u06D3\u06D5\u0670]+$/;
/** What Unicode decomposes into a letter and a mark (آ أ ؤ إ ئ ۀ ۂ ۓ), and the marks. */
const HAS_MARK = /[\u0622-\u0626\u064B-\u065F\u0670\u06C0\u06C2\u06D3]/;

function marklessForm(word: string): string | undefined {
  if (!ARABIC_WORD.test(word)) return undefined;
  return HAS_MARK.test(word) ? word.normalize("NFD").replace(/\p{M}/gu, "") : word;
}

/** A query's words, as search forms (what the alias field holds). */
export function queryWords(query: string): string[] {
  return words(foldSeats(query)).map(searchForm);
}

/**
 * Whether a word of a result (its text, title or alias field) is one the reader
 * searched for, whatever its spelling or article. A bare word found only after
 * a proclitic is in the alias field, put there when the archive holds the word.
 */
export function matchesQueryWord(word: string, queryWord: string): boolean {
  const asked = readings(queryWord);
  if (readings(foldSeats(word)).some((w) => asked.some((q) => fits(w, q)))) return true;
  // Hamza on و or ي also as the bare letter («شؤون» for شوون), as Pagefind indexes it;
  // the two foldings differ only where the word has one (most words a result is checked by have not).
  return (
    HAMZA_ON_SEAT.test(word) &&
    readings(foldArabic(word)).some((w) => asked.some((q) => fits(w, q)))
  );
}

const HAMZA_ON_SEAT = /[\u0624\u0626]/;

/**
 * Whether to mark a word of an excerpt for a query word: as matchesQueryWord,
 * and also after a proclitic («لمحافظة» for «محافظة»). Only ever asked of a
 * result the search has already checked, so no archive is needed to decide.
 */
export function marksQueryWord(word: string, queryWord: string): boolean {
  if (matchesQueryWord(word, queryWord)) return true;
  const asked = readings(queryWord);
  return procliticSplits(foldSeats(word)).some((w) => asked.some((q) => fits(w, q)));
}

/** A longer query word also finds its inflections (مستشفي → مستشفيات); a short one only itself. */
function fits(word: string, queryWord: string): boolean {
  return word === queryWord || (queryWord.length >= 3 && word.startsWith(queryWord));
}
