import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { ArticleImage } from "../../scripts/lib/article-file.ts";
import type { Article } from "../../scripts/lib/import/article.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { day, fixtureArticle } from "../helpers/articles.ts";
import { fileHashes } from "../helpers/files.ts";
import { linkTemplates, runBuild } from "../helpers/fixture-site.ts";
import { keptPhoto } from "../helpers/photos.ts";
import { tempDirListedInOrderMade } from "../helpers/tmp.ts";

/**
 * `npm run build -- --incremental` renders only the pages whose content
 * changed. Its promise: the output is byte-identical to a full build of the
 * same content — checked here after additions, edits, retitles and removals
 * that ripple into neighbours, related lists, tag pages, feeds and shards.
 */

const _run = promisify(execFile);

const md = (title: string, fields: Partial<Article> = {}, body = [`نص خبر «${title}».`]) =>
  fixtureArticle(title, fields, body);

let root: string;
let content: string;
const article = (rel: string) => path.join(content, "articles", rel);
const write = (rel: string, text: string) => {
  mkdirSync(path.dirname(article(rel)), { recursive: true });
  writeFileSync(article(rel), text);
};

async function build(
  output: string,
  cache: string,
  incremental: boolean,
  env: Record<string, string> = {},
  extra: string[] = [],
) {
  const args = ["--input", content, "--output", output, ...extra];
  if (incremental) args.push("--incremental");
  return runBuild(args, { NASHRA_CACHE_DIR: cache, ...env });
}

/** "N of M generated pages rendered" from the build's report. */
function rendered(stdout: string): { rendered: number; pages: number } {
  const m = /incrementally: (\d+) of (\d+) generated pages rendered/.exec(stdout);
  if (!m) throw new Error(`not an incremental build:\n${stdout}`);
  return { rendered: Number(m[1]), pages: Number(m[2]) };
}

const photos: ArticleImage[] = [];

beforeAll(async () => {
  // Where a folder lists its files in the order they were made, as Pagefind then meets a
  // shard's pages: an update writes them in another order than a full build.
  root = tempDirListedInOrderMade("nashra-incremental-");
  content = path.join(root, "content");
  linkTemplates(path.join(repoRoot, "content"), content);
  // Photos: one on an article that goes, one that stays, one for a new article.
  photos.push(
    await keptPhoto(content, 30),
    await keptPhoto(content, 130),
    await keptPhoto(content, 230),
    // Only a figure inside an article's text.
    await keptPhoto(content, 180),
  );
  // Three years of articles; tags shared widely (بغداد), by some (العراق) and by one (دمشق).
  for (let n = 1; n <= 45; n++) {
    const year = 2022 + (n % 3);
    const date = `${year}-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + (n % 27)).padStart(2, "0")}`;
    const tags = ["بغداد", ...(n % 4 === 0 ? ["العراق"] : []), ...(n === 7 ? ["دمشق"] : [])];
    write(
      `${date.slice(0, 4)}/${date.slice(5, 7)}/khabar-${n}.md`,
      md(`خبر رقم ${n}`, {
        date: day(date),
        tags,
        ...(n === 7 ? { image: photos[0] as ArticleImage } : {}),
        ...(n === 3 ? { image: photos[1] as ArticleImage } : {}),
        ...(n === 5 ? { figures: [{ after: 1, ...(photos[3] as ArticleImage) }] } : {}),
      }),
    );
  }
  // Two untagged neighbours: what one page shows of the other is only the neighbour link.
  write("2026/03/lone-1.md", md("خبر منفرد أول", { date: day("2026-03-01") }));
  write("2026/03/lone-2.md", md("خبر منفرد ثان", { date: day("2026-03-02") }));
  write("undated/a.md", md("خبر بلا تاريخ", { related: ["خبر رقم 3"], tags: ["العراق"] }));
  write("undated/b.md", md("خبر آخر بلا تاريخ"));
});

describe("an incremental build", () => {
  it("renders nothing when nothing changed, and the same site as a full build after changes", async () => {
    const output = path.join(root, "site");
    const cache = path.join(root, "cache");
    const first = await build(output, cache, true);
    expect(first).toContain("(full build: no previous build into this folder)");
    const before = fileHashes(output);

    const again = rendered(await build(output, cache, true));
    expect(again.rendered).toBe(0);
    expect(fileHashes(output)).toEqual(before);

    // A day of changes: new articles (the newest, and one in a year the archive
    // did not have), a corrected body, a retitled article (its neighbours and
    // related lists show the title), an article removed with the only use of its tag.
    write(
      "2025/01/jadid.md",
      md("خبر جديد من الموصل", {
        date: day("2025-01-15"),
        tags: ["بغداد", "الموصل"],
        image: photos[2] as ArticleImage,
      }),
    );
    write("2021/06/qadim.md", md("خبر قديم", { date: day("2021-06-01"), tags: ["العراق"] }));
    const edited = readFileSync(article("2023/02/khabar-1.md"), "utf8").replace(
      "نص خبر",
      "نص مصحح لخبر",
    );
    write("2023/02/khabar-1.md", edited);
    const retitled = readFileSync(article("2024/03/khabar-2.md"), "utf8").replace(
      "title: خبر رقم 2",
      "title: خبر معدل",
    );
    write("2024/03/khabar-2.md", retitled);
    write("2026/03/lone-1.md", md("خبر منفرد أول معدل", { date: day("2026-03-01") }));
    rmSync(article("2023/08/khabar-7.md"));
    rmSync(article("undated/b.md"));

    const update = rendered(await build(output, cache, true));
    expect(update.rendered).toBeGreaterThan(0);
    expect(update.rendered).toBeLessThan(update.pages / 2);

    const fresh = path.join(root, "fresh");
    await build(fresh, path.join(root, "fresh-cache"), false);
    const full = fileHashes(fresh);
    const incremental = fileHashes(output);
    expect(Object.keys(incremental)).toEqual(Object.keys(full));
    expect(Object.keys(full).filter((f) => full[f] !== incremental[f])).toEqual([]);
    // What the changes removed is gone: the removed articles, the tag only one of them had.
    expect(Object.keys(full).some((f) => f.includes("khabar-7"))).toBe(false);
    expect(Object.keys(full).some((f) => f.startsWith(`tags${path.sep}دمشق`))).toBe(false);
    expect(before[path.join("tags", "دمشق", "index.html")]).toBeDefined();
    // The removed article's photo files went with it; the others are there.
    const photoFiles = (p: ArticleImage | undefined) =>
      Object.keys(full).filter((f) => f.startsWith(path.join("img", p?.src.slice(9, 33) ?? "?")));
    expect(
      Object.keys(before).some((f) =>
        f.startsWith(path.join("img", photos[0]?.src.slice(9, 33) ?? "?")),
      ),
    ).toBe(true);
    expect(photoFiles(photos[0])).toEqual([]);
    expect(photoFiles(photos[1])).toHaveLength(6);
    expect(photoFiles(photos[2])).toHaveLength(6);
    expect(photoFiles(photos[3])).toHaveLength(6);
  }, 180_000);

  it("in parts, an update's all in one process, also gives the site a full build gives", async () => {
    const output = path.join(root, "site-parts");
    const cache = path.join(root, "cache-parts");
    await build(output, cache, true, {}, ["--parts", "2"]);
    write("2026/04/akhir.md", md("آخر خبر", { date: day("2026-04-01"), tags: ["العراق"] }));
    // A new article among the shard's others (its page's path sorts between theirs): the
    // shard's folder, its other pages written ahead, must be as a full build writes it.
    write("2023/06/jadid.md", md("خبر جديد بينها", { date: day("2023-06-15"), tags: ["بغداد"] }));
    rmSync(article("undated/a.md"));
    // The article with the second photo: its files must go, though no part renders it.
    rmSync(article("2022/04/khabar-3.md"));
    // An article of the new one's shard edited: what Pagefind reads of its page changes.
    write(
      "2023/11/khabar-10.md",
      md("خبر رقم 10", { date: day("2023-11-11"), tags: ["بغداد"] }, ["نص خبر معدل باليد."]),
    );
    const update = await build(output, cache, true, {}, ["--parts", "2"]);
    // Two parts to an update's process: both in one.
    expect(update).toMatch(
      /in 2 parts \(1 process\), incrementally: \d+ of \d+ generated pages rendered, [1-9]\d* removed/,
    );
    // With a core left for it, the index started on the article pages of the new articles'
    // shards, rendered first, while the other pages rendered…
    // …and the other pages of the new article's shard were written for Pagefind meanwhile.
    if (os.availableParallelism() > 1)
      expect(update).toMatch(
        /; started [\d.]+ s in, on the new articles' shards while the other pages rendered; [1-9]\d* pages written for Pagefind ahead\)/,
      );
    // Nothing of theirs, nor of the shard's folder, is left in the search cache.
    expect(readdirSync(path.join(cache, "pagefind")).filter((f) => f.includes(".tmp-"))).toEqual(
      [],
    );
    const fresh = path.join(root, "fresh-2");
    await build(fresh, path.join(root, "fresh-cache-2"), false);
    expect(fileHashes(output)).toEqual(fileHashes(fresh));
    const img = path.join("img", photos[1]?.src.slice(9, 33) ?? "?");
    expect(Object.keys(fileHashes(output)).filter((f) => f.startsWith(img))).toEqual([]);
  }, 180_000);

  it("in more parts than cores, runs several parts in a process and still gives the site a full build gives", async () => {
    const output = path.join(root, "site-grouped");
    const cache = path.join(root, "cache-grouped");
    const parts = Math.max(5, os.availableParallelism() + 1);
    await build(output, cache, true, {}, ["--parts", String(parts)]);
    write("2026/05/jadid.md", md("خبر جديد آخر", { date: day("2026-05-02"), tags: ["بغداد"] }));
    write(
      "2024/07/taht.md",
      md("خبر في منتصف الأرشيف", { date: day("2024-07-09"), tags: ["العراق"] }),
    );
    const update = await build(output, cache, true, {}, ["--parts", String(parts)]);
    expect(update).toMatch(
      new RegExp(
        `in ${parts} parts \\(${Math.min(os.availableParallelism(), Math.ceil(parts / 2))} process(?:es)?\\), incrementally: [1-9]\\d* of \\d+ generated pages rendered`,
      ),
    );
    const fresh = path.join(root, "fresh-3");
    await build(fresh, path.join(root, "fresh-cache-3"), false);
    expect(fileHashes(output)).toEqual(fileHashes(fresh));
  }, 180_000);

  it("renders everything again when the configuration changes, or the output is not the last build's", async () => {
    // The first test's incremental build (its folder and cache) is the last build here
    // (built now when this test runs alone).
    const output = path.join(root, "site");
    const cache = path.join(root, "cache");
    if (!existsSync(path.join(output, "index.html"))) await build(output, cache, true);
    const moved = await build(output, cache, true, {
      NASHRA_BASE_URL: "https://archive.example.net",
    });
    expect(moved).toContain("(full build: templates, code or configuration changed)");
    rmSync(path.join(output, "index.html"));
    const emptied = await build(output, cache, true, {
      NASHRA_BASE_URL: "https://archive.example.net",
    });
    expect(emptied).toContain("(full build: the output folder is not the last build's)");
    expect(readFileSync(path.join(output, "sitemap.xml"), "utf8")).toContain(
      "https://archive.example.net/",
    );
  }, 180_000);
});
