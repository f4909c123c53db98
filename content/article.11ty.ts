import { renderArticle } from "../layouts/article.ts";
import type { PaginatedData } from "../layouts/types.ts";
import type { ArchiveArticle } from "../scripts/lib/site/archive-article.ts";
import { onePagePerItem } from "../scripts/lib/site/pages.ts";

/**
 * Every article, one page each. The markdown files under articles/ are data,
 * not templates: the archive index has read their front matter once, and the
 * body is rendered with the site's markdown-it when the page is. Paginating
 * over the archive costs Eleventy far less per page than one template per file
 * (no per-file data cascade or dependency graph), and lets an incremental
 * build skip every article whose page would not change.
 */
export const data = onePagePerItem<ArchiveArticle>("archive.articles", {
  key: (a, archive) => archive.articlePageKey(a),
});

export function render({ site, archive, p }: PaginatedData<ArchiveArticle>): string {
  return renderArticle(site, archive, p);
}
