import type { PageData } from "../layouts/types.ts";
import { singlePage } from "../scripts/lib/site/pages.ts";
import { URLS } from "../scripts/lib/site/urls.ts";

/**
 * The tag names the search page's tag filter suggests, most used first, as a
 * JSON array: loaded by the search page's script only when the reader first
 * goes to the tag box (search.11ty.ts says why).
 */
export const data = singlePage(URLS.searchTags);

export function render({ archive }: PageData): string {
  return `${JSON.stringify(archive.tags.map((tag) => tag.name))}\n`;
}
