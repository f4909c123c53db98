import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { modulesOf, specifiersOf } from "../../scripts/lib/code-key.ts";
import { IMPORTER_ENTRIES } from "../../scripts/lib/import/cache.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";

/**
 * The layers of the code, as the architecture has them: shared helpers
 * (scripts/lib/*.ts) below the importer and the site; the importer and the
 * site never loading each other; the browser's code loading nothing of Node.
 */

const packagesOf = (file: string) =>
  specifiersOf(readFileSync(path.join(repoRoot, file), "utf8")).filter((s) => !s.startsWith("."));

describe("the code's layers", () => {
  it("the search page's script loads nothing of Node and no package", () => {
    const modules = modulesOf(["scripts/browser/search-page.ts"]);
    expect(modules).toContain("scripts/browser/search-client.ts");
    for (const m of modules) expect(packagesOf(m), m).toEqual([]);
  });

  it("the site build does not load the importer, nor the importer the site", () => {
    const site = modulesOf([".eleventy.ts", "scripts/build.ts"]);
    expect(site).toContain("scripts/lib/site/archive.ts");
    expect(site.filter((m) => m.startsWith("scripts/lib/import/"))).toEqual([]);
    const importer = modulesOf(IMPORTER_ENTRIES);
    expect(
      importer.filter((m) => /^scripts\/lib\/(site|search|review)\/|^scripts\/browser\//.test(m)),
    ).toEqual([]);
  });

  it("the shared helpers (scripts/lib/*.ts, the article file's owner among them) load neither the importer nor the site", () => {
    const shared = readdirSync(path.join(repoRoot, "scripts/lib"))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => `scripts/lib/${f}`);
    expect(shared).toContain("scripts/lib/article-file.ts");
    for (const file of shared)
      expect(
        modulesOf([file]).filter((m) => /^scripts\/lib\/[^/]+\//.test(m)),
        file,
      ).toEqual([]);
  });

  it("the library loads nothing from the tests", () => {
    const entries = [".eleventy.ts", "scripts/build.ts", ...IMPORTER_ENTRIES];
    expect(modulesOf(entries).filter((m) => m.startsWith("test/"))).toEqual([]);
  });
});
