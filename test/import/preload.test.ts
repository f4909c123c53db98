import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { modulesOf, specifiersOf } from "../../scripts/lib/code-key.ts";
import { IMPORTER_ENTRIES } from "../../scripts/lib/import/cache.ts";
import { IMPORTER_PACKAGES } from "../../scripts/lib/import/preload-packages.js";
import { repoRoot } from "../../scripts/lib/paths.ts";

describe("the import's preload", () => {
  it("loads exactly the packages the import command's modules import", () => {
    // A package left out costs the import its start time again; one no module imports is loaded for nothing.
    const packages = new Set<string>();
    for (const module of modulesOf(["scripts/import.ts", ...IMPORTER_ENTRIES])) {
      for (const spec of specifiersOf(readFileSync(path.join(repoRoot, module), "utf8")))
        if (!spec.startsWith(".") && !spec.startsWith("node:")) packages.add(spec);
    }
    expect([...IMPORTER_PACKAGES].sort()).toEqual([...packages].sort());
  });
});
