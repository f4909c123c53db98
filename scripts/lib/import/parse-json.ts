import { type ParsedDump, RejectedInput, type Sidecar } from "./article.ts";
import type { Furniture } from "./boilerplate.ts";
import type { DateOptions } from "./extract-date.ts";
import { MAX_JSON_DEPTH, nestsTooDeep } from "./json-depth.ts";
import { normaliseLine } from "./normalise.ts";
import { readBody } from "./parse-text.ts";

/**
 * Step 3 for scraper output in news-please's field names: `title`,
 * `maintext` (paragraphs separated by newlines), `date_publish`, `authors`,
 * `url`, `language`, `description`. A `.json` file holds one record (or a
 * list); a `.jsonl` file one record per line.
 */

export interface JsonRecord {
  /** 1-based line (JSON Lines) or list position; absent for a single object. */
  record?: number;
  /** The record's own text, for its checksum. */
  text: string;
  parsed?: ParsedDump;
  rejection?: string;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.trim().length > 0 ? value : undefined;
}

export function parseNewsPleaseRecord(
  value: unknown,
  furniture: Furniture,
  dates: DateOptions,
): ParsedDump {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new RejectedInput("malformed JSON: a record must be an object");
  }
  const r = value as Record<string, unknown>;
  const title = str(r.title);
  const text = str(r.maintext) ?? str(r.text);
  if (!title) throw new RejectedInput('JSON record without a "title"');
  if (!text) throw new RejectedInput('JSON record without a "maintext"');

  const meta: Sidecar = {};
  const published = str(r.date_publish) ?? str(r.published);
  if (published) meta.published = published;
  const authors = Array.isArray(r.authors)
    ? r.authors.filter((a): a is string => typeof a === "string")
    : [];
  const author = authors.length > 0 ? authors.map(normaliseLine).join("، ") : str(r.author);
  if (author) meta.author = normaliseLine(author);
  const url = str(r.url);
  if (url) meta.url = url;
  const lang = str(r.language);
  if (lang) meta.lang = lang;
  if (Array.isArray(r.keywords) || Array.isArray(r.tags)) {
    meta.tags = ([] as unknown[])
      .concat(r.keywords ?? [], r.tags ?? [])
      .filter((t): t is string => typeof t === "string");
  }

  const body = readBody(
    text.replace(/\r\n?/g, "\n").split("\n").map(normaliseLine),
    furniture,
    dates,
  );
  if (body.paragraphs.length === 0) throw new RejectedInput("JSON record with an empty maintext");
  return {
    headerLines: body.headerLines,
    headline: normaliseLine(title),
    paragraphs: body.paragraphs,
    related: body.related,
    keywords: body.keywords,
    meta,
    ...(body.sourceName ? { sourceName: body.sourceName } : {}),
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof RejectedInput) return error.message;
  throw error;
}

/** A `.json` file: one object, or a list of them. */
export function parseJsonDump(
  text: string,
  furniture: Furniture,
  dates: DateOptions,
): JsonRecord[] {
  let data: unknown;
  if (nestsTooDeep(text))
    throw new RejectedInput(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RejectedInput(`malformed JSON (${(error as Error).message})`);
  }
  const records = Array.isArray(data) ? data : [data];
  return records.map((value, i) => {
    const record: JsonRecord = { text: JSON.stringify(value) };
    if (Array.isArray(data)) record.record = i + 1;
    try {
      record.parsed = parseNewsPleaseRecord(value, furniture, dates);
    } catch (error) {
      record.rejection = reasonOf(error);
    }
    return record;
  });
}

/** A `.jsonl` file: one record per line; a broken line is rejected alone. */
export function parseJsonLinesDump(
  text: string,
  furniture: Furniture,
  dates: DateOptions,
): JsonRecord[] {
  const out: JsonRecord[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const record: JsonRecord = { record: i + 1, text: line };
    try {
      let value: unknown;
      if (nestsTooDeep(line))
        throw new RejectedInput(
          `JSON on line ${i + 1} nested deeper than ${MAX_JSON_DEPTH} levels`,
        );
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new RejectedInput(`malformed JSON on line ${i + 1} (${(error as Error).message})`);
      }
      record.parsed = parseNewsPleaseRecord(value, furniture, dates);
    } catch (error) {
      record.rejection = reasonOf(error);
    }
    out.push(record);
  });
  if (out.length === 0) throw new RejectedInput("empty file (no JSON records)");
  return out;
}
