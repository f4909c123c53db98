import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { bundledModule } from "../../scripts/lib/code-bundle.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { tempDir } from "../helpers/tmp.ts";

const run = promisify(execFile);

/** Plain Node, no tsx: what a worker thread started on a bundle is. */
async function plainNode(code: string): Promise<string> {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code], {
    cwd: tempDir(),
  });
  return stdout.trim();
}

describe("the code bundled for worker threads", () => {
  // Inside the repository, as the real folder is: the bundle's packages resolve from its node_modules.
  const folder = path.join(repoRoot, "node_modules", ".cache", `nashra-test-${process.pid}`);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("is one module plain Node runs, that finds the repository from where it is written", async () => {
    const file = bundledModule("scripts/lib/paths.ts", folder);
    expect(file && path.basename(file)).toMatch(/^paths-[0-9a-f]{16}\.mjs$/);
    const url = pathToFileURL(file as string).href;
    expect(await plainNode(`console.log((await import(${JSON.stringify(url)})).repoRoot)`)).toBe(
      repoRoot,
    );
  });

  it("holds the extraction worker, which loads the pipeline's data without tsx", async () => {
    const file = bundledModule("scripts/lib/import/extract-worker.ts", folder);
    expect(file).toBeDefined();
    const url = pathToFileURL(file as string).href;
    // Outside a worker thread it only loads the gazetteer and word lists, found from the repository.
    expect(await plainNode(`await import(${JSON.stringify(url)}); console.log("loaded")`)).toBe(
      "loaded",
    );
  }, 30_000);

  it("is written once for the same code, and bundles of other code go after a day", () => {
    const own = path.join(folder, "own");
    mkdirSync(own, { recursive: true });
    const old = path.join(own, "paths-0000000000000000.mjs");
    const recent = path.join(own, "paths-1111111111111111.mjs");
    const other = path.join(own, "code-key-0000000000000000.mjs");
    for (const f of [old, recent, other]) writeFileSync(f, "export {};\n");
    const twoDaysAgo = (Date.now() - 2 * 24 * 3600 * 1000) / 1000;
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    utimesSync(other, twoDaysAgo, twoDaysAgo);

    const file = bundledModule("scripts/lib/paths.ts", own) as string;
    // Written through a temporary file of its own, which does not stay.
    expect(readdirSync(own).filter((f) => f.includes(".tmp-"))).toEqual([]);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(other)).toBe(true);

    const written = statSync(file).mtimeMs;
    utimesSync(file, twoDaysAgo, twoDaysAgo);
    expect(bundledModule("scripts/lib/paths.ts", own)).toBe(file);
    expect(statSync(file).mtimeMs).toBeLessThan(written);
  });

  it("is not made where it cannot be written: the caller runs the TypeScript", () => {
    const blocker = path.join(tempDir(), "a-file");
    writeFileSync(blocker, "");
    expect(bundledModule("scripts/lib/paths.ts", path.join(blocker, "bundles"))).toBeUndefined();
  });
});
