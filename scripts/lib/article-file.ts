import { hash } from "node:crypto";
import jsyaml from "js-yaml";
import { type FrontMatterValue, frontMatterYaml } from "./front-matter-yaml.ts";

/**
 * The article file — `content/articles/YYYY/MM/slug.md` — and everything about
 * its format: the front matter's fields and their order, splitting a file into
 * front matter and body, reading it back with reasons for what is wrong, and the
 * fingerprint that tells an imported file from one edited by hand.
 *
 * The importer writes these files, the site, the review summary and the
 * benchmark read them: all through this module, so a field cannot be declared
 * in one place and forgotten in another.
 *
 * The format is made for line diffs in pull requests: fixed key order, one
 * paragraph per line, LF, a final newline, no trailing spaces, no line folding.
 */

/** Where the article came from: the dump, and the source as readers know it. */
export interface ArticleSourceField {
  /** The dump, relative to the input folder. */
  file: string;
  /** For a JSON Lines dump (or a JSON list): the 1-based record of this article. */
  record?: number;
  /** SHA-256 of the dump's bytes (of the record's, for one of many), hex. Absent in a file written by hand. */
  sha256?: string;
  name?: string;
  url?: string;
}

/** The lead image, kept beside the articles (`content/media/…`); its text is the dump's, plain. */
export interface ArticleImage {
  /** Relative to the content folder: `media/ab/abcd….jpg`. */
  src: string;
  width: number;
  height: number;
  alt?: string;
  caption?: string;
  credit?: string;
}

/**
 * A photo inside the article (a saved page's `<figure>`), kept like the lead
 * image: shown after the body's first `after` paragraphs (top-level blocks).
 */
export interface ArticleFigure extends ArticleImage {
  after: number;
}

/** At most this many figures an article (a page of a hundred thumbnails is not an article's). */
export const MAX_FIGURES = 20;

export interface ArticleFrontMatter {
  title: string;
  /** "2025-11-16", or an instant with its offset: "2025-11-16T10:30:00+02:00". */
  date?: string;
  /** BCP 47 language tag. */
  lang: string;
  dir: "rtl" | "ltr";
  author?: string;
  section?: string;
  image?: ArticleImage;
  figures?: ArticleFigure[];
  tags: string[];
  related: string[];
  source: ArticleSourceField;
}

export interface ArticleFile {
  frontMatter: ArticleFrontMatter;
  /** The markdown after the front matter. */
  body: string;
}

// The order keys are written in. A key of the types above missing here is a compile error,
// so a field cannot be read and filtered yet never written.
const KEYS = [
  "title",
  "date",
  "lang",
  "dir",
  "author",
  "section",
  "image",
  "figures",
  "tags",
  "related",
  "source",
] as const;
const SOURCE_KEYS = ["file", "record", "sha256", "name", "url"] as const;
const IMAGE_KEYS = ["src", "width", "height", "alt", "caption", "credit"] as const;
const FIGURE_KEYS = ["after", ...IMAGE_KEYS] as const;
type Unwritten<T, Written extends readonly PropertyKey[]> = Exclude<keyof T, Written[number]>;
const everyKeyWritten: [
  | Unwritten<ArticleFrontMatter, typeof KEYS>
  | Unwritten<ArticleSourceField, typeof SOURCE_KEYS>
  | Unwritten<ArticleImage, typeof IMAGE_KEYS>
  | Unwritten<ArticleFigure, typeof FIGURE_KEYS>,
] extends [never]
  ? true
  : never = true;
void everyKeyWritten;

/** The last front-matter key: a fingerprint of what the importer wrote. */
export const FINGERPRINT_KEY = "imported";
const FINGERPRINT_LINE = new RegExp(`^${FINGERPRINT_KEY}: .*\\n`, "m");

/** Front matter (the YAML between the `---` lines, ending in a newline) and the body after it. */
export function splitArticleFile(text: string): { head: string; body: string } | undefined {
  if (!text.startsWith("---\n")) return undefined;
  const end = text.indexOf("\n---\n", 3);
  if (end < 0) return undefined;
  return { head: text.slice(4, end + 1), body: text.slice(end + 5) };
}

/** A top-level front-matter line as written («date: 2025-03-01»), without parsing YAML. */
export function frontMatterLine(text: string, key: string): string | undefined {
  const head = splitArticleFile(text)?.head ?? "";
  return new RegExp(`^${key}:.*$`, "m").exec(head)?.[0];
}

/**
 * A front-matter block's fields. Read with js-yaml (YAML 1.2's core schema: no
 * dates, which stay text), the parser Eleventy reads front matter with: six
 * times faster than the `yaml` package on the benchmark's 4,000 front matters
 * (0.13 against 0.8 s), the same values (a property test compares them on any
 * article the importer writes) — the archive reads every article file at each
 * build with a cold cache, in each part. Written front matter is the `yaml`
 * package's text (front-matter-yaml.ts: its quoting and list style). Throws on
 * invalid YAML.
 */
export function parseFrontMatter(head: string): Record<string, unknown> {
  const value = jsyaml.load(head, { schema: jsyaml.CORE_SCHEMA });
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw new Error("the front matter is not a list of fields (key: value)");
  return value as Record<string, unknown>;
}

/** Every front-matter field as YAML gives it, unchecked (the review summary diffs them). Throws on invalid YAML. */
export function frontMatterFields(
  text: string,
): { fields: Record<string, unknown>; body: string } | undefined {
  const parts = splitArticleFile(text);
  if (!parts) return undefined;
  const fields = parseFrontMatter(parts.head);
  return { fields, body: parts.body };
}

/** Why a file is not a valid article, in an editor's words (the caller names the file). */
export class ArticleFileError extends Error {
  override readonly name = "ArticleFileError";
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Reads and checks an article file; throws ArticleFileError saying what is wrong. */
export function readArticleFile(text: string): ArticleFile {
  const fail = (why: string): never => {
    throw new ArticleFileError(why);
  };
  const parts = splitArticleFile(text) ?? fail("no front matter (a --- block at the top)");
  let fm: Record<string, unknown>;
  try {
    fm = parseFrontMatter(parts.head);
  } catch (error) {
    return fail(`front matter is not valid YAML: ${(error as Error).message}`);
  }
  const str = (key: string, required = false): string | undefined => {
    const v = fm[key];
    if (v === undefined || v === null) return required ? fail(`"${key}" is missing`) : undefined;
    if (typeof v !== "string") return fail(`"${key}" must be text`);
    return v;
  };
  const list = (key: string): string[] => {
    const v = fm[key] ?? [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
      return fail(`"${key}" must be a list of text`);
    return v;
  };
  const title = str("title", true) as string;
  const date = str("date");
  if (date !== undefined && !DAY.test(date) && !INSTANT.test(date))
    fail(`date "${date}" must be YYYY-MM-DD or an ISO 8601 date-time with an offset`);
  const dir = str("dir") ?? "rtl";
  if (dir !== "rtl" && dir !== "ltr") fail("dir must be rtl or ltr");
  const author = str("author");
  const section = str("section");
  const image = fm.image === undefined || fm.image === null ? undefined : imageOf(fm.image, fail);
  const figures = figuresOf(fm.figures, fail);
  const s = (fm.source ?? {}) as Record<string, unknown>;
  const text_ = (v: unknown) => (typeof v === "string" ? v : undefined);
  const source: ArticleSourceField = {
    file: text_(s.file) ?? "",
    ...optional("record", Number.isInteger(s.record) ? (s.record as number) : undefined),
    ...optional("sha256", text_(s.sha256)),
    ...optional("name", text_(s.name)),
    ...optional("url", text_(s.url)),
  };
  return {
    frontMatter: {
      title,
      ...optional("date", date),
      lang: str("lang") ?? "ar",
      dir: dir as "rtl" | "ltr",
      ...optional("author", author),
      ...optional("section", section),
      ...optional("image", image),
      ...optional("figures", figures),
      tags: list("tags"),
      related: list("related"),
      source,
    },
    body: parts.body,
  };
}

/** A media path: under media/, no way out of it, no hidden parts. */
const MEDIA_SRC =
  /^media\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:jpe?g|png|gif|webp|avif)$/;

/** The figures list: each an image block with `after`, the number of paragraphs before it. */
function figuresOf(value: unknown, fail: (why: string) => never): ArticleFigure[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value))
    return fail('"figures" must be a list of blocks with after, src, width, height');
  if (value.length > MAX_FIGURES) return fail(`"figures" may list at most ${MAX_FIGURES} photos`);
  return value.map((item, i) => {
    const image = imageOf(item, fail, `figures[${i + 1}]`);
    const after = (item as Record<string, unknown>).after;
    if (!Number.isInteger(after) || (after as number) < 0)
      return fail(`figures[${i + 1}] after must be a whole number of paragraphs (0 or more)`);
    return { after: after as number, ...image };
  });
}

function imageOf(value: unknown, fail: (why: string) => never, name = "image"): ArticleImage {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return fail(`"${name}" must be a block with src, width, height (and alt, caption, credit)`);
  const v = value as Record<string, unknown>;
  if (typeof v.src !== "string" || !MEDIA_SRC.test(v.src))
    return fail(
      `${name} src must be a file under media/ (media/ab/name.jpg), not ${JSON.stringify(v.src)}`,
    );
  const size = (key: "width" | "height"): number => {
    const n = v[key];
    return Number.isInteger(n) && (n as number) > 0
      ? (n as number)
      : fail(`${name} ${key} must be a whole number of pixels`);
  };
  const text = (key: "alt" | "caption" | "credit"): string | undefined => {
    const t = v[key];
    if (t === undefined || t === null) return undefined;
    return typeof t === "string" ? t : fail(`${name} ${key} must be text`);
  };
  return {
    src: v.src,
    width: size("width"),
    height: size("height"),
    ...optional("alt", text("alt")),
    ...optional("caption", text("caption")),
    ...optional("credit", text("credit")),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

// Optional text fields left empty are not written at all.
const OMITTED_WHEN_EMPTY: ReadonlySet<string> = new Set([
  "date",
  "author",
  "section",
  "name",
  "url",
]);

/** The fields given, in the file's order. */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const v = value[key];
    if (v === undefined || (v === "" && OMITTED_WHEN_EMPTY.has(key as string))) continue;
    out[key as string] = v;
  }
  return out;
}

/** The front matter's fields as written: in KEYS' order, empty optional text left out. */
export function frontMatterFieldsOf(fm: ArticleFrontMatter): Record<string, FrontMatterValue> {
  const fields = ordered(fm, KEYS);
  // Tags and related headlines are written even when empty: an editor sees where they go.
  fields.tags = fm.tags;
  fields.related = fm.related;
  fields.source = ordered(fm.source, SOURCE_KEYS);
  if (fm.image) fields.image = ordered(fm.image, IMAGE_KEYS);
  if (fm.figures && fm.figures.length > 0)
    fields.figures = fm.figures.map((f) => ordered(f, FIGURE_KEYS));
  else delete fields.figures;
  return fields as Record<string, FrontMatterValue>;
}

// Tags are short: one line. Related headlines are long: one per line.
export const FLOW_KEYS: ReadonlySet<string> = new Set(["tags"]);

function yamlOf(fm: ArticleFrontMatter): string {
  return frontMatterYaml(frontMatterFieldsOf(fm), FLOW_KEYS);
}

/** The file for front matter and body paragraphs (markdown, already escaped), signed with its fingerprint. */
export function writeArticleFile(frontMatter: ArticleFrontMatter, paragraphs: string[]): string {
  const head = yamlOf(frontMatter);
  const unsigned = `---\n${head}---\n\n${paragraphs.join("\n\n")}\n`;
  return `---\n${head}${FINGERPRINT_KEY}: ${fingerprint(unsigned)}\n---\n\n${paragraphs.join("\n\n")}\n`;
}

/** Short SHA-256 of the file as written, without its fingerprint line. */
export function fingerprint(textWithoutFingerprint: string): string {
  return hash("sha256", textWithoutFingerprint, "hex").slice(0, 16);
}

/** Whether a file is exactly what the importer wrote: its fingerprint line is there and matches the rest. */
export function isUntouched(text: string): boolean {
  const parts = splitArticleFile(text);
  if (!parts) return false;
  const m = FINGERPRINT_LINE.exec(parts.head);
  if (!m) return false;
  const recorded = m[0].slice(FINGERPRINT_KEY.length + 2).trim();
  // m.index is within the head, which starts 4 characters into the file.
  const at = m.index + 4;
  return fingerprint(text.slice(0, at) + text.slice(at + m[0].length)) === recorded;
}

const QUICK_SOURCE = /^source:\n {2}file: (.+)\n(?: {2}record: (\d+)\n)?/m;

/** `source.file` (and `source.record`) of an article file, or undefined. */
export function sourceOf(text: string): { file: string; record?: number } | undefined {
  const parts = splitArticleFile(text);
  if (!parts) return undefined;
  // The importer writes `source:` as a block with plain values: read it without a YAML parse
  // (an archive has many files); anything else is parsed properly.
  const quick = QUICK_SOURCE.exec(parts.head);
  if (quick && !/^["'&*!|>{[]/.test(quick[1] as string)) {
    return quick[2] === undefined
      ? { file: quick[1] as string }
      : { file: quick[1] as string, record: Number(quick[2]) };
  }
  try {
    const fm = parseFrontMatter(parts.head) as { source?: { file?: unknown; record?: unknown } };
    const file = fm?.source?.file;
    if (typeof file !== "string") return undefined;
    const record = fm?.source?.record;
    return typeof record === "number" ? { file, record } : { file };
  } catch {
    return undefined;
  }
}

const SOURCE_SHA = /^ {2}sha256: ([0-9a-f]{64})$/m;

/** `source.sha256` as written, without a YAML parse. */
export function sourceShaOf(text: string): string | undefined {
  return SOURCE_SHA.exec(splitArticleFile(text)?.head ?? "")?.[1];
}
