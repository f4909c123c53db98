import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Archive } from "../../scripts/lib/site/archive.ts";
import { firstInOrder, RELATED_WINDOW } from "../../scripts/lib/site/related.ts";
import { archiveArticle } from "../helpers/articles.ts";

const article = (path: string, date: string, tags: string[]) =>
  archiveArticle(path, { date, tags });

/** The n-th day after 2020-01-01, as an ISO date. */
const dayAfter = (n: number) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10);

const relatedPaths = (archive: Archive, path: string) =>
  archive.relatedByTags(path).map((a) => a.path);

describe("related articles", () => {
  it("rank a shared rare tag above a shared common one, even from further away in time", () => {
    const articles = [
      article("x.md", dayAfter(100), ["نادر", "مصر"]),
      article("rare.md", dayAfter(10), ["نادر"]),
      ...Array.from({ length: 30 }, (_, k) => article(`common-${k}.md`, dayAfter(99 - k), ["مصر"])),
    ];
    const related = relatedPaths(new Archive(articles, 20), "x.md");
    expect(related[0]).toBe("rare.md");
    expect(related.slice(1)).toEqual(["common-0.md", "common-1.md", "common-2.md", "common-3.md"]);
  });

  it("of an older article stay put when a day's new articles take its tag's count past a power of two", () => {
    // x shares «ا» with 14 later articles and «ب» with 19 nearer ones. Two new articles
    // tagged «ا» take the tag from 15 to 17 articles; they are far from x in the tag's list.
    const old = [
      article("x.md", dayAfter(0), ["ا", "ب"]),
      ...Array.from({ length: 19 }, (_, k) => article(`b-${k}.md`, dayAfter(1 + k), ["ب"])),
      ...Array.from({ length: 14 }, (_, k) => article(`a-${k}.md`, dayAfter(40 + k), ["ا"])),
    ];
    const fresh = [
      article("new-1.md", dayAfter(2000), ["ا"]),
      article("new-2.md", dayAfter(2001), ["ا"]),
    ];
    const before = relatedPaths(new Archive(old, 20), "x.md");
    expect(before).toHaveLength(5);
    expect(relatedPaths(new Archive([...old, ...fresh], 20), "x.md")).toEqual(before);
  });

  it("of an article are unchanged by newer articles that come nowhere near it in any of its tags", () => {
    // Eight tags, some much more common than others (as in an archive: «مصر» and a village).
    const tagNames = ["ا", "ب", "ت", "ث", "ج", "ح", "خ", "د"];
    const tagArb = fc
      .noBias(fc.nat({ max: 63 }))
      .map((n) => tagNames[Math.floor((n * n) / 512)] as string);
    const tagsArb = fc.uniqueArray(tagArb, { minLength: 1, maxLength: 4 });
    let checked = 0;
    fc.assert(
      fc.property(
        fc.array(tagsArb, { minLength: 40, maxLength: 120, size: "max" }),
        fc.array(tagsArb, { minLength: 1, maxLength: 20, size: "max" }),
        (oldTags, newTags) => {
          const old = oldTags.map((tags, k) => article(`o-${k}.md`, dayAfter(k), tags));
          const fresh = newTags.map((tags, k) => article(`n-${k}.md`, dayAfter(1000 + k), tags));
          const before = new Archive(old, 20);
          const after = new Archive([...old, ...fresh], 20);
          for (const a of old) {
            // Far from the newest end in each of its tags: RELATED_WINDOW newer articles between
            // (a tag of its own is not: a new article with it is related).
            const far = a.tags.every((t) => {
              const tag = before.tagByName.get(t);
              return (
                tag !== undefined && (before.byTag.get(tag) ?? []).indexOf(a) >= RELATED_WINDOW
              );
            });
            if (!far) continue;
            checked++;
            expect(relatedPaths(after, a.path)).toEqual(relatedPaths(before, a.path));
          }
        },
      ),
      { numRuns: 100 },
    );
    // Not vacuous: thousands of articles were far enough to be checked.
    expect(checked).toBeGreaterThan(1000);
  });

  it("are the first of their candidates in the ranking's order, as sorting them all would give", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 201, maxLength: 201 }),
        (items, count, score) => {
          // Ties on the score broken by the item itself, as the ranking breaks them by path.
          const compare = (a: number, b: number) =>
            (score[b] as number) - (score[a] as number) || a - b;
          expect(firstInOrder(items, count, compare)).toEqual(
            [...items].sort(compare).slice(0, count),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
