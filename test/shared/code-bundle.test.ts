import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  bundledModule,
  bundleFolder,
  renderBundle,
  sourceKey,
} from "../../scripts/lib/code-bundle.js";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { fixtureArticle } from "../helpers/articles.ts";
import { fileHashes } from "../helpers/files.ts";
import { DEVELOPER_SETTINGS_CLEARED, linkTemplates, runBuild } from "../helpers/fixture-site.ts";
import { fileWriter, tempDir } from "../helpers/tmp.ts";

const run = promisify(execFile);

/** Plain Node, no tsx: what a worker thread started on a bundle is. */
async function plainNode(code: string): Promise<string> {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code], {
    cwd: tempDir(),
  });
  return stdout.trim();
}

describe("the code bundled for a command or worker threads", () => {
  // Inside the repository, as the real folder is: the bundle's packages resolve from its node_modules.
  const folder = path.join(repoRoot, "node_modules", ".cache", `nashra-test-${process.pid}`);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("is one module plain Node runs, that finds the repository from where it is written", async () => {
    const file = bundledModule("scripts/lib/paths.ts", { root: repoRoot, folder });
    expect(file && path.basename(file)).toMatch(/^paths-[0-9a-f]{16}\.mjs$/);
    const url = pathToFileURL(file as string).href;
    expect(await plainNode(`console.log((await import(${JSON.stringify(url)})).repoRoot)`)).toBe(
      repoRoot,
    );
  });

  it("holds the extraction worker, which loads the pipeline's data without tsx", async () => {
    const file = bundledModule("scripts/lib/import/extract-worker.ts", { root: repoRoot, folder });
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

    const file = bundledModule("scripts/lib/paths.ts", { root: repoRoot, folder: own }) as string;
    // Written through a temporary file of its own, which does not stay.
    expect(readdirSync(own).filter((f) => f.includes(".tmp-"))).toEqual([]);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(other)).toBe(true);

    const written = statSync(file).mtimeMs;
    utimesSync(file, twoDaysAgo, twoDaysAgo);
    expect(bundledModule("scripts/lib/paths.ts", { root: repoRoot, folder: own })).toBe(file);
    expect(statSync(file).mtimeMs).toBeLessThan(written);
  });

  it("is not made where it cannot be written: the caller runs the TypeScript", () => {
    const blocker = path.join(tempDir(), "a-file");
    writeFileSync(blocker, "");
    expect(
      bundledModule("scripts/lib/paths.ts", {
        root: repoRoot,
        folder: path.join(blocker, "bundles"),
      }),
    ).toBeUndefined();
  });

  it("is named by every source it could hold: a change anywhere under scripts/ or layouts/ is another bundle", () => {
    const root = tempDir();
    const write = fileWriter(root);
    write("scripts/cmd.ts", 'import { x } from "./lib/x.ts";\nconsole.log(x);\n');
    write("scripts/lib/x.ts", "export const x = 1;\n");
    write("layouts/page.ts", "export const page = 1;\n");
    write("nashra.config.ts", "export default {};\n");
    const first = sourceKey("scripts/cmd.ts", root);
    expect(sourceKey("scripts/cmd.ts", root)).toBe(first);
    // Not a source: the articles, the dumps.
    write("content/articles/a.md", "---\ntitle: a\n---\n");
    expect(sourceKey("scripts/cmd.ts", root)).toBe(first);
    const keys = new Set([first, sourceKey("scripts/other.ts", root)]);
    for (const [rel, text] of [
      ["scripts/lib/x.ts", "export const x = 2;\n"],
      ["scripts/lib/new.ts", "export {};\n"],
      ["layouts/page.ts", "export const page = 2;\n"],
      ["nashra.config.ts", "export default { site: {} };\n"],
      ["tsconfig.json", "{}\n"],
    ] as const) {
      write(rel, text);
      keys.add(sourceKey("scripts/cmd.ts", root));
    }
    expect(keys.size).toBe(7);
  });

  it("is not made again for the same code: the bundle of that code is used as it is", () => {
    const own = path.join(folder, "kept");
    const expected = path.join(own, `paths-${sourceKey("scripts/lib/paths.ts", repoRoot)}.mjs`);
    mkdirSync(own, { recursive: true });
    writeFileSync(expected, "export const kept = true;\n");
    expect(bundledModule("scripts/lib/paths.ts", { root: repoRoot, folder: own })).toBe(expected);
    expect(readFileSync(expected, "utf8")).toBe("export const kept = true;\n");
  });
});

describe("a render part's bundle (renderBundle)", () => {
  const folder = path.join(repoRoot, "node_modules", ".cache", `nashra-test-render-${process.pid}`);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const preload = pathToFileURL(path.join(repoRoot, "scripts/lib/site/preload-packages.js")).href;

  /** A content folder with the repository's templates (linked, as the benchmark's) and two articles. */
  function contentFolder(): string {
    const content = path.join(tempDir(), "content");
    linkTemplates(path.join(repoRoot, "content"), content);
    const write = fileWriter(path.join(content, "articles"));
    for (const [n, date] of [
      [1, "2024-05-02"],
      [2, "2025-01-09"],
    ] as const) {
      write(
        `${date.slice(0, 4)}/${date.slice(5, 7)}/khabar-${n}.md`,
        fixtureArticle(`خبر رقم ${n}`, { date: { kind: "day", iso: date }, tags: ["بغداد"] }, [
          `نص الخبر ${n} عن بغداد والقاهرة.`,
        ]),
      );
    }
    return content;
  }

  it("renders without tsx the site the build renders through tsx", async () => {
    const content = contentFolder();
    const bundle = renderBundle({ root: repoRoot, input: content, folder });
    expect(bundle && path.basename(bundle.module)).toMatch(/^render-[0-9a-f]{16}\.mjs$/);
    const out = tempDir();
    const env = {
      ...process.env,
      ...DEVELOPER_SETTINGS_CLEARED,
      NASHRA_CACHE_DIR: path.join(out, "cache"),
    };
    const args = ["--input", content, "--parts", "1", "--output"];
    // Plain Node: the bundle's own configuration and templates, nothing through tsx.
    const { stdout } = await run(
      process.execPath,
      ["--import", preload, bundle?.module as string, ...args, path.join(out, "bundled")],
      { cwd: repoRoot, env, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(stdout).toMatch(/Built \d+ pages/);
    await runBuild([...args, path.join(out, "tsx")], { NASHRA_CACHE_DIR: path.join(out, "cache") });
    const bundled = fileHashes(path.join(out, "bundled"));
    expect(Object.keys(bundled).filter((f) => f.startsWith("articles/"))).toHaveLength(2);
    expect(bundled).toEqual(fileHashes(path.join(out, "tsx")));
  }, 120_000);

  it("is named by the content folder's templates too: one fewer is another bundle", () => {
    const content = contentFolder();
    const first = renderBundle({ root: repoRoot, input: content, folder })?.module;
    expect(renderBundle({ root: repoRoot, input: content, folder })?.module).toBe(first);
    rmSync(path.join(content, "robots.11ty.ts"));
    const second = renderBundle({ root: repoRoot, input: content, folder })?.module;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    // Its registration module was a temporary file: only bundles and the configuration stay.
    expect(readdirSync(folder).filter((f) => !/^render-[0-9a-f]{16}\.mjs$/.test(f))).toEqual([
      "eleventy-render-config.mjs",
    ]);
  }, 60_000);

  it("is not made from a template whose imports do not resolve: the parts then run through tsx", () => {
    const content = contentFolder();
    writeFileSync(path.join(content, "stray.11ty.ts"), 'export { render } from "./nowhere.ts";\n');
    expect(renderBundle({ root: repoRoot, input: content, folder })).toBeUndefined();
  });
});

describe("a command run bundled (run-bundled.js)", () => {
  const launcher = path.join(repoRoot, "scripts/lib/run-bundled.js");

  it("runs the command without tsx, with the command's own arguments", async () => {
    const { stdout } = await run(process.execPath, [launcher, "scripts/import.ts", "--help"], {
      cwd: repoRoot,
    });
    expect(stdout).toMatch(/^usage: npm run import -- \[--in DIR\]/);
    // Run from its bundle, made of this code.
    const key = sourceKey("scripts/import.ts", repoRoot);
    expect(existsSync(path.join(bundleFolder(repoRoot), `import-${key}.mjs`))).toBe(true);
  }, 30_000);

  it("runs through tsx what cannot be bundled, which then reports the error with its place", async () => {
    const broken = path.join(tempDir(), "broken.ts");
    writeFileSync(broken, "const x: number = ;\n");
    const failed = await run(process.execPath, [launcher, broken], { cwd: repoRoot }).then(
      () => undefined,
      (error: { stderr: string }) => error,
    );
    expect(failed?.stderr).toContain("broken.ts:1");
  }, 30_000);
});
