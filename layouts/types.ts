import type { Archive } from "../scripts/lib/site/archive.ts";
import type { Site } from "../scripts/lib/site/site.ts";

/**
 * What templates receive: types only. How a template becomes pages (one per
 * item of a prepared list, or one page) is in scripts/lib/site/pages.ts.
 */

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
