import type { TagSummary } from "../tags.ts";
import { type ListPage, pageKind, paginate } from "./kind.ts";

export interface TagPage extends ListPage {
  tag: TagSummary;
}

/** Each tag's articles, paginated. */
export const tagPages = pageKind({
  name: "tag",
  pages: (ix): TagPage[] =>
    ix.tags.flatMap((tag) =>
      paginate(ix.byTag.get(tag) ?? [], ix.pageSize, tag.url).map((page) => ({ ...page, tag })),
    ),
});
