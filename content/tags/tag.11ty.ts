import { namePageKey, renderNamePage } from "../../layouts/name-page.ts";
import type { PaginatedData } from "../../layouts/types.ts";
import type { TagPage } from "../../scripts/lib/site/page-kinds/tag.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** One tag: its articles, newest first, paginated, with its feed. */
export const data = onePagePerItem<TagPage>("archive.pages.tag", {
  key: ({ tag, ...page }, archive) => namePageKey(archive, page, tag),
});

export function render({ site, archive, p }: PaginatedData<TagPage>): string {
  return renderNamePage(
    site,
    archive,
    p,
    p.tag,
    { label: site.t.tags, url: URLS.tags },
    site.t.countWithTag,
  );
}
