import { compareStrings } from "../files.ts";
import type { ArchiveArticle } from "./archive-article.ts";
import type { TagSummary } from "./tags.ts";

/** What related articles are found from: the archive's order and its tags. */
export interface RelatedIndex {
  /** In archive order (newest first). */
  articles: readonly ArchiveArticle[];
  byPath: ReadonlyMap<string, number>;
  tagByName: ReadonlyMap<string, TagSummary>;
  /** Each tag's articles, in archive order. */
  byTag: ReadonlyMap<TagSummary, ArchiveArticle[]>;
}

/**
 * Articles that share tags with this one, most related first: shared tags
 * weighted by rarity (a shared rare tag says more than a shared «مصر»),
 * then nearness in time. Only the neighbourhood of the article in its
 * rarest tags' lists is scored, so the cost does not grow with the archive.
 * Rarity is how common the tag was as of the article — its articles from
 * the oldest up to the newest neighbour scored — in classes (the count
 * rounded up to a power of two). So the lists stay put as the archive
 * grows: a day's new articles change the related lists of the articles
 * near them in a tag, not of every article sharing a tag whose count they
 * take past a power of two (measured on the benchmark's 10,300 articles:
 * 100 new ones changed 986 older lists with the tag's whole count, 279 with
 * this), and an incremental build re-renders only those.
 */
export function relatedByTags(index: RelatedIndex, relPath: string, limit = 5): ArchiveArticle[] {
  const i = index.byPath.get(relPath);
  const self = i === undefined ? undefined : index.articles[i];
  if (!self || i === undefined) return [];
  // Each of its tags with where the article stands in the tag's list, and how common the tag
  // was as of the article: its articles up to the newest neighbour looked at.
  const seen = new Set<TagSummary>();
  const tags: { tag: TagSummary; places: Int32Array; at: number; rarity: number }[] = [];
  for (const name of self.tags) {
    const tag = index.tagByName.get(name);
    if (tag === undefined || tag.count <= 1 || seen.has(tag)) continue;
    seen.add(tag);
    const places = placesOf(index, tag);
    const at = lowerBound(places, i);
    tags.push({
      tag,
      places,
      at,
      rarity: rarityClass(places.length - Math.max(0, at - RELATED_WINDOW)),
    });
  }
  tags.sort((a, b) => a.rarity - b.rarity || compareStrings(a.tag.slug, b.tag.slug));
  // Scores by place in the archive's order.
  const scores = new Map<number, number>();
  for (const { places, at, rarity } of tags.slice(0, RELATED_TAGS)) {
    const end = Math.min(places.length, at + RELATED_WINDOW + 1);
    for (let k = Math.max(0, at - RELATED_WINDOW); k < end; k++) {
      const other = places[k] as number;
      if (other === i) continue;
      scores.set(other, (scores.get(other) ?? 0) + 1 / rarity);
    }
  }
  const pathAt = (place: number) => (index.articles[place] as ArchiveArticle).path;
  return [...scores]
    .map(([place, score]) => ({ place, score, distance: Math.abs(place - i) }))
    .sort(
      (x, y) =>
        y.score - x.score ||
        x.distance - y.distance ||
        compareStrings(pathAt(x.place), pathAt(y.place)),
    )
    .slice(0, limit)
    .map((r) => index.articles[r.place] as ArchiveArticle);
}

/**
 * A tag's articles as their places in the archive's order (ascending, as the
 * tag's list is), computed once a list: finding an article in a list and
 * its distance to others are then comparisons of numbers, not lookups by path.
 */
function placesOf(index: RelatedIndex, tag: TagSummary): Int32Array {
  const list = index.byTag.get(tag) ?? [];
  let places = placesCache.get(list);
  if (!places) {
    places = Int32Array.from(list, (a) => index.byPath.get(a.path) as number);
    placesCache.set(list, places);
  }
  return places;
}
const placesCache = new WeakMap<readonly ArchiveArticle[], Int32Array>();

/** How many of an article's rarest tags, and how many neighbours in each, related articles come from. */
const RELATED_TAGS = 4;
export const RELATED_WINDOW = 12;

/** 1 for a tag of 2 articles, 2 up to 4, 3 up to 8, …: how common a tag is, in steps. */
function rarityClass(count: number): number {
  return Math.ceil(Math.log2(count));
}

/** First index of an ascending list whose value is at least `value`. */
function lowerBound(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) >= value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
