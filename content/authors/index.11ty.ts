import { renderNameIndex } from "../../layouts/name-index.ts";
import type { PageData } from "../../layouts/types.ts";
import { singlePage } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** Every author the archive names, with their article counts, most prolific first. */
export const data = singlePage(URLS.authors);

export function render({ site, archive }: PageData): string {
  return renderNameIndex(site, {
    url: URLS.authors,
    title: site.t.authors,
    names: archive.authors,
    noun: site.t.nouns.author,
    lead: site.t.authorsInArchive,
    empty: site.t.noAuthors,
  });
}
