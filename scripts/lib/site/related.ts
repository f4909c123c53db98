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

/** relatedByTags' scores by place, zero between calls (see there). */
let scoreBuffer = new Float64Array(0);

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
  // Scores by place in the archive's order, in a buffer shared by the calls (each clears
  // what it scored): a Map an article was most of the cost, at every build, for every article.
  if (scoreBuffer.length < index.articles.length)
    scoreBuffer = new Float64Array(index.articles.length);
  const scores = scoreBuffer;
  const scored: number[] = [];
  for (const { places, at, rarity } of tags.slice(0, RELATED_TAGS)) {
    const end = Math.min(places.length, at + RELATED_WINDOW + 1);
    for (let k = Math.max(0, at - RELATED_WINDOW); k < end; k++) {
      const other = places[k] as number;
      if (other === i) continue;
      if (scores[other] === 0) scored.push(other);
      scores[other] = (scores[other] as number) + 1 / rarity;
    }
  }
  const pathAt = (place: number) => (index.articles[place] as ArchiveArticle).path;
  const best = firstInOrder(
    scored,
    limit,
    (x, y) =>
      (scores[y] as number) - (scores[x] as number) ||
      Math.abs(x - i) - Math.abs(y - i) ||
      compareStrings(pathAt(x), pathAt(y)),
  );
  for (const place of scored) scores[place] = 0;
  return best.map((place) => index.articles[place] as ArchiveArticle);
}

/**
 * The first `count` items in the order `compare` gives (a strict order: no
 * two items equal), as sorting them all and taking the first would give —
 * by one pass keeping the best few.
 */
export function firstInOrder<T>(
  items: readonly T[],
  count: number,
  compare: (a: T, b: T) => number,
): T[] {
  const best: T[] = [];
  if (count <= 0) return best;
  for (const item of items) {
    if (best.length === count && compare(item, best[count - 1] as T) >= 0) continue;
    let at = best.length;
    while (at > 0 && compare(item, best[at - 1] as T) < 0) at--;
    best.splice(at, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
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
