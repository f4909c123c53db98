import { URLS } from "../urls.ts";
import { pageKind, paginate } from "./kind.ts";

/** The home page: every article, newest first, paginated (a first page even when the archive is empty). */
export const homePages = pageKind({
  name: "home",
  pages: (ix) => paginate(ix.articles, ix.pageSize, URLS.home, true),
});
