import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluateImport, percent } from "../../scripts/lib/import/evaluate.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { pipelineContext } from "../helpers/context.ts";

/**
 * The evaluation sets' targets (issue: import real-world dumps): title and
 * date 100%, paragraphs at least 98%, no boilerplate line in any body.
 */
describe.each(["eval", "eval-heldout"])("the import evaluation set test/fixtures/%s", (set) => {
  it("meets the targets", async () => {
    const result = await evaluateImport(
      path.join(repoRoot, "test/fixtures", set),
      pipelineContext(),
    );
    const report = result.misses.join("\n");
    expect(percent(result.fields.outcome), report).toBe(100);
    expect(percent(result.fields.title), report).toBe(100);
    expect(percent(result.fields.date), report).toBe(100);
    expect(percent(result.fields.paragraphs), report).toBeGreaterThanOrEqual(98);
    expect(result.extraParagraphs, report).toBe(0);
    expect(result.fields.title?.total).toBeGreaterThan(20);
  });
});
