import { namePageKey, renderNamePage } from "../../layouts/name-page.ts";
import type { PaginatedData } from "../../layouts/types.ts";
import type { SectionPage } from "../../scripts/lib/site/page-kinds/section.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** The articles of a section, newest first, paginated, with its feed. */
export const data = onePagePerItem<SectionPage>("archive.pages.section", {
  key: ({ section, ...page }, archive) => namePageKey(archive, page, section),
});

export function render({ site, archive, p }: PaginatedData<SectionPage>): string {
  return renderNamePage(
    site,
    archive,
    p,
    p.section,
    { label: site.t.sections, url: URLS.sections },
    site.t.countInSection,
  );
}
