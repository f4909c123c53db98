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
 * differ from the word itself. Words that folding leaves alone and that carry
 * no article are already in the index as they are, so they are not repeated.
 */
export function aliasWords(text: string): string[] {
  const out = new Set<string>();
  for (const word of words(text)) {
    const forms = aliasOfWord(word);
    for (let i = 0; i < forms.length; i++) out.add(forms[i] as string);
  }
  return [...out];
}

// An archive's words repeat from article to article: each distinct word is read once.
const aliasCache = new Map<string, readonly string[]>();

function aliasOfWord(word: string): readonly string[] {
  let alias = aliasCache.get(word);
  if (alias === undefined) {
    const out = new Set<string>();
    for (const folded of new Set([foldArabic(word), foldSeats(word)])) {
      const form = searchForm(folded);
      if (form !== word) out.add(form);
    }
    alias = [...out];
    if (aliasCache.size > 500_000) aliasCache.clear();
    aliasCache.set(word, alias);
  }
  return alias;
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
  return readings(foldSeats(word)).some((w) => asked.some((q) => fits(w, q)));
}

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
