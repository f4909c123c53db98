/**
 * HTML templating that escapes by default. Every value interpolated into an
 * `html` template is escaped unless it is already `Html` (the output of
 * another `html` template, or `raw()` of trusted markup such as the markdown
 * renderer's output). A dump's text therefore cannot inject markup, whichever
 * template forgets to think about it.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Renderable =
  | Html
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly Renderable[];

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * What no XML document may hold (the feeds and sitemaps are XML, and the pages
 * gain nothing from them): C0 controls but tab, LF and CR; the non-characters
 * U+FFFE, U+FFFF and U+FDD0–U+FDEF; a surrogate without its pair. Found by one
 * character class (surrogates too, their pairs told apart by the replacer):
 * three times faster than a pattern with look-arounds for lone surrogates,
 * tried at every character of every page.
 */
const INVALID_OR_SURROGATE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFDD0-\uFDEF\uFFFE\uFFFF\uD800-\uDFFF]/g;
const ESCAPED_OR_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFDD0-\uFDEF\uFFFE\uFFFF\uD800-\uDFFF]/g;

/** A character found by those patterns: escaped, kept (half of a surrogate pair), or dropped. */
function escapeOrDrop(ch: string, at: number, text: string): string {
  const escaped = ESCAPES[ch];
  if (escaped) return escaped;
  const code = ch.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdbff) return isLow(text.charCodeAt(at + 1)) ? ch : "";
  if (code >= 0xdc00 && code <= 0xdfff) return isHigh(text.charCodeAt(at - 1)) ? ch : "";
  return "";
}
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Escapes text for element content and for quoted attribute values, and drops
 * what XML cannot hold (a title with U+FFFF made /feed.xml not well-formed).
 */
export function escapeHtml(text: string): string {
  // Most values (titles, URLs, dates) have nothing to escape: a test, then the same
  // text, costs a third less than a replace that finds nothing (measured, 200,000 values).
  if (!NEEDS_ESCAPING.test(text)) return text;
  // One pass: the five characters escaped, the invalid ones gone.
  return text.replace(ESCAPED_OR_INVALID, escapeOrDrop);
}
const NEEDS_ESCAPING = new RegExp(ESCAPED_OR_INVALID.source);

/** Text without what XML cannot hold (as escapeHtml leaves it). */
export function xmlText(text: string): string {
  return text.replace(INVALID_OR_SURROGATE, escapeOrDrop);
}

/**
 * The text of an HTML fragment that markdown-it or Pagefind wrote: tags
 * replaced by `tagsAs`, and the entities those writers use decoded.
 */
export function textOfHtml(fragment: string, tagsAs = ""): string {
  return fragment
    .replace(/<[^>]*>/g, tagsAs)
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Markup that is trusted as it is. Only for output of trusted renderers, never dump text. */
export function raw(trusted: string): Html {
  return new Html(trusted);
}

export function renderValue(value: Renderable): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join("");
  if (value === null || value === undefined || value === false || value === true) return "";
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) {
    out += renderValue(values[i]) + (strings[i + 1] ?? "");
  }
  return new Html(out);
}

/**
 * The same text as one flat string. A page put together by `html` is a rope:
 * V8 keeps each concatenation as a pair of pieces, thousands a page. Eleventy
 * holds every page it renders until its run ends, and the garbage collector
 * copies a page's pieces one by one each time it moves them; a flat page is
 * one copy. Measured on a full build of 12,800 articles in two parts: each
 * render process peaked at 0.65 GB instead of 1.07 GB, and touched a third
 * fewer fresh memory pages (200,000 instead of 310,000, at about 9 µs each
 * on the benchmark machine). A regular expression reads its subject flat, so
 * V8 flattens the rope in place when one is tested on it; the page is
 * flattened once now instead of when it is written, so this costs no copy.
 */
export function flat(text: string): string {
  FLATTENS.test(text);
  return text;
}
const FLATTENS = /[\s\S]/;

/** JSON for a <script type="application/ld+json"> block: "<" escaped so no "</script>" can close it. */
export function jsonForScript(value: unknown): Html {
  return new Html(JSON.stringify(value).replace(/</g, "\\u003c"));
}
