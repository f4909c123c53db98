import { URLS } from "../urls.ts";
import { pageKind, paginate } from "./kind.ts";

/** Articles without a date, alphabetically (a first page even when there are none). */
export const undatedPages = pageKind({
  name: "undated",
  pages: (ix) => paginate(ix.undated, ix.pageSize, URLS.undated, true),
});
