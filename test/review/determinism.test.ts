import { execFile } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { splitArticleFile } from "../../scripts/lib/article-file.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { viaTsx } from "../helpers/command.ts";
import { fileHashes } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

/**
 * The same commit gives byte-identical content/ and _site/ (Pagefind's bundle
 * included) on machines set to different time zones and locales, with no
 * cache carried over — what CI and a reviewer's laptop must agree on.
 */

const run = promisify(execFile);

const MACHINES = {
  utc: { TZ: "UTC", LANG: "C", LC_ALL: "C" },
  baghdad: { TZ: "Asia/Baghdad", LANG: "ar_EG.UTF-8", LC_ALL: "ar_EG.UTF-8" },
} as const;
type Machine = keyof typeof MACHINES;

async function command(machine: Machine, script: string, args: string[]): Promise<void> {
  await run(...viaTsx([script, ...args]), {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...MACHINES[machine],
      // No cache is shared between the two "machines": each indexes and imports from scratch.
      NASHRA_CACHE_DIR: tempDir("nashra-cache-"),
      NASHRA_PATH_PREFIX: "",
      NASHRA_CONTENT_DIR: "",
      NASHRA_OUTPUT_DIR: "",
    },
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe("the same commit on two machines", () => {
  const sites = {} as Record<Machine, string>;
  const imports = {} as Record<Machine, string>;

  beforeAll(async () => {
    // The two machines side by side: each one's import, then its build.
    await Promise.all(
      (Object.keys(MACHINES) as Machine[]).map(async (machine) => {
        sites[machine] = path.join(tempDir("nashra-det-"), "_site");
        imports[machine] = path.join(tempDir("nashra-det-"), "articles");
        await command(machine, "scripts/import.ts", ["--in", "raw", "--out", imports[machine]]);
        await command(machine, "scripts/build.ts", ["--output", sites[machine]]);
      }),
    );
  }, 300_000);

  it("imports raw/ to byte-identical markdown, the markdown committed in content/", () => {
    const committed = fileHashes(path.join(repoRoot, "content/articles"));
    delete committed["articles.11tydata.json"];
    expect(fileHashes(imports.utc)).toEqual(fileHashes(imports.baghdad));
    expect(fileHashes(imports.utc)).toEqual(committed);
  });

  it("builds a byte-identical _site/, search index included", () => {
    const a = fileHashes(sites.utc);
    const b = fileHashes(sites.baghdad);
    expect(Object.keys(a).filter((f) => f.startsWith("pagefind/")).length).toBeGreaterThan(10);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    const differing = Object.keys(a).filter((f) => a[f] !== b[f]);
    expect(differing).toEqual([]);
  });

  it("takes no date from the clock: today appears nowhere in the site", () => {
    const today = new Date().toISOString().slice(0, 10);
    const hits = Object.keys(fileHashes(sites.utc)).filter(
      (f) =>
        /\.(html|xml|json|txt)$/.test(f) &&
        readFileSync(path.join(sites.utc, f), "utf8").includes(today),
    );
    expect(hits).toEqual([]);
  });
});

describe("a pull request that changes one dump", () => {
  it("changes exactly one markdown file", async () => {
    const root = tempDir("nashra-one-");
    const raw = path.join(root, "raw");
    const out = path.join(root, "articles");
    cpSync(path.join(repoRoot, "raw"), raw, { recursive: true });
    // The archive as committed: the import of raw/ (the first suite checks that it is).
    cpSync(path.join(repoRoot, "content/articles"), out, { recursive: true });
    const before = fileHashes(out);

    // A corrected word in one paragraph of the specimen.
    const specimen = path.join(raw, "000_de5a449507217197.txt");
    const text = readFileSync(specimen, "utf8");
    expect(text).toContain("بغداد");
    writeFileSync(specimen, text.replace("بغداد", "بغدادَ"));
    await command("baghdad", "scripts/import.ts", ["--in", raw, "--out", out]);
    const after = fileHashes(out);

    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(Object.keys(after).filter((f) => after[f] !== before[f])).toHaveLength(1);
  }, 120_000);
});

describe("the committed markdown is built for line diffs", () => {
  const files = Object.keys(fileHashes(path.join(repoRoot, "content/articles"))).filter((f) =>
    f.endsWith(".md"),
  );

  it("has the sample archive's articles to check (an empty list would pass every check below)", () => {
    expect(files.length).toBeGreaterThanOrEqual(16);
  });

  it.each(files)("%s: LF, final newline, no trailing spaces, one paragraph per line", (file) => {
    const text = readFileSync(path.join(repoRoot, "content/articles", file), "utf8");
    expect(text).not.toContain("\r");
    expect(text.endsWith("\n") && !text.endsWith("\n\n")).toBe(true);
    expect(text.split("\n").filter((line) => /[ \t\u00A0]$/.test(line))).toEqual([]);
    const { head, body: afterFrontMatter } = splitArticleFile(text) ?? { head: "", body: "" };
    expect(afterFrontMatter.startsWith("\n")).toBe(true);
    const body = afterFrontMatter.slice(1).trimEnd().split("\n");
    // Paragraph, blank, paragraph…: no paragraph is wrapped over two lines.
    expect(body.map((line) => line === "")).toEqual(body.map((_, i) => i % 2 === 1));
    const keys = head
      .split("\n")
      .filter((l) => /^[a-z]+:/.test(l))
      .map((l) => l.slice(0, l.indexOf(":")));
    const order = [
      "title",
      "date",
      "lang",
      "dir",
      "author",
      "section",
      "image",
      "tags",
      "related",
      "source",
      "imported",
    ];
    expect(keys.filter((k) => !order.includes(k))).toEqual([]);
    expect(keys).toEqual([...keys].sort((x, y) => order.indexOf(x) - order.indexOf(y)));
  });
});
