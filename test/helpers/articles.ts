import type { Article } from "../../scripts/lib/import/article.ts";
import { serialiseArticle } from "../../scripts/lib/import/serialise.ts";
import type { ArchiveArticle } from "../../scripts/lib/site/archive-article.ts";

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

/** An article as the archive holds it (front matter read), with a day when given a date. */
export function archiveArticle(path: string, fields: Partial<ArchiveArticle> = {}): ArchiveArticle {
  return {
    path,
    url: `/articles/${path.replace(/\.md$/, "")}/`,
    title: path,
    lang: "ar",
    dir: "rtl",
    tags: [],
    related: [],
    source: { file: `${path}.txt` },
    excerpt: "",
    ...fields,
    ...(fields.date ? { day: fields.date.slice(0, 10) } : {}),
  };
}
