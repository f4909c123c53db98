import type { Archive } from "../scripts/lib/site/archive.ts";
import type { Site } from "../scripts/lib/site/site.ts";

/** Data every template receives from Eleventy. */
export interface PageData {
  site: Site;
  archive: Archive;
  page: {
    url: string;
    /** Input path relative to the input folder, without extension: "/articles/2025/11/slug". */
    filePathStem: string;
  };
}

/** A paginated template's data: the current item under the alias `p`. */
export interface PaginatedData<T> extends PageData {
  p: T;
}

/** An article's front matter, as the importer writes it (and editors may edit it). */
export interface ArticleData extends PageData {
  content: string;
  title: string;
  date?: string;
  lang: string;
  dir: "rtl" | "ltr";
  author?: string;
  tags?: string[];
  related?: string[];
  source?: { file?: string; name?: string; url?: string };
}

/**
 * The data export of a template that renders one page per item of a list the
 * archive prepared (`archive.tagPages`, …): Eleventy paginates one item at a
 * time under the alias `p`, at the URL the archive computed for it.
 */
export function onePagePerItem<T extends { url: string }>(list: string) {
  return {
    pagination: { data: list, size: 1, alias: "p" },
    permalink: (data: PaginatedData<T>) => data.p.url,
  };
}
