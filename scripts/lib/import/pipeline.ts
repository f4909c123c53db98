import { hash } from "node:crypto";
import { extname } from "node:path/posix";
import { foldArabic } from "../arabic.ts";
import { httpUrl } from "../http-url.ts";
import {
  type Article,
  type ArticleDate,
  type ParsedDump,
  type RawDump,
  RejectedInput,
  type Sidecar,
} from "./article.ts";
import type { Boilerplate } from "./boilerplate.ts";
import { type DecodedDump, declaredCharset, decodeDump } from "./decode.ts";
import { detectLanguage, directionOf } from "./detect-language.ts";
import { extractAuthor } from "./extract-author.ts";
import { type DateOptions, dateLineKind, parseDateLine, parseIsoDate } from "./extract-date.ts";
import type { Gazetteer } from "./gazetteer.ts";
import { type FigureCandidate, type ImageCandidate, localReference } from "./media.ts";
import { normaliseLine } from "./normalise.ts";
import { parseHtmlDump } from "./parse-html.ts";
import { type JsonRecord, parseJsonDump, parseJsonLinesDump } from "./parse-json.ts";
import { parseTextDump } from "./parse-text.ts";
import type { ProseModel } from "./text/prose.ts";

/**
 * One dump through the pipeline: decode → detect format → parse → extract
 * (title, date, author, language, tags) → Article. Pure: bytes in, records
 * out; the file system stays in run.ts.
 *
 * Where several places give a field, the most deliberate one wins: a sidecar,
 * then the manifest, then metadata inside the file (HTML meta tags, scraper
 * JSON), then what is read from the text.
 */

export interface PipelineContext {
  gazetteer: Gazetteer;
  boilerplate: Boilerplate;
  dates: DateOptions;
  /** Function words and line shapes: what tells prose from furniture. */
  prose: ProseModel;
  maxInputBytes: number;
  /** Lines repeated across many dumps of a source (the corpus pass), by source key. */
  repeatedLines?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** What became of one article-sized piece of input: a file, or one record of a JSON Lines file. */
export interface Extraction {
  record?: number;
  article?: Article;
  reason?: string;
  warnings: string[];
  /** Same headline and body (after folding) → same key: one article dumped twice (contentKey). */
  key?: string;
}

/** The duplicate key of an article whose `title\nbody` (paragraphs joined by \n) folds to this. */
export function contentKeyOfFolded(folded: string): string {
  return hash("sha256", folded, "hex");
}

export type DumpFormat = "text" | "html" | "json" | "jsonl";

const FORMATS: Record<string, DumpFormat> = {
  ".txt": "text",
  ".text": "text",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
};

export function formatOf(file: string): DumpFormat | undefined {
  return FORMATS[extname(file).toLowerCase()];
}

/** Dumps of one source share furniture: grouped by folder under the input, else by URL host. */
export function sourceKey(file: string, sidecar?: Sidecar): string {
  const slash = file.indexOf("/");
  if (slash > 0) return `folder:${file.slice(0, slash)}`;
  const host = sidecar?.url ? hostOf(sidecar.url) : undefined;
  return host ? `host:${host}` : "";
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

export function decodeRawDump(
  dump: RawDump,
  ctx: PipelineContext,
): { decoded: DecodedDump; format: DumpFormat } {
  const format = formatOf(dump.file);
  if (!format) {
    const ext = extname(dump.file).toLowerCase();
    throw new RejectedInput(
      `unsupported file type "${ext || "(none)"}": dumps are .txt, .html/.htm, .json or .jsonl`,
    );
  }
  if (dump.decoded) return { decoded: dump.decoded, format };
  // A page says what it is encoded in; a text dump cannot.
  const declared = format === "html" ? declaredCharset(dump.bytes) : undefined;
  const decoded = decodeDump(dump.bytes, {
    maxBytes: ctx.maxInputBytes,
    ...(declared ? { declared } : {}),
  });
  return { decoded, format };
}

export function extractArticles(dump: RawDump, ctx: PipelineContext): Extraction[] {
  const { decoded, format } = decodeRawDump(dump, ctx);
  const notes: string[] = [];
  if (decoded.encoding !== "utf-8")
    notes.push(`decoded as ${decoded.encoding}${decoded.guessed ? " (no encoding declared)" : ""}`);
  if (decoded.replacedOnLines) {
    notes.push(
      `bytes that are not UTF-8 replaced by U+FFFD on ${plural(decoded.replacedOnLines.length, "line")} ${shortList(decoded.replacedOnLines)}`,
    );
  }
  if (decoded.nulsRemoved) notes.push(`${plural(decoded.nulsRemoved, "NUL byte")} removed`);
  if (decoded.repaired) {
    notes.push(
      `repaired ${decoded.repaired.lines} lines of UTF-8 misread as ${decoded.repaired.from}`,
    );
  }
  const key = sourceKey(dump.file, dump.sidecar);
  const slash = dump.file.indexOf("/");
  const furniture = ctx.boilerplate.furnitureFor(
    {
      ...(slash > 0 ? { folder: dump.file.slice(0, slash) } : {}),
      ...(dump.sidecar?.url ? { host: hostOf(dump.sidecar.url) ?? "" } : {}),
    },
    ctx.repeatedLines?.get(key),
  );
  const fileSha = hash("sha256", dump.bytes, "hex");

  if (format === "text" || format === "html") {
    const parsed =
      format === "text"
        ? parseTextDump(decoded.text, furniture, ctx.dates, ctx.prose)
        : parseHtmlDump(decoded.text, furniture, ctx.dates, ctx.prose);
    const { article, warnings, key } = buildArticle(parsed, dump, fileSha, undefined, ctx);
    return [{ article, warnings: [...notes, ...warnings], key }];
  }

  const records: JsonRecord[] =
    format === "json"
      ? parseJsonDump(decoded.text, furniture, ctx.dates)
      : parseJsonLinesDump(decoded.text, furniture, ctx.dates);
  return records.map((r) => {
    const base = r.record !== undefined ? { record: r.record } : {};
    if (!r.parsed) return { ...base, reason: r.rejection ?? "unreadable record", warnings: [] };
    // One record of many is traced by its own checksum; a lone object by its file's.
    const sha = r.record !== undefined ? hash("sha256", r.text, "hex") : fileSha;
    const { article, warnings, key } = buildArticle(r.parsed, dump, sha, r.record, ctx);
    return { ...base, article, warnings: [...notes, ...warnings], key };
  });
}

function buildArticle(
  parsed: ParsedDump,
  dump: RawDump,
  sha256: string,
  record: number | undefined,
  ctx: PipelineContext,
): { article: Article; warnings: string[]; key: string } {
  // Sidecar and manifest (merged in run.ts) over the format's own metadata.
  const given: Sidecar = { ...parsed.meta, ...definedOnly(dump.sidecar ?? {}) };
  const warnings: string[] = [];
  // A title given beside the dump settles any doubt about the headline found in it.
  if (parsed.headlineWarning && !given.title) warnings.push(parsed.headlineWarning);

  const title = given.title ? normaliseLine(given.title) : parsed.headline;
  const date = chooseDate(given, parsed, ctx.dates, warnings);
  if (!date) warnings.push("no date");

  const text = `${title}\n${parsed.paragraphs.join("\n")}`;
  // Folded once, for the tags and for the duplicate key.
  const folded = foldArabic(text);
  const lang = chooseLang(dump.sidecar?.lang, parsed.meta.lang, text, warnings);
  const tags = canonicalTags(ctx.gazetteer, [
    ...(dump.sidecar?.tags ?? []),
    ...(parsed.meta.tags ?? []),
    ...parsed.keywords,
    ...ctx.gazetteer.match(text, folded),
  ]);

  const author = given.author ? normaliseLine(given.author) : extractAuthor(parsed.headerLines);
  const url = httpUrl(given.url);
  if (given.url && !url) warnings.push(`url ${quoted(given.url)} is not an http(s) URL; ignored`);
  const section = given.section ? normaliseLine(given.section) : undefined;
  const imageCandidates = leadImageCandidates(dump, parsed, warnings);
  const figureCandidates = localFigures(dump, parsed);

  const article: Article = {
    title,
    lang,
    dir: directionOf(lang),
    tags,
    related: parsed.related,
    source: {
      file: dump.file,
      ...(record !== undefined ? { record } : {}),
      sha256,
      ...(parsed.sourceName ? { name: parsed.sourceName } : {}),
      ...(url ? { url } : {}),
    },
    body: parsed.paragraphs,
    ...(date ? { date } : {}),
    ...(author ? { author } : {}),
    ...(section ? { section } : {}),
    ...(imageCandidates.length > 0 ? { imageCandidates } : {}),
    ...(figureCandidates.length > 0 ? { figureCandidates } : {}),
  };
  return { article, warnings, key: contentKeyOfFolded(folded) };
}

/**
 * Where the lead image may be, in the order the run tries them: a sidecar's or
 * the manifest's `image` (its caption and credit over the page's), else what
 * the page points at. Only references the import may follow are kept (files in
 * the input folder, data: URLs); a page's images on the network are not
 * fetched and go without a word, a sidecar's is reported.
 */
function leadImageCandidates(
  dump: RawDump,
  parsed: ParsedDump,
  warnings: string[],
): ImageCandidate[] {
  const given = dump.sidecar ?? {};
  const text = (value: string | undefined) => (value ? normaliseLine(value) : "");
  const caption = text(given.caption);
  const credit = text(given.credit);
  const described = (c: ImageCandidate): ImageCandidate => ({
    ...c,
    ...(caption ? { caption } : {}),
    ...(credit ? { credit } : {}),
  });
  if (given.image) {
    const ref = localReference(dump.file, given.image);
    if (ref && !ref.startsWith("data:")) return [described({ ref })];
    warnings.push(
      `image ${quoted(given.image)} is not a file in the input folder beside the dump (images are never fetched); not kept`,
    );
    return [];
  }
  const out: ImageCandidate[] = [];
  for (const candidate of parsed.images ?? []) {
    const ref = localReference(dump.file, candidate.ref);
    if (ref && !out.some((c) => c.ref === ref)) out.push(described({ ...candidate, ref }));
  }
  return out;
}

/**
 * The photos inside the article the import may read: each figure's references
 * that are files in the input folder or data: URLs (those on the network go
 * without a word, as the lead's do); a figure with none is left out.
 */
function localFigures(dump: RawDump, parsed: ParsedDump): FigureCandidate[] {
  const out: FigureCandidate[] = [];
  for (const figure of parsed.figures ?? []) {
    const candidates: ImageCandidate[] = [];
    for (const candidate of figure.candidates) {
      const ref = localReference(dump.file, candidate.ref);
      if (ref && !candidates.some((c) => c.ref === ref)) candidates.push({ ...candidate, ref });
    }
    if (candidates.length > 0) out.push({ candidates, after: figure.after });
  }
  return out;
}

/** A value from a dump in a warning: quoted, and cut short (a page can put megabytes in a field). */
function quoted(value: string, max = 80): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** «3, 17, 40» or «3, 17, 40, … (12 in all)»: a warning names lines, not hundreds of them. */
function shortList(numbers: readonly number[], max = 5): string {
  const head = numbers.slice(0, max).join(", ");
  return numbers.length > max ? `${head}, …` : head;
}

function definedOnly(sidecar: Sidecar): Sidecar {
  return Object.fromEntries(
    Object.entries(sidecar).filter(([, v]) => v !== undefined && v !== ""),
  ) as Sidecar;
}

function chooseDate(
  given: Sidecar,
  parsed: ParsedDump,
  dates: DateOptions,
  warnings: string[],
): ArticleDate | undefined {
  if (given.published) {
    const date =
      parseIsoDate(given.published, dates) ?? parseDateLine(given.published, dates)?.date;
    if (date) return date;
    warnings.push(`metadata date ${quoted(given.published)} is not a date; ignored`);
  }
  // The publication date wins over an update date, whichever the page prints first.
  const rank = { published: 0, plain: 1, updated: 2 };
  const found = parsed.headerLines
    .map((line, i) => ({ i, kind: dateLineKind(line), match: parseDateLine(line, dates) }))
    .filter((c) => c.match !== null)
    .sort((a, b) => rank[a.kind] - rank[b.kind] || a.i - b.i)[0]?.match;
  if (!found) return undefined;
  warnings.push(...found.warnings);
  return found.date;
}

/** Languages written in the Arabic or the Hebrew script; other declared languages are not checked. */
const SCRIPT_OF: Record<string, string> = {
  ar: "arabic",
  fa: "arabic",
  ur: "arabic",
  ps: "arabic",
  ckb: "arabic",
  sd: "arabic",
  ug: "arabic",
  he: "hebrew",
  yi: "hebrew",
};

/**
 * The article's language: an editor's (sidecar, manifest) as given; the
 * page's own declaration when its script is the text's (a site template
 * often says `lang="en-US"` around Arabic text); else the text's.
 */
function chooseLang(
  edited: string | undefined,
  declared: string | undefined,
  text: string,
  warnings: string[],
): string {
  const given = normaliseLang(edited);
  if (given) return given;
  const page = normaliseLang(declared);
  const detected = detectLanguage(text);
  if (!page) return detected;
  const scriptOf = (tag: string) => SCRIPT_OF[tag.split("-")[0] as string] ?? "other";
  if (detected === "und" || scriptOf(page) === scriptOf(detected)) return page;
  warnings.push(`the page declares lang ${page}, but the text is ${detected}: ${detected} kept`);
  return detected;
}

/** "ar", "ar-EG", "en-US" → kept; anything that is not a BCP 47 language tag → ignored. */
function normaliseLang(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const tag = value.trim().replace(/_/g, "-");
  if (!/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/.test(tag)) return undefined;
  const [language, ...rest] = tag.split("-");
  return [language?.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join(
    "-",
  );
}

/** Tags in their canonical spelling, each entity once, in the order the sources gave them. */
function canonicalTags(gazetteer: Gazetteer, tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = gazetteer.canonical(normaliseLine(raw));
    // Spellings that differ only in hamza, ta marbuta or diacritics are one tag.
    const key = foldArabic(tag);
    if (tag.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** Turns any thrown error into a rejection reason, keeping programmer errors visible. */
export function rejectionReason(error: unknown): string {
  if (error instanceof RejectedInput) return error.message;
  // One line, as every other reason; NASHRA_DEBUG=1 adds where it happened.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = process.env.NASHRA_DEBUG && error instanceof Error ? `\n${error.stack}` : "";
  return `internal error: ${message.split("\n")[0]}${stack}`;
}
