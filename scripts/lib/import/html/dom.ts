import { createRequire } from "node:module";
import type { parseHTML as ParseHtml } from "linkedom";
import { parse, serialize } from "parse5";

/**
 * A saved page as a DOM. linkedom is fast but not an HTML5 parser: a page
 * with text before `<html>`, a comment or a PHP warning first, or no `<html>`
 * at all comes out with an empty body. Those pages — a few in a hundred — go
 * through parse5, the reference HTML5 tree builder, whose serialisation
 * linkedom then reads as a browser would have.
 */

export type Doc = ReturnType<typeof ParseHtml>["document"];
export type El = NonNullable<ReturnType<Doc["querySelector"]>>;

/**
 * linkedom, loaded when the first page is parsed, not with the import: an
 * import of text dumps (a day's bulletin) parses none, and linkedom is the
 * slowest of the import's packages to load (about 0.2 s of its start).
 */
let linkedom: { parseHTML: typeof ParseHtml } | undefined;
function parseHTML(html: string): ReturnType<typeof ParseHtml> {
  linkedom ??= createRequire(import.meta.url)("linkedom") as { parseHTML: typeof ParseHtml };
  return linkedom.parseHTML(html);
}

export function parsePage(html: string): Doc {
  const fast = parseHTML(html).document;
  const document = wellFormed(fast, html) ? fast : parseHTML(serialize(parse(html))).document;
  if (/<ruby[\s>]/i.test(html)) withoutRubyAnnotations(document);
  return document;
}

/**
 * Ruby annotations — the readings printed small over Japanese kanji or Chinese
 * characters (`<ruby>子<rt>こ</rt></ruby>`) — help to pronounce the text and
 * are not part of it: left in, they would run into every word («子こども»).
 */
function withoutRubyAnnotations(document: Doc): void {
  for (const el of [...document.querySelectorAll("rt, rp")]) el.remove();
}

/** The tree has an <html> root and a body holding the page's text. */
function wellFormed(document: Doc, html: string): boolean {
  if (document.documentElement?.tagName !== "HTML") return false;
  const body = document.body;
  if (!body) return false;
  if (body.firstElementChild !== null || /\S/.test(body.textContent ?? "")) return true;
  // An empty body is right only when the source has none of its own.
  return !/<body[\s>]/i.test(html) || !/<\/body\s*>/i.test(html);
}

/**
 * Deepest element nesting a page may have. Browsers stop nesting there too
 * (Blink's tree builder caps it at 512); a deeper page is a fault or an attack,
 * and the extraction's walks cost time with every level (2,000 levels took
 * minutes, 5,000 never finished).
 */
export const MAX_DEPTH = 512;

/** Whether the tree nests deeper than `limit` elements, walked without recursion. */
export function treeNestsTooDeep(document: Doc, limit = MAX_DEPTH): boolean {
  const root = document.documentElement;
  if (!root) return false;
  let depth = 1;
  let node: El | null = root as El;
  while (node) {
    if (depth > limit) return true;
    const child = node.firstElementChild as El | null;
    if (child) {
      node = child;
      depth++;
      continue;
    }
    // Up until a sibling is found.
    while (node && !node.nextElementSibling && node !== root) {
      node = node.parentElement as El | null;
      depth--;
    }
    if (!node || node === root) break;
    node = node.nextElementSibling as El | null;
  }
  return false;
}
