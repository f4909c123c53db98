import type { TagSummary } from "../tags.ts";
import { type ListPage, pageKind, paginate } from "./kind.ts";

export interface AuthorPage extends ListPage {
  author: TagSummary;
}

/** Each author's articles, paginated (spellings of one name are one author, as with tags). */
export const authorPages = pageKind({
  name: "author",
  pages: (ix): AuthorPage[] =>
    ix.authors.flatMap((author) =>
      paginate(ix.byAuthor.get(author) ?? [], ix.pageSize, author.url).map((page) => ({
        ...page,
        author,
      })),
    ),
});
