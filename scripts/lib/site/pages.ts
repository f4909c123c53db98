import type { PageData, PaginatedData } from "../../../layouts/types.ts";
import type { Archive } from "./archive.ts";
import { activePlan } from "./render-plan.ts";

/**
 * How a template becomes pages: one per item of a list the archive prepared,
 * or a single page. Both follow the active render plan, so an incremental
 * build renders only pages whose key changed and a build in parts renders
 * only its own share.
 */

/**
 * The data export of a template that renders one page per item of a list the
 * archive prepared (`archive.pages.tag`, …): Eleventy paginates one item at a
 * time under the alias `p`, at the URL the archive computed for it.
 */
export function onePagePerItem<T>(
  list: string,
  options: {
    /** The page's URL (default: the item's `url`). */
    url?: (item: T) => string;
    /**
     * Everything the page shows besides the item itself, when the template reads
     * more of the archive (counts, other lists): part of the page's key, so an
     * incremental build renders the page again when it changes.
     */
    alsoShows?: (item: T, archive: Archive) => unknown;
    /** The page's key data in full, replacing the item and `alsoShows`. */
    key?: (item: T, archive: Archive) => unknown;
  } = {},
) {
  const urlOf = options.url ?? ((item: T) => (item as { url: string }).url);
  return {
    pagination: {
      data: list,
      size: 1,
      alias: "p",
      // An incremental build renders only the pages whose key changed (scripts/lib/site/render-plan.ts).
      before: (items: T[], data: PageData) => {
        const plan = activePlan();
        if (!plan) return items;
        const keyOf = (item: T) =>
          options.key
            ? options.key(item, data.archive)
            : [item, options.alsoShows?.(item, data.archive) ?? null];
        return plan.select(
          items,
          urlOf,
          keyOf,
          data.archive.keyReplacer,
          plan.partitionFor(data.archive.articles),
        );
      },
    },
    permalink: (data: PaginatedData<T>) => urlOf(data.p),
  };
}

/**
 * The data export of a template that renders one page not generated from a
 * list (404, search, the tag index…). A build split into parts renders it in
 * part 0 only.
 */
export function singlePage(url: string) {
  return { permalink: () => (activePlan()?.rendersSinglePages === false ? false : url) };
}
