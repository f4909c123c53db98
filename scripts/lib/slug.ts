import { stripMarks, toAsciiDigits } from "./arabic.ts";

/**
 * Readable, safe URL and file-name segments from titles and tag names.
 *
 * A slug keeps Arabic letters (an Arabic archive's URLs should read in
 * Arabic), but only letters, digits and single hyphens: no dot, slash or
 * backslash can survive, so no slug can climb out of its folder. Alef with
 * hamza or madda is written as bare alef, as Arabic URLs usually are; the
 * result is NFC so every file system stores the same bytes.
 */

const MAX_SLUG_LENGTH = 60;
/** Names Windows refuses as file names, and "index", which Eleventy would turn into its folder's page. */
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d|index)$/i;

export function slugify(text: string, fallback = "article"): string {
  const letters = toAsciiDigits(stripMarks(text.normalize("NFKC")))
    .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  let slug = letters;
  if (slug.length > MAX_SLUG_LENGTH) {
    // Cut at a word boundary so a slug never ends in half a word.
    const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
    const lastHyphen = cut.lastIndexOf("-");
    slug =
      lastHyphen > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_SLUG_LENGTH);
    // …and never with a one-letter word («و», «ب») left hanging.
    slug = slug.replace(/(?:-[^-])+$/u, "").replace(/-+$/, "");
  }
  slug = slug.normalize("NFC");
  if (slug.length === 0) return fallback;
  if (RESERVED.test(slug)) return `${slug}-${fallback}`;
  return slug;
}
