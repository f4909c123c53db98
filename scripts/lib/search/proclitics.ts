import { foldArabic, isWordCharAt, words } from "../arabic.ts";

/**
 * Words that carry a one-letter proclitic with no article: «لمحافظة»,
 * «بمشاركة», «وزيادة», «كمصدر», «فقرار», and two of them: «وبمشاركة»,
 * «ولمحافظة», «فلمصر», «وكمصدر». A reader types the bare word, so an article
 * is also indexed under it — but only when the bare word is a word: the
 * letter may be the word's own («لبنان», «كتاب», «وزير», «فريق», «بطولة»), and
 * a reader typing «بنان» must not get Lebanon. Whether it is, is decided from
 * the archive itself (the bare form occurs on its own, or with the article,
 * somewhere in it, and not far more rarely than the prefixed form) and a short
 * list of words whose first letter is their own though what remains is also
 * a word. Forms with the article («بالعاصمة», «للمستشفى») are read by
 * `readings` in fold.ts, without any of this.
 *
 * All forms here are folded (foldArabic or the search's hamza folding).
 */

/** The conjunctions, which may stand before a preposition. */
const CONJUNCTIONS = "وف";
/** The one-letter prepositions (and the ك of likeness). */
const PREPOSITIONS = "بكل";
/** A bare form shorter than this is not worth the risk («بحر» → «حر», «فقط» → «قط»). */
const MIN_BARE = 3;
/**
 * A bare form seen on its own fewer than once for every this many articles
 * holding the prefixed form is taken for a different word: «لبنان» in 500
 * articles, «بنان» (a name) in one.
 */
const RARITY = 50;

/**
 * Words whose first letter belongs to the word though what is left is a word
 * too (folded): كتاب/تاب، وزير/زير، فريق/ريق، بطاقة/طاقة، كبير/بئر،
 * كميات/مئات، كامل/أمل، وادي/أدى، بلدية/لديه… A word of this list is never
 * split, and neither is the rest of a word after a conjunction
 * («وبطاقة» is «و» + «بطاقة», never «طاقة»).
 */
const OWN_FIRST_LETTER: ReadonlySet<string> = new Set(
  [
    "لبنان",
    "كتاب",
    "كتابه",
    "وزير",
    "وزيره",
    "فريق",
    "بطاقه",
    "بطاقات",
    "بطوله",
    "كبير",
    "كبيره",
    "كميه",
    "كميات",
    "كامل",
    "كامله",
    "وادي",
    "ورقه",
    "بلديه",
    "لجنه",
    "لحظه",
    "كرامه",
    "بحيره",
    "كريم",
    "فكره",
    "وجود",
    "وعود",
    "بعيد",
    "بعيده",
    "بنود",
    "بارز",
    "بارزه",
    "كافه",
    "وفاه",
    "فرقه",
    "وسام",
    "فادي",
    "فراس",
    "بسام",
    "كمال",
    "كانت",
    "فنيه",
    "ولايات",
    "ولايه",
    "واصل",
    "كلام",
    "وحده",
    "كبار",
  ].map(foldArabic),
);

/**
 * The bare forms a folded word might stand for, before the archive has a say:
 * «لمحافظه» → محافظه; «وبمشاركه» → بمشاركه، مشاركه. Forms with the article, and
 * words of the list above, give none.
 */
export function procliticSplits(folded: string): string[] {
  const out: string[] = [];
  let rest = folded;
  for (let letters = 0; letters < 2; letters++) {
    const first = rest[0] ?? "";
    const isConjunction = CONJUNCTIONS.includes(first);
    // A conjunction comes first; after it only a preposition.
    if (!(isConjunction && letters === 0) && !PREPOSITIONS.includes(first)) break;
    if (OWN_FIRST_LETTER.has(rest)) break;
    const bare = rest.slice(1);
    // «ال»: the article's forms are readings' business; «لل» is ل + ال.
    if (bare.length < MIN_BARE || bare.startsWith("ال") || (first === "ل" && bare.startsWith("ل")))
      break;
    out.push(bare);
    rest = bare;
    if (!isConjunction) break;
  }
  return out;
}

/**
 * The archive's words and how many articles hold each, to say which bare
 * forms are words of the archive.
 */
export class ArchiveVocabulary {
  private readonly articles = new Map<string, number>();
  /** Bare forms already decided, by prefixed form (an archive's words repeat from page to page). */
  private readonly decided = new Map<string, string[]>();
  /** Articles by language (their front matter's `lang`). */
  private readonly languages = new Map<string, number>();

  /** Counts one article's language. */
  addLanguage(lang: string): void {
    this.languages.set(lang, (this.languages.get(lang) ?? 0) + 1);
  }

  /** The language most articles are in (the first in code order on a tie); none for an empty archive. */
  mainLanguage(): string | undefined {
    return [...this.languages].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  }

  /** Counts each distinct word of one article's text once. */
  addArticle(text: string): void {
    for (const form of foldedForms(text)) this.addWord(form);
  }

  /** Counts a (folded) word held by `articles` more articles. */
  addWord(form: string, articles = 1): void {
    this.articles.set(form, (this.articles.get(form) ?? 0) + articles);
  }

  /** Every word and how many articles hold it, in no particular order. */
  words(): ReadonlyMap<string, number> {
    return this.articles;
  }

  /** Articles by language. */
  articleLanguages(): ReadonlyMap<string, number> {
    return this.languages;
  }

  private count(word: string): number {
    return this.articles.get(word) ?? 0;
  }

  /** The bare forms of a folded word that are words of the archive (see above). */
  bareForms(folded: string): string[] {
    if (!PROCLITIC_LETTERS.includes(folded[0] ?? "")) return NONE;
    let bare = this.decided.get(folded);
    if (bare === undefined) {
      const prefixed = this.count(folded);
      bare = procliticSplits(folded).filter((b) => {
        const own = this.count(b) + this.count(`ال${b}`);
        return own > 0 && own * RARITY >= prefixed;
      });
      if (bare.length === 0) bare = NONE;
      this.decided.set(folded, bare);
    }
    return bare;
  }

  /** The bare forms, for the alias field, of every word of an article's text. */
  aliasOf(text: string): string[] {
    return this.aliasOfForms(procliticForms(text));
  }

  /** The bare forms, for the alias field, of these folded words (procliticForms of a text). */
  aliasOfForms(forms: Iterable<string>): string[] {
    return aliasField(Array.from(forms, (form) => this.bareForms(form)));
  }
}

/** The alias field's bare forms from each word's (bareForms): each once, sorted. */
export function aliasField(bareFormsOfWords: readonly (readonly string[])[]): string[] {
  const out = new Set<string>();
  for (const bare of bareFormsOfWords) for (const form of bare) out.add(form);
  return [...out].sort();
}

/**
 * A text's folded words that begin with a proclitic letter: the only ones
 * that can have bare forms (bareForms), in a stable order — foldedForms'
 * words that begin with one, sorted. The other words are passed over, not cut
 * out of the text (a third less time on every article page of a build).
 */
export function procliticForms(text: string): string[] {
  const out = new Set<string>();
  addProcliticWords(foldArabic(text), out);
  forEachSeatWord(text, (word) => addProcliticWords(word, out));
  return [...out].sort();
}

function addProcliticWords(folded: string, out: Set<string>): void {
  const n = folded.length;
  for (let i = 0; i < n; ) {
    if (!isWordCharAt(folded, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordCharAt(folded, i)) i++;
    if (PROCLITIC_CODES.has(folded.charCodeAt(start))) out.add(folded.slice(start, i));
  }
}

const PROCLITIC_LETTERS = CONJUNCTIONS + PREPOSITIONS;
const PROCLITIC_CODES: ReadonlySet<number> = new Set(
  [...PROCLITIC_LETTERS].map((c) => c.charCodeAt(0)),
);
/**
 * No bare forms: an empty list of strings' own kind. An empty `[]` literal is
 * an array of small integers to V8, so loops over bare forms that met both it
 * and the filtered lists of words saw two kinds of array, and V8's optimised
 * code for them was thrown away and made again (shardHash, four times a build).
 */
const NONE: string[] = [""].slice(1);

/**
 * A text's distinct words, folded both ways the search folds them: ؤ/ئ to
 * و/ي (foldArabic), and to ء (the query's hamza folding, fold.ts).
 */
export function foldedForms(text: string): Set<string> {
  // Folding the whole text, then splitting it, costs a third of folding word by word.
  const out = new Set(words(foldArabic(text)));
  forEachSeatWord(text, (word) => {
    for (const w of words(word)) out.add(w);
  });
  return out;
}

/** The few words with a hamza on a seat, folded the other way (to ء). */
function forEachSeatWord(text: string, each: (folded: string) => void): void {
  for (let i = nextSeat(text, 0); i >= 0; ) {
    let start = i;
    let end = i + 1;
    while (start > 0 && isWordCharAt(text, start - 1)) start--;
    while (end < text.length && isWordCharAt(text, end)) end++;
    each(foldArabic(text.slice(start, end).replace(/[\u0624\u0626]/g, "\u0621")));
    i = nextSeat(text, end);
  }
}

function nextSeat(text: string, from: number): number {
  const waw = text.indexOf("\u0624", from);
  const ya = text.indexOf("\u0626", from);
  return waw < 0 ? ya : ya < 0 ? waw : Math.min(waw, ya);
}
