import { createHash } from "node:crypto";
import YAML from "yaml";
import type { Article } from "./article.ts";
import { escapeParagraph } from "./markdown-escape.ts";

/**
 * Last step: Article → markdown file. The format is made for line diffs in
 * pull requests: fixed key order, one paragraph per line, LF, a final newline,
 * no trailing spaces, no line folding.
 *
 * The last front-matter key, `imported`, fingerprints what the importer wrote.
 * A file whose fingerprint no longer matches was edited by hand, and a later
 * import keeps it rather than overwrite the edit.
 */

export const FINGERPRINT_KEY = "imported";
const FINGERPRINT_LINE = new RegExp(`^${FINGERPRINT_KEY}: .*\\n`, "m");

export function frontMatterOf(article: Article): Record<string, unknown> {
  const fm: Record<string, unknown> = { title: article.title };
  if (article.date) fm.date = article.date.iso;
  fm.lang = article.lang;
  fm.dir = article.dir;
  if (article.author) fm.author = article.author;
  if (article.section) fm.section = article.section;
  fm.tags = article.tags;
  fm.related = article.related;
  const source: Record<string, string> = {
    file: article.source.file,
    sha256: article.source.sha256,
  };
  if (article.source.name) source.name = article.source.name;
  if (article.source.url) source.url = article.source.url;
  fm.source = source;
  return fm;
}

function yamlOf(fm: Record<string, unknown>): string {
  const doc = new YAML.Document(fm);
  // Tags are short: one line. Related headlines are long: one per line.
  const tags = doc.get("tags", true);
  if (YAML.isSeq(tags)) tags.flow = true;
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}

export function serialiseArticle(article: Article): string {
  const body = article.body.map(escapeParagraph).join("\n\n");
  const unsigned = `---\n${yamlOf(frontMatterOf(article))}---\n\n${body}\n`;
  return sign(unsigned);
}

/** Short SHA-256 of the file as written, without its fingerprint line. */
export function fingerprint(textWithoutFingerprint: string): string {
  return createHash("sha256").update(textWithoutFingerprint, "utf8").digest("hex").slice(0, 16);
}

function sign(unsigned: string): string {
  const end = unsigned.indexOf("\n---\n", 3);
  return `${unsigned.slice(0, end + 1)}${FINGERPRINT_KEY}: ${fingerprint(unsigned)}\n${unsigned.slice(end + 1)}`;
}

/**
 * Whether a file on disk is exactly what the importer wrote: its fingerprint
 * line is present and matches the rest of the file.
 */
export function isUntouched(text: string): boolean {
  const end = text.indexOf("\n---\n", 3);
  if (!text.startsWith("---\n") || end < 0) return false;
  const m = FINGERPRINT_LINE.exec(text.slice(0, end + 1));
  if (!m) return false;
  const recorded = m[0].slice(FINGERPRINT_KEY.length + 2).trim();
  return fingerprint(text.slice(0, m.index) + text.slice(m.index + m[0].length)) === recorded;
}
