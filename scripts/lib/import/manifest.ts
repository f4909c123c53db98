import { parse as parseCsv } from "csv-parse/sync";
import { RejectedInput, type Sidecar } from "./article.ts";
import { splitTerms } from "./boilerplate.ts";

/**
 * Metadata for many dumps at once: `manifest.csv` (header row: file, url,
 * published, author, section, tags, title, lang, image, caption,
 * credit; tags separated by "|") or
 * `manifest.jsonl` (one object per line with the same keys, tags a list).
 * A sidecar beside a dump overrides the manifest's row for it.
 */

export const MANIFEST_NAMES = ["manifest.csv", "manifest.jsonl"];

/** The fields given as text (tags are a list). */
export const TEXT_FIELDS = [
  "title",
  "published",
  "author",
  "url",
  "lang",
  "section",
  "image",
  "caption",
  "credit",
] as const;

function toSidecar(row: Record<string, unknown>, where: string): Sidecar {
  const sidecar: Sidecar = {};
  for (const key of TEXT_FIELDS) {
    const value = row[key];
    if (value === undefined || value === null || value === "") continue;
    if (typeof value !== "string") throw new RejectedInput(`${where}: "${key}" must be text`);
    sidecar[key] = value;
  }
  const tags = row.tags;
  if (typeof tags === "string" && tags.trim() !== "")
    sidecar.tags = splitTerms(tags.replace(/\|/g, "،"));
  else if (Array.isArray(tags))
    sidecar.tags = tags.filter((t): t is string => typeof t === "string");
  return sidecar;
}

/** Manifest rows by dump file (relative to the input folder). */
export function parseManifest(name: string, text: string): Map<string, Sidecar> {
  const rows: Record<string, unknown>[] = [];
  if (name.endsWith(".csv")) {
    try {
      rows.push(
        ...(parseCsv(text, {
          columns: true,
          skip_empty_lines: true,
          bom: true,
          trim: true,
        }) as Record<string, string>[]),
      );
    } catch (error) {
      throw new RejectedInput(`malformed CSV (${(error as Error).message})`);
    }
  } else {
    text.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        rows.push(JSON.parse(line) as Record<string, unknown>);
      } catch (error) {
        throw new RejectedInput(`malformed JSON on line ${i + 1} (${(error as Error).message})`);
      }
    });
  }
  const byFile = new Map<string, Sidecar>();
  rows.forEach((row, i) => {
    const file = row.file;
    if (typeof file !== "string" || file === "")
      throw new RejectedInput(`row ${i + 1} has no "file"`);
    byFile.set(file, toSidecar(row, `row ${i + 1}`));
  });
  return byFile;
}
