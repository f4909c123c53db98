import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateSegments,
  aggregateShingles,
  scoreDates,
  segmentCounts,
  shingleScore,
  shingles,
  titleMatches,
  titleScores,
  tokens,
} from "../../scripts/lib/evaluate-real/metrics.ts";

/** The metrics of ../shared/realpages/README.md, checked on cases worked out by hand. */
describe("the real-pages metrics", () => {
  it("tokenises as Python's \\w+: letters and digits of any script, marks split a word", () => {
    expect(tokens("Hello, world_1 — 2020!")).toEqual(["Hello", "world_1", "2020"]);
    expect(tokens("قالَ الوزير")).toEqual(["قال", "الوزير"]);
    expect(tokens("مُحمد")).toEqual(["م", "حمد"]);
    expect(tokens("東京 ٢٠٢٠")).toEqual(["東京", "٢٠٢٠"]);
  });

  it("counts 4-token shingles as a multiset, one shorter shingle for 1–3 tokens, none for none", () => {
    expect([...shingles("a b c d e").entries()]).toEqual([
      ["a b c d", 1],
      ["b c d e", 1],
    ]);
    expect([...shingles("a b c d a b c d").values()].reduce((x, y) => x + y, 0)).toBe(5);
    expect(shingles("a b c d a b c d").get("a b c d")).toBe(2);
    expect([...shingles("one two").keys()]).toEqual(["one two"]);
    expect(shingles("").size).toBe(0);
  });

  it("scores a page by its share of shared, extra and missing shingles", () => {
    // gold: 3 shingles; output: 2 of them and 1 extra.
    const s = shingleScore("a b c d e f", "a b c d e x");
    expect(s.tp).toBeCloseTo(2 / 4);
    expect(s.fp).toBeCloseTo(1 / 4);
    expect(s.fn).toBeCloseTo(1 / 4);
    expect(shingleScore("a b c d", "")).toEqual({ tp: 0, fp: 0, fn: 1, nonEmpty: false });
  });

  it("averages precision over pages with output and recall over all pages", () => {
    const pages = [shingleScore("a b c d e", "a b c d e"), shingleScore("a b c d e", "")];
    const s = aggregateShingles(pages);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBeCloseTo(2 / 3);
  });

  it("gives an output equal to the gold 1 on both, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (text) => {
        const s = shingleScore(text, text);
        if (tokens(text).length === 0) return;
        expect(s.tp).toBe(1);
        expect(aggregateShingles([s]).f1).toBe(1);
      }),
    );
  });

  it("finds trafilatura's segments after folding white space, and counts them micro", () => {
    const c = segmentCounts(
      "Eines der großen\n  Probleme, ist",
      ["Eines der großen Probleme,", "fehlt"],
      ["ist", "Newsletter"],
    );
    expect(c).toEqual({ tp: 1, fn: 1, fp: 1, tn: 1 });
    expect(segmentCounts(undefined, ["a"], ["b"])).toEqual({ tp: 0, fn: 1, fp: 0, tn: 1 });
    const s = aggregateSegments([c, { tp: 3, fn: 0, fp: 0, tn: 3 }]);
    expect(s.precision).toBe(4 / 5);
    expect(s.recall).toBe(4 / 5);
    expect(s.accuracy).toBe(8 / 10);
    expect(s.f).toBe(8 / 10);
  });

  it("scores dates by the day: a miss, a hit, another day, and a page whose gold is null", () => {
    const s = scoreDates([
      { gold: "2020-04-24", found: undefined },
      { gold: "2020-04-24", found: "2020-04-24T21:22:00+02:00" },
      { gold: "2020-04-24", found: "2020-04-25" },
      { gold: null, found: "2020-04-24" },
    ]);
    expect(s).toMatchObject({ tp: 1, fp: 2, fn: 1, pages: 4 });
    expect(s.accuracy).toBe(0.25);
  });

  it("takes a headline as right when it is a page headline or a run of 4+ of its tokens", () => {
    const page = ["Troops leave Ain al-Asad base | World News", "Troops leave Ain al-Asad base"];
    expect(titleMatches("troops leave ain al-asad base", page)).toBe(true);
    expect(titleMatches("Troops leave Ain al-Asad", page)).toBe(true);
    expect(titleMatches("World News", page)).toBe(false);
    expect(titleMatches("Skip to main content", page)).toBe(false);
    expect(titleMatches("", page)).toBe(false);
  });

  it("compares titles exactly and by words, authors by words", () => {
    expect(titleScores("Bohren,  bis es heiß wird", "Bohren, bis es heiß wird")).toEqual({
      exact: true,
      words: true,
    });
    expect(titleScores("bohren bis es heiß wird", "Bohren, bis es heiß wird")).toEqual({
      exact: false,
      words: true,
    });
    expect(titleScores(undefined, "x").words).toBe(false);
  });
});
