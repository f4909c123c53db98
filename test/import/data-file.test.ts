import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseDataYaml } from "../../scripts/lib/import/data-file.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";

const dataDir = path.join(repoRoot, "scripts/data");

describe("the importer's data files", () => {
  // The files were read with the `yaml` package until the import parsed them faster:
  // what each holds must not change with the parser.
  for (const name of readdirSync(dataDir).filter((f) => f.endsWith(".yaml"))) {
    it(`${name} reads as the yaml package reads it`, () => {
      const text = readFileSync(path.join(dataDir, name), "utf8");
      expect(parseDataYaml(text)).toEqual(YAML.parse(text));
    });
  }

  it("keeps dates and yes/no words as text (YAML 1.2's core schema)", () => {
    expect(parseDataYaml("- 2025-03-01\n- yes\n- no\n- on")).toEqual([
      "2025-03-01",
      "yes",
      "no",
      "on",
    ]);
  });

  it("rejects a key given twice", () => {
    expect(() => parseDataYaml("a: 1\na: 2\n")).toThrow();
  });
});
