import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { evaluateSearch, type SearchEvaluation } from "../../scripts/lib/search/evaluate.ts";

/**
 * The search evaluation (test/fixtures/search), through the real search page
 * in Chromium, keeps its figures: recall@10 and MRR high, every query that
 * must find nothing (page furniture, related headlines, a word the archive
 * does not hold) finding nothing, and newest-first in date order.
 */
describe("the search evaluation sets", () => {
  it("meets its targets", async () => {
    const result = await evaluateSearch(path.join(repoRoot, "test/fixtures/search"));
    const misses = missesOf(result);
    expect(result.outcomes.length).toBeGreaterThanOrEqual(40);
    expect(result.recallAt10, misses).toBeGreaterThanOrEqual(0.95);
    expect(result.mrr, misses).toBeGreaterThanOrEqual(0.9);
    expect(result.empty.ok, misses).toBe(result.empty.total);
    expect(result.ordered.ok, misses).toBe(result.ordered.total);
  }, 600_000);

  it("finds a word held only after a one-letter proclitic, and never what is left of a word of its own", async () => {
    const result = await evaluateSearch(path.join(repoRoot, "test/fixtures/search-proclitics"));
    const misses = missesOf(result);
    expect(
      result.outcomes.filter((o) => o.query.kind === "proclitic-bare").length,
    ).toBeGreaterThanOrEqual(30);
    expect(result.empty.total).toBeGreaterThanOrEqual(10);
    expect(result.recallAt10, misses).toBeGreaterThanOrEqual(0.95);
    expect(result.empty.ok, misses).toBe(result.empty.total);
    expect(result.excluded.ok, misses).toBe(result.excluded.total);
  }, 600_000);
});

function missesOf(result: SearchEvaluation): string {
  return result.outcomes
    .filter((o) => !o.ok)
    .map(
      (o) =>
        `«${o.query.query}» ${JSON.stringify(o.query.filters ?? {})}: expected ${o.query.expect}, got ${o.results.slice(0, 10)}`,
    )
    .join("\n");
}
