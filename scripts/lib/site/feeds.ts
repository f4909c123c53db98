import type { ArchiveArticle } from "./archive-article.ts";
import type { TagSummary } from "./tags.ts";
import { URLS } from "./urls.ts";

/** An Atom and a JSON feed of the newest dated articles: the whole archive, or one tag. */
export interface Feed {
  title: string;
  /** The HTML page the feed follows. */
  htmlUrl: string;
  atomUrl: string;
  jsonUrl: string;
  items: ArchiveArticle[];
}

/** Entries in a feed. */
const FEED_SIZE = 20;
/**
 * The archive's feed, and one for each page of a name (a tag, an author, a
 * section). Feeds follow dated articles only: an entry needs a date.
 */
export function feedsOf(
  dated: ArchiveArticle[],
  named: readonly { name: TagSummary; list: ReadonlyMap<TagSummary, ArchiveArticle[]> }[],
): Feed[] {
  const feed = (title: string, htmlUrl: string, items: ArchiveArticle[]): Feed => ({
    title,
    htmlUrl,
    atomUrl: URLS.atom(htmlUrl),
    jsonUrl: URLS.json(htmlUrl),
    items: items.filter((a) => a.date !== undefined).slice(0, FEED_SIZE),
  });
  return [
    feed("", URLS.home, dated),
    ...named.map(({ name, list }) => feed(name.name, name.url, list.get(name) ?? [])),
  ];
}
