import { renderTagIndex } from "../../layouts/tag-index.ts";
import { type PageData, singlePage } from "../../layouts/types.ts";
import { URLS } from "../../scripts/lib/site/archive.ts";

/** Every tag with its article count, most used first. */
export const data = singlePage(URLS.tags);

export function render({ site, archive }: PageData): string {
  return renderTagIndex(site, archive, "count");
}
