import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nestsTooDeep } from "../../scripts/lib/import/json-depth.ts";

/** How deeply a JSON value nests, counted on the value itself. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === "object")
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe("the nesting guard on untrusted JSON", () => {
  it("counts the nesting of any JSON text exactly, brackets inside strings not counted", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, limit) => {
        expect(nestsTooDeep(JSON.stringify(value), limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 500 },
    );
    expect(nestsTooDeep(JSON.stringify({ a: '[[[[{{{{\\"[[[[' }), 1)).toBe(false);
  });

  it("stops a text nested 50,000 deep in one pass", () => {
    expect(nestsTooDeep(`${"[".repeat(50_000)}${"]".repeat(50_000)}`)).toBe(true);
  });
});
