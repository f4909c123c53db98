/**
 * Whitespace normalisation of one line of source text. This is the *only*
 * change the importer makes to words it keeps: runs of white space (spaces,
 * NO-BREAK SPACE, tabs, other Unicode spaces) become one space, the ends are
 * trimmed, and invisible control characters (which no page shows and YAML
 * cannot hold verbatim) are removed. Typos, quotes and stray letters stay.
 */

// C0 and C1 control characters except tab/LF/CR (folded as white space below).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;

/** Anything normalisation would change: a control character, a space other than " ", two spaces, an edge space. */
const NEEDS_WORK =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]| {2}|^ | $/;

export function normaliseLine(line: string): string {
  // Most lines are already clean: testing is cheaper than rewriting.
  if (!NEEDS_WORK.test(line)) return line;
  return line.replace(CONTROL, "").replace(/\s+/g, " ").trim();
}

/** Lines of a text after normalisation; a line of only white space (e.g. one NBSP) becomes "". */
export function normalisedLines(text: string): string[] {
  return text.split("\n").map(normaliseLine);
}
