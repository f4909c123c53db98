import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankTogether, yearsReadInFull } from "../../scripts/browser/search-client.ts";

/** A shard's results: scores (whole numbers, so that ties happen), tagged with where they came from. */
const shardResults = fc.array(
  fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 6 }).map((scores) => scores),
  { maxLength: 5 },
);

function tagged(shards: number[][]) {
  return shards.map((scores, tier) => ({
    tier,
    results: scores.map((score, i) => ({ score, at: `${tier}:${i}` })),
  }));
}

describe("the shards' results ranked together", () => {
  it("by date: one shard after another, newest first, each in its own order, whatever order they were read in", () => {
    fc.assert(
      fc.property(shardResults, fc.integer(), (shards, seed) => {
        const all = tagged(shards);
        const shuffled = [...all].sort(
          (a, b) => ((a.tier * 7919 + seed) % 13) - ((b.tier * 7919 + seed) % 13),
        );
        expect(rankTogether(shuffled, true).map((r) => r.at)).toEqual(
          all.flatMap((s) => s.results.map((r) => r.at)),
        );
      }),
    );
  });

  it("by relevance: every result once, highest score first, ties in shard order, then in the shard's own order", () => {
    fc.assert(
      fc.property(shardResults, (shards) => {
        const all = tagged(shards);
        const ranked = rankTogether([...all].reverse(), false);
        expect(ranked.map((r) => r.at).sort()).toEqual(
          all.flatMap((s) => s.results.map((r) => r.at)).sort(),
        );
        for (let i = 1; i < ranked.length; i++) {
          const [a, b] = [ranked[i - 1], ranked[i]] as [(typeof ranked)[0], (typeof ranked)[0]];
          expect(a.score).toBeGreaterThanOrEqual(b.score);
          if (a.score === b.score) {
            const [ta, ia] = a.at.split(":").map(Number) as [number, number];
            const [tb, ib] = b.at.split(":").map(Number) as [number, number];
            expect(ta < tb || (ta === tb && ia < ib)).toBe(true);
          }
        }
      }),
    );
  });
});

describe("the years a partial search has read", () => {
  const shards = [
    { id: "2025-12", years: ["2025"], path: "/p/a/", pages: 5000 },
    { id: "2025-05", years: ["2025"], path: "/p/b/", pages: 4000 },
    { id: "2023-2024", years: ["2024", "2023"], path: "/p/c/", pages: 3000 },
    { id: "undated", years: [], path: "/p/d/", pages: 30 },
  ];
  it("are the years whose shards have all been read: half a year is not a year read", () => {
    expect(yearsReadInFull(shards, 0)).toEqual([]);
    expect(yearsReadInFull(shards, 1)).toEqual([]);
    expect(yearsReadInFull(shards, 2)).toEqual(["2025"]);
    expect(yearsReadInFull(shards, 3)).toEqual(["2025", "2024", "2023"]);
    expect(yearsReadInFull(shards, 4)).toEqual(["2025", "2024", "2023"]);
  });
});
