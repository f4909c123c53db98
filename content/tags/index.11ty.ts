import { renderTagIndex } from "../../layouts/tag-index.ts";
import type { PageData } from "../../layouts/types.ts";
import { singlePage } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** Every tag with its article count, most used first. */
export const data = singlePage(URLS.tags);

export function render({ site, archive }: PageData): string {
  return renderTagIndex(site, archive, "count");
}
