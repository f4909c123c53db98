import { namePageKey, renderNamePage } from "../../layouts/name-page.ts";
import type { PaginatedData } from "../../layouts/types.ts";
import type { AuthorPage } from "../../scripts/lib/site/page-kinds/author.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";
import { URLS } from "../../scripts/lib/site/urls.ts";

/** The articles of an author, newest first, paginated, with its feed. */
export const data = onePagePerItem<AuthorPage>("archive.pages.author", {
  key: ({ author, ...page }, archive) => namePageKey(archive, page, author),
});

export function render({ site, archive, p }: PaginatedData<AuthorPage>): string {
  return renderNamePage(
    site,
    archive,
    p,
    p.author,
    { label: site.t.authors, url: URLS.authors },
    site.t.countByAuthor,
  );
}
