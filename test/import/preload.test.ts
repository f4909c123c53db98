import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { modulesOf, specifiersOf } from "../../scripts/lib/code-key.ts";
import { IMPORTER_ENTRIES } from "../../scripts/lib/import/cache.ts";
import {
  IMPORTER_PACKAGES,
  LOADED_ON_FIRST_USE,
} from "../../scripts/lib/import/preload-packages.js";
import { repoRoot } from "../../scripts/lib/paths.ts";

describe("the import's preload", () => {
  const sources = modulesOf(["scripts/import.ts", ...IMPORTER_ENTRIES]).map((module) =>
    readFileSync(path.join(repoRoot, module), "utf8"),
  );

  it("loads exactly the packages the import command's modules import, but those loaded on first use", () => {
    // A package left out costs the import its start time again; one no module imports is loaded for nothing.
    const packages = new Set<string>();
    for (const source of sources) {
      for (const spec of specifiersOf(source))
        if (!spec.startsWith(".") && !spec.startsWith("node:")) packages.add(spec);
      // Those a module requires when it first needs them.
      for (const [, name] of source.matchAll(/createRequire\(import\.meta\.url\)\("([^"]+)"\)/g))
        packages.add(name as string);
    }
    expect([...IMPORTER_PACKAGES, ...LOADED_ON_FIRST_USE].sort()).toEqual([...packages].sort());
  });

  it("leaves the packages loaded on first use out of every module's own imports (types only)", () => {
    // One imported as a value anywhere would be loaded at every start again.
    for (const name of LOADED_ON_FIRST_USE) {
      const valueImport = new RegExp(`import\\s+(?!type\\b)[^;]*?from\\s+"${name}"`);
      const importers = sources.filter((s) => s.includes(`"${name}"`));
      expect(importers.length).toBeGreaterThan(0);
      for (const source of importers) expect(source).not.toMatch(valueImport);
    }
  });
});
