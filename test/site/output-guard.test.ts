import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, unsafeOutput } from "../../scripts/lib/paths.ts";
import { tempDir } from "../helpers/tmp.ts";

/** A build empties its output folder first: it must refuse one that holds sources. */
describe("the build's output folder", () => {
  const sources = ["content", "raw", "layouts", "scripts"].map((d) => path.join(repoRoot, d));

  it.each([
    ["raw", /overlap raw/],
    ["content", /overlap content/],
    ["content/articles", /overlap content/],
    [".", /holds the repository/],
    ["..", /holds the repository/],
    [".git/x", /\.git/],
  ])("refuses %s", (output, reason) => {
    expect(unsafeOutput(path.join(repoRoot, output), sources)).toMatch(reason);
  });

  it.each(["_site", "dist/site", "/tmp/nashra-site"])("accepts %s", (output) => {
    expect(unsafeOutput(path.resolve(repoRoot, output), sources)).toBeUndefined();
  });

  it("makes the command exit 2 and leaves the folder as it was", () => {
    const root = tempDir();
    const input = path.join(root, "content");
    mkdirSync(input);
    writeFileSync(path.join(input, "keep.md"), "# kept\n");
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/build.ts", "--input", input, "--output", input],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^build: refusing --output .*holds sources/m);
    expect(readdirSync(input)).toEqual(["keep.md"]);
  });
});
