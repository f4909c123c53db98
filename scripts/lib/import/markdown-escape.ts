/**
 * Writes a source paragraph as markdown that renders back to exactly the same
 * text: an archive shows what the page said, so «# 1. *هام* <b>» must not turn
 * into a heading, a list, emphasis or a tag.
 *
 * Paragraphs are single lines (see normalise.ts), so only inline syntax and the
 * block markers that can open a line need escaping. The set is kept small so
 * the markdown stays readable in a pull-request diff.
 */

// Inline syntax anywhere in a line: escapes, code, emphasis, links/images,
// autolinks, entity references, strikethrough.
const INLINE = /[\\`*_[\]<&~]/g;

// Block markers at the start of a line: ATX heading, blockquote, bullet list
// or thematic break, ordered list ("1." / "1)").
const LINE_START = /^(?:([#>+-])|(\d{1,9})([.)]))/;

export function escapeParagraph(text: string): string {
  const inline = text.replace(INLINE, "\\$&");
  return inline.replace(
    LINE_START,
    (_m, marker: string | undefined, digits: string, delim: string) =>
      marker ? `\\${marker}` : `${digits}\\${delim}`,
  );
}
