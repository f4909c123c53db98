import { describe, expect, it } from "vitest";
import {
  type QueryOutcome,
  type SearchEvaluation,
  targetsMissed,
} from "../helpers/search-evaluation.ts";

/** `npm run eval:search -- --check` fails CI on these: each target must be able to fail. */

function evaluation(outcomes: Partial<QueryOutcome>[], over: Partial<SearchEvaluation> = {}) {
  const full = outcomes.map(
    (o, i) =>
      ({
        query: { query: `q${i}`, kind: "spelling", expect: ["a.md"] },
        results: ["a.md"],
        recall: 1,
        reciprocalRank: 1,
        ok: true,
        ...o,
      }) as QueryOutcome,
  );
  return {
    outcomes: full,
    recallAt10: 1,
    mrr: 1,
    empty: { ok: 10, total: 10 },
    ordered: { ok: 1, total: 1 },
    excluded: { ok: 3, total: 3 },
    ...over,
  } satisfies SearchEvaluation;
}

describe("the search evaluation's targets", () => {
  const enough = Array.from({ length: 40 }, () => ({}));

  it("are met by a perfect run", () => {
    expect(targetsMissed("search", evaluation(enough))).toEqual([]);
  });

  it("are missed by a query that must find nothing and finds something, or an article not kept out", () => {
    expect(targetsMissed("search", evaluation(enough, { empty: { ok: 9, total: 10 } }))).toEqual([
      "must-find-nothing 9/10",
    ]);
    expect(targetsMissed("search", evaluation(enough, { excluded: { ok: 2, total: 3 } }))).toEqual([
      "kept out 2/3",
    ]);
  });

  it("are missed by low recall or MRR, dates out of order, or too few queries to mean anything", () => {
    expect(targetsMissed("search", evaluation(enough, { recallAt10: 0.9 }))).toEqual([
      "recall@10 0.9 < 0.95",
    ]);
    expect(targetsMissed("search", evaluation(enough, { mrr: 0.5 }))).toEqual(["MRR 0.5 < 0.9"]);
    expect(targetsMissed("search", evaluation(enough, { ordered: { ok: 0, total: 1 } }))).toEqual([
      "newest-first order 0/1",
    ]);
    expect(targetsMissed("search", evaluation([{}]))).toEqual(["queries 1 < 40"]);
    expect(targetsMissed("search-proclitics", evaluation(enough))).toEqual([
      "bare-word queries 0 < 30",
    ]);
  });
});
