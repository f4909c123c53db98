import { describe, expect, it } from "vitest";
import { codeKeyOf, importsOf, modulesOf } from "../../scripts/lib/code-key.ts";
import { IMPORTER_ENTRIES } from "../../scripts/lib/import/cache.ts";
import { fileWriter, tempDir } from "../helpers/tmp.ts";

/** A small repository: a.ts → b.ts → c/d.ts (dynamically), e.ts on its own. */
function tree(): { root: string; write: (rel: string, text: string) => void } {
  const root = tempDir("nashra-code-key-");
  const write = fileWriter(root);
  write("package-lock.json", "{}");
  write("a.ts", 'import { b } from "./b.ts";\nimport YAML from "yaml";\nexport const a = b;\n');
  write("b.ts", 'export const b = 1;\nexport const d = () => import("./c/d.ts");\n');
  write("c/d.ts", 'export * from "../e-not-imported.ts";\n');
  write("e-not-imported.ts", "export const e = 2;\n");
  write("e.ts", "export const e = 3;\n");
  write("data.yaml", "x: 1\n");
  return { root, write };
}

describe("a cache's code key", () => {
  it("covers every module its entries reach, through static, re-exporting and dynamic imports", () => {
    const { root } = tree();
    expect(modulesOf(["a.ts"], root)).toEqual(["a.ts", "b.ts", "c/d.ts", "e-not-imported.ts"]);
  });

  it("changes when any reached module, a data file or the dependencies change — and only then", () => {
    const { root, write } = tree();
    const key = () => codeKeyOf(["a.ts"], ["data.yaml"], root);
    const first = key();
    write("e.ts", "export const e = 4;\n");
    expect(key()).toBe(first);
    for (const [file, text] of [
      ["c/d.ts", 'export * from "../e-not-imported.ts";\n// changed\n'],
      ["e-not-imported.ts", "export const e = 5;\n"],
      ["data.yaml", "x: 2\n"],
      ["package-lock.json", '{"v":2}'],
    ] as const) {
      const before = key();
      write(file, text);
      expect(key(), file).not.toBe(before);
    }
  });

  it("does not take an import shown in a comment for code", () => {
    expect(
      importsOf('/** e.g. import { x } from "./x.ts" */\n// import "./y.ts"\nconst z = 1;'),
    ).toEqual([]);
    expect(importsOf('import "./side-effect.ts";\nimport type { T } from "./t.ts";')).toEqual([
      "./side-effect.ts",
      "./t.ts",
    ]);
  });

  it("of the importer reaches all its stages, and of the archive the HTML helpers its excerpts use", () => {
    const importer = modulesOf(IMPORTER_ENTRIES);
    for (const m of [
      "scripts/lib/import/pipeline.ts",
      "scripts/lib/import/html/clean.ts",
      "scripts/lib/import/text/headline.ts",
      "scripts/lib/arabic.ts",
      "nashra.config.ts",
    ])
      expect(importer).toContain(m);
    expect(modulesOf(["scripts/lib/site/archive.ts"])).toContain("scripts/lib/site/html.ts");
  });
});
