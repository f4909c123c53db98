import type { Article } from "../../scripts/lib/import/article.ts";
import { serialiseArticle } from "../../scripts/lib/import/serialise.ts";

/** A fixture article through the importer's own serialiser, as content/ holds them. */
export function fixtureArticle(title: string, fields: Partial<Article>, body: string[]): string {
  return serialiseArticle({
    title,
    lang: "ar",
    dir: "rtl",
    tags: [],
    related: [],
    body,
    source: { file: `${title}.txt`, sha256: "0".repeat(64) },
    ...fields,
  });
}

/** A date known to the day, as front matter holds it. */
export const day = (iso: string) => ({ kind: "day" as const, iso });
