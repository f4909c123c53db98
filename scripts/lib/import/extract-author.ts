import { normaliseLine } from "./normalise.ts";

/**
 * Bylines: «كتب: فلان», «كتب - فلان», «كتبت: فلانة», «بقلم فلان», «By Jane Doe»,
 * «Reporting by Jane Doe». The byline names the author; it is never body text.
 */
const BYLINE_RE =
  /^(?:كتب(?:ت|ه)?\s*[:：\-–—]\s*|بقلم\s*[:：\-–—]?\s*|(?:reporting\s+|written\s+)?by\s*[:：]?\s+)(?<name>[^\s].{0,78})$/iu;

/** A date or place sometimes follows the name on the same line: «كتب: فلان - القاهرة». */
const NAME_END_RE = /\s+[-–—|،,·•]\s+.*$/u;

/** A name is a few words; a longer match is a sentence that happens to start with "By". */
const MAX_NAME_WORDS = 6;

function bylineName(line: string): string | undefined {
  const m = BYLINE_RE.exec(normaliseLine(line));
  const name = m?.groups?.name?.replace(NAME_END_RE, "").trim();
  if (!name || name.split(" ").length > MAX_NAME_WORDS || /[.!?؟]$/u.test(name)) return undefined;
  return name;
}

export function isByline(line: string): boolean {
  return bylineName(line) !== undefined;
}

/** An author's name from a byline element's text: without «كتب:»/"By" when it has one. */
export function authorFromByline(text: string): string | undefined {
  const name = bylineName(text) ?? normaliseLine(text).replace(NAME_END_RE, "").trim();
  return name.length > 0 && name.split(" ").length <= MAX_NAME_WORDS ? name : undefined;
}

export function extractAuthor(headerLines: readonly string[]): string | undefined {
  for (const line of headerLines) {
    const name = bylineName(line);
    if (name) return name;
  }
  return undefined;
}
