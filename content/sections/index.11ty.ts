import { renderNameIndex } from "../../layouts/name-index.ts";
import type { PageData } from "../../layouts/types.ts";
import { singlePage } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** Every section (سياسة، اقتصاد، رياضة…) with its article count, largest first. */
export const data = singlePage(URLS.sections);

export function render({ site, archive }: PageData): string {
  return renderNameIndex(site, {
    url: URLS.sections,
    title: site.t.sections,
    names: archive.sectionList,
    noun: site.t.nouns.section,
    lead: site.t.sectionsInArchive,
    empty: site.t.noSections,
  });
}
