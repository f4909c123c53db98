/**
 * Language of an article from its own letters: which script dominates, then
 * letters or function words that tell languages of one script apart. Returns a
 * BCP 47 tag; "und" when the text gives no evidence.
 */

const RTL_LANGUAGES = new Set(["ar", "fa", "ur", "he", "ps", "ckb", "yi", "dv"]);

export function directionOf(lang: string): "rtl" | "ltr" {
  return RTL_LANGUAGES.has(lang.split("-")[0]?.toLowerCase() ?? "") ? "rtl" : "ltr";
}

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

const ENGLISH_WORDS = new Set([
  "the",
  "and",
  "of",
  "to",
  "in",
  "is",
  "was",
  "for",
  "on",
  "that",
  "with",
  "said",
]);
const FRENCH_WORDS = new Set([
  "le",
  "la",
  "les",
  "des",
  "et",
  "du",
  "une",
  "est",
  "pour",
  "dans",
  "qui",
  "sur",
]);

/** Enough text to tell a language by its letters: the first few paragraphs. */
const SAMPLE = 4000;

export function detectLanguage(fullText: string): string {
  const text = fullText.length > SAMPLE ? fullText.slice(0, SAMPLE) : fullText;
  const arabicScript = count(text, /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/g);
  const latin = count(text, /[A-Za-z\u00C0-\u024F]/g);
  const hebrew = count(text, /[\u0590-\u05FF]/g);
  const total = arabicScript + latin + hebrew;
  if (total === 0) return "und";

  if (arabicScript >= latin && arabicScript >= hebrew) {
    // پ چ ژ گ and Persian ی/ک are not Arabic letters; a few in pasted Arabic text are noise.
    const persian = count(text, /[\u067E\u0686\u0698\u06AF\u06CC\u06A9]/g);
    return persian > arabicScript * 0.02 ? "fa" : "ar";
  }
  if (hebrew > latin) return "he";

  let english = 0;
  let french = 0;
  for (const word of text.toLowerCase().match(/[a-zà-ÿ]+/g) ?? []) {
    if (ENGLISH_WORDS.has(word)) english++;
    if (FRENCH_WORDS.has(word)) french++;
  }
  if (french > english) return "fr";
  return "en";
}
