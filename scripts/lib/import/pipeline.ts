import { createHash } from "node:crypto";
import { extname } from "node:path/posix";
import { httpUrl } from "../http-url.ts";
import {
  type Article,
  type ArticleDate,
  type ExtractedArticle,
  type RawDump,
  RejectedInput,
} from "./article.ts";
import { decodeDump } from "./decode.ts";
import { detectLanguage, directionOf } from "./detect-language.ts";
import { extractAuthor } from "./extract-author.ts";
import { type DateOptions, parseDateLine, parseIsoDate } from "./extract-date.ts";
import type { Gazetteer } from "./gazetteer.ts";
import { normaliseLine } from "./normalise.ts";
import { parseTextDump } from "./parse-text.ts";

/**
 * One dump through the pipeline: decode → detect format → parse → extract
 * (title, date, author, language, tags) → Article. Pure: bytes in, record out;
 * the file system stays in run.ts.
 */

export interface PipelineContext {
  gazetteer: Gazetteer;
  dates: DateOptions;
  maxInputBytes: number;
}

/** File endings read as plain-text dumps. */
const TEXT_EXTENSIONS = new Set([".txt", ".text"]);

export function extractArticle(dump: RawDump, ctx: PipelineContext): ExtractedArticle {
  const ext = extname(dump.file).toLowerCase();
  if (!TEXT_EXTENSIONS.has(ext)) {
    throw new RejectedInput(
      `unsupported file type "${ext || "(none)"}": plain-text dumps end in .txt`,
    );
  }
  const text = decodeDump(dump.bytes, { maxBytes: ctx.maxInputBytes });
  const parsed = parseTextDump(text, ctx.dates);
  const sidecar = dump.sidecar ?? {};
  const warnings: string[] = [];

  const title = sidecar.title ? normaliseLine(sidecar.title) : parsed.headline;

  let date: ArticleDate | undefined;
  if (sidecar.published) {
    date = parseIsoDate(sidecar.published, ctx.dates) ?? undefined;
    if (!date)
      warnings.push(`sidecar date "${sidecar.published}" is not an ISO 8601 date; ignored`);
  }
  if (!date) {
    for (const line of parsed.headerLines) {
      const found = parseDateLine(line, ctx.dates);
      if (!found) continue;
      date = found.date;
      warnings.push(...found.warnings);
      break;
    }
  }
  if (!date) warnings.push("no date");

  const lang = sidecar.lang ?? detectLanguage(`${title}\n${parsed.paragraphs.join("\n")}`);
  const tags = unique([
    ...(sidecar.tags ?? []).map(normaliseLine).filter((t) => t.length > 0),
    ...ctx.gazetteer.match(`${title}\n${parsed.paragraphs.join("\n")}`),
  ]);

  const author = sidecar.author ? normaliseLine(sidecar.author) : extractAuthor(parsed.headerLines);
  const url = httpUrl(sidecar.url);
  if (sidecar.url && !url)
    warnings.push(`sidecar url "${sidecar.url}" is not an http(s) URL; ignored`);

  const article: Article = {
    title,
    lang,
    dir: directionOf(lang),
    tags,
    related: parsed.related,
    source: {
      file: dump.file,
      sha256: createHash("sha256").update(dump.bytes).digest("hex"),
      ...(url ? { url } : {}),
    },
    body: parsed.paragraphs,
    ...(date ? { date } : {}),
    ...(author ? { author } : {}),
  };
  return { article, warnings };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Turns any thrown error into a rejection reason, keeping programmer errors visible. */
export function rejectionReason(error: unknown): string {
  if (error instanceof RejectedInput) return error.message;
  return `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
