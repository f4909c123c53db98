import markdownIt, { type MarkdownIt } from "markdown-it";

/**
 * The one markdown renderer of the site, shared with the tests that prove the
 * importer's escaping. Raw HTML is off: nothing from a dump reaches a page as
 * markup. Linkify and typographer are off: the archive shows the source
 * characters (quotes, dashes, URLs) as they were.
 */
export function createMarkdown(): MarkdownIt {
  return markdownIt({ html: false, linkify: false, typographer: false });
}
