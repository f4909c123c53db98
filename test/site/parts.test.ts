import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { ArticleImage } from "../../scripts/lib/article-file.ts";
import type { Article } from "../../scripts/lib/import/article.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { fixtureArticle } from "../helpers/articles.ts";
import { viaTsx } from "../helpers/command.ts";
import { fileHashes } from "../helpers/files.ts";
import { linkTemplates, runBuild } from "../helpers/fixture-site.ts";
import { keptPhoto } from "../helpers/photos.ts";
import { tempDir } from "../helpers/tmp.ts";

/**
 * A build split into parts — processes side by side on one machine, or
 * machines whose outputs `npm run merge` puts together — gives the same site,
 * byte for byte, as one build.
 */

const run = promisify(execFile);

const md = (title: string, fields: Partial<Article>) =>
  fixtureArticle(title, fields, [`نص خبر «${title}» عن بغداد.`]);

let root: string;
let content: string;
let single: Record<string, string>;
let singleStdout: string;

function build(output: string, args: string[] = []): Promise<string> {
  return runBuild(["--input", content, "--output", output, ...args], {
    NASHRA_CACHE_DIR: path.join(root, "cache"),
    // A shard per year: six shards to deal to three parts.
    NASHRA_SHARD_MERGE_PAGES: "0",
  });
}

beforeAll(async () => {
  root = tempDir("nashra-parts-");
  content = path.join(root, "content");
  linkTemplates(path.join(repoRoot, "content"), content);
  // Photos on articles that fall in different parts: each part makes its own, none removes another's.
  const photos: ArticleImage[] = [];
  for (const r of [40, 120, 200]) photos.push(await keptPhoto(content, r, 300, 200));
  for (let n = 1; n <= 40; n++) {
    const year = 2020 + (n % 5);
    const date = `${year}-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`;
    const file = path.join(
      content,
      "articles",
      n % 8 === 0 ? "undated" : `${year}/${date.slice(5, 7)}`,
      `khabar-${n}.md`,
    );
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      md(`خبر رقم ${n}`, {
        ...(n % 8 === 0 ? {} : { date: { kind: "day", iso: date } }),
        tags: ["بغداد", ...(n % 3 === 0 ? ["العراق"] : [])],
        ...(n % 4 === 1 ? { image: photos[n % 3] as ArticleImage } : {}),
        // Figures showing the same photos from articles of other parts.
        ...(n % 5 === 2
          ? { figures: [{ after: 1, ...(photos[(n + 1) % 3] as ArticleImage) }] }
          : {}),
      }),
    );
  }
  singleStdout = await build(path.join(root, "single"), ["--parts", "1"]);
  single = fileHashes(path.join(root, "single"));
}, 120_000);

describe("a build in parts", () => {
  it("run side by side on one machine, gives the site one process gives", async () => {
    const stdout = await build(path.join(root, "side-by-side"), ["--parts", "3"]);
    expect(stdout).toContain("in 3 parts");
    expect(fileHashes(path.join(root, "side-by-side"))).toEqual(single);
    // And says it built as many pages as the build in one process.
    const built = (out: string) => /Built (\d+) pages/.exec(out)?.[1];
    expect(built(stdout)).toBeDefined();
    expect(built(stdout)).toBe(built(singleStdout));
  }, 120_000);

  it("built as separate parts and merged, gives the same site, each part indexing its own shards", async () => {
    const parts = [1, 2, 3].map((k) => path.join(root, `part-${k}`));
    for (const [i, dir] of parts.entries()) await build(dir, ["--part", `${i + 1}/3`]);
    // The parts share no page: each article page, listing and shard is in one part only.
    const seen = new Map<string, number>();
    for (const dir of parts)
      for (const file of Object.keys(fileHashes(dir))) seen.set(file, (seen.get(file) ?? 0) + 1);
    expect(
      [...seen].filter(([file, n]) => n > 1 && file !== path.join("pagefind", "shards.json")),
    ).toEqual([]);
    const shardsOf = (dir: string) =>
      (
        JSON.parse(readFileSync(path.join(dir, "pagefind/shards.json"), "utf8")) as {
          shards: { id: string }[];
        }
      ).shards.map((s) => s.id);
    expect(parts.flatMap(shardsOf).sort()).toEqual([
      "2020",
      "2021",
      "2022",
      "2023",
      "2024",
      "undated",
    ]);

    const merged = path.join(root, "merged");
    const { stdout } = await run(
      ...viaTsx(["scripts/merge-sites.ts", "--output", merged, ...parts]),
      {
        cwd: repoRoot,
      },
    );
    expect(stdout).toMatch(/Merged 3 parts .*6 search shards \(40 articles\)/);
    expect(fileHashes(merged)).toEqual(single);
  }, 180_000);

  it("stops at an article file that is not one, naming it and why in one message", async () => {
    const broken = path.join(root, "broken");
    linkTemplates(path.join(repoRoot, "content"), broken);
    const file = path.join(broken, "articles", "2024", "03", "khabar.md");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, md("خبر", { date: { kind: "day", iso: "2024-03-01" } }));
    writeFileSync(path.join(path.dirname(file), "mafsul.md"), "---\ntitle: [\n---\nنص\n");
    const failure = await runBuild(
      ["--input", broken, "--output", path.join(root, "broken-out"), "--parts", "2"],
      { NASHRA_CACHE_DIR: path.join(root, "broken-cache") },
    ).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    const lines = (failure?.stderr ?? "").trim().split("\n");
    expect(lines[0]).toMatch(
      /^build: content\/articles\/2024\/03\/mafsul\.md: front matter is not valid YAML/,
    );
    // The file and the reason, not a stack trace or a part's log.
    expect(failure?.stderr).not.toMatch(/^\s+at /m);
    expect(failure?.stderr).not.toContain("[11ty]");
  });

  it("refuses to merge parts that disagree", async () => {
    const a = path.join(root, "part-1");
    const b = path.join(root, "odd");
    mkdirSync(b, { recursive: true });
    writeFileSync(path.join(b, "404.html"), "<p>another build</p>");
    const merging = run(
      ...viaTsx(["scripts/merge-sites.ts", "--output", path.join(root, "bad"), a, b]),
      {
        cwd: repoRoot,
      },
    );
    await expect(merging).rejects.toThrow(/404\.html differs between/);
  });
});
