/**
 * JSON from a dump is untrusted: a text nested 50,000 deep parses, but the
 * recursive walks after it (stringify, a JSON-LD search) overflow the stack.
 * No real record nests anywhere near this deep.
 */
export const MAX_JSON_DEPTH = 256;

/** Whether a JSON text nests deeper than `limit` (brackets outside strings), found in one pass. */
export function nestsTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
