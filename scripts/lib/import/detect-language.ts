/**
 * Language of an article from its own letters: which script dominates, then
 * letters or function words that tell languages of one script apart. Returns a
 * BCP 47 tag; "und" when the text gives no evidence.
 */

const RTL_LANGUAGES = new Set(["ar", "fa", "ur", "he", "ps", "ckb", "yi", "dv"]);

export function directionOf(lang: string): "rtl" | "ltr" {
  return RTL_LANGUAGES.has(lang.split("-")[0]?.toLowerCase() ?? "") ? "rtl" : "ltr";
}

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
  // Counted code by code: matching each script's class builds an array of every letter.
  let arabicScript = 0;
  let latin = 0;
  let hebrew = 0;
  let persian = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    } else if (c >= 0x00c0 && c <= 0x024f) latin++;
    else if (c >= 0x0590 && c <= 0x05ff) hebrew++;
    else if (
      (c >= 0x0600 && c <= 0x06ff) ||
      (c >= 0x0750 && c <= 0x077f) ||
      (c >= 0xfb50 && c <= 0xfdff) ||
      (c >= 0xfe70 && c <= 0xfeff)
    ) {
      arabicScript++;
      // پ چ ژ گ and Persian ی/ک are not Arabic letters.
      if (
        c === 0x067e ||
        c === 0x0686 ||
        c === 0x0698 ||
        c === 0x06af ||
        c === 0x06cc ||
        c === 0x06a9
      )
        persian++;
    }
  }
  const total = arabicScript + latin + hebrew;
  if (total === 0) return "und";

  if (arabicScript >= latin && arabicScript >= hebrew) {
    // …a few of them in pasted Arabic text are noise.
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
