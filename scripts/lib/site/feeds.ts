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
/** The archive's feed and one per tag. Feeds follow dated articles only: an entry needs a date. */
export function feedsOf(
  dated: ArchiveArticle[],
  tags: readonly TagSummary[],
  byTag: ReadonlyMap<TagSummary, ArchiveArticle[]>,
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
    ...tags.map((tag) => feed(tag.name, tag.url, byTag.get(tag) ?? [])),
  ];
}
