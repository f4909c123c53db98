import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ArchiveVocabulary } from "../../scripts/lib/search/proclitics.ts";
import { readArchiveVocabulary } from "../../scripts/lib/search/vocabulary.ts";
import { tempDir } from "../helpers/tmp.ts";

/** A vocabulary as plain data: every word with its count, and the languages. */
function contents(vocabulary: ArchiveVocabulary) {
  const sorted = (m: ReadonlyMap<string, number>) =>
    [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { words: sorted(vocabulary.words()), languages: sorted(vocabulary.articleLanguages()) };
}

function archive() {
  const root = tempDir("nashra-vocabulary-");
  const articles = path.join(root, "articles");
  const cacheFile = path.join(root, "cache", "vocabulary.json");
  const write = (rel: string, body: string, lang = "") => {
    const file = path.join(articles, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `---\ntitle: ${rel}\n${lang}---\n\n${body}\n`);
  };
  const fresh = async () => contents(await readArchiveVocabulary(articles));
  const cached = async (now?: number) =>
    contents(await readArchiveVocabulary(articles, { cacheFile, ...(now ? { now } : {}) }));
  return { articles, cacheFile, write, fresh, cached };
}

describe("the archive's vocabulary, kept between builds", () => {
  it("counts what reading every file afresh counts, through new, changed and removed files", async () => {
    const a = archive();
    a.write("2020/01/a.md", "انطلق المؤتمر بمشاركة عشرين دولة في بغداد");
    a.write("2020/02/b.md", "ارتفعت مشاركة النساء في الانتخابات والمسؤولون يرحبون");
    a.write("undated/c.md", "The conference opened in Baghdad", "lang: en\n");
    expect(await a.cached()).toEqual(await a.fresh());
    // Read from the cache alone: the same.
    expect(await a.cached()).toEqual(await a.fresh());
    // A new file, a changed one (a word gone, a word new), a removed one.
    a.write("2021/03/d.md", "مشاركة واسعة في بغداد والبصرة");
    a.write("2020/02/b.md", "ارتفعت نسبة النساء في الانتخابات والمسئولون يرحبون");
    rmSync(path.join(a.articles, "undated/c.md"));
    const after = await a.fresh();
    expect(await a.cached()).toEqual(after);
    expect(after.languages).toEqual([["ar", 3]]);
    // The removed file's words are gone from the cache, not only from the counts.
    expect(readFileSync(a.cacheFile, "utf8")).not.toContain("conference");
    expect(new Map(after.words).get("مشاركه")).toBe(1);
    expect(new Map(after.words).get("بغداد")).toBe(2);
  });

  it("reads every file again when the cache is not this code's or not readable", async () => {
    const a = archive();
    a.write("a.md", "انطلق المؤتمر بمشاركة عشرين دولة");
    await a.cached();
    const cache = JSON.parse(readFileSync(a.cacheFile, "utf8")) as { code: string };
    // A cache written by other folding code claims another text for the file: not believed.
    writeFileSync(
      a.cacheFile,
      JSON.stringify({ ...cache, code: "other", words: ["كلمة"], articles: {} }),
    );
    expect(await a.cached()).toEqual(await a.fresh());
    writeFileSync(a.cacheFile, "{ not json");
    expect(await a.cached()).toEqual(await a.fresh());
  });

  it("does not rewrite the cache when nothing changed", async () => {
    const a = archive();
    a.write("a.md", "انطلق المؤتمر بمشاركة عشرين دولة");
    await a.cached();
    writeFileSync(a.cacheFile, `${readFileSync(a.cacheFile, "utf8")} `);
    await a.cached();
    expect(readFileSync(a.cacheFile, "utf8").endsWith(" ")).toBe(true);
  });

  it("is written again when a tenth of the archive changed, not for each new article", async () => {
    const a = archive();
    for (let n = 0; n < 20; n++) a.write(`2020/01/${n}.md`, `خبر رقم ${n} عن بغداد`);
    const later = () => Date.now() + 60_000;
    await a.cached(later());
    writeFileSync(a.cacheFile, `${readFileSync(a.cacheFile, "utf8")} `);
    const rewritten = () => !readFileSync(a.cacheFile, "utf8").endsWith(" ");
    a.write("2020/02/x.md", "مؤتمر في البصرة");
    // Its words are counted, though the cache was not written for it.
    expect(await a.cached(later())).toEqual(await a.fresh());
    expect(rewritten()).toBe(false);
    a.write("2020/02/y.md", "مؤتمر في الموصل");
    a.write("2020/02/z.md", "مؤتمر في أربيل");
    expect(await a.cached(later())).toEqual(await a.fresh());
    expect(rewritten()).toBe(true);
  });

  it("does not read a file unchanged since it was read (its size, inode and times), and reads a file written since", async () => {
    const a = archive();
    a.write("2020/01/a.md", "انطلق المؤتمر في بغداد");
    // Minutes later: the file is not one that could still change within its time's tick.
    const later = () => Date.now() + 60_000;
    await a.cached(later());
    // The cache says the file holds another word, under another hash: believed, as the file is not read.
    const cache = JSON.parse(readFileSync(a.cacheFile, "utf8")) as {
      words: string[];
      articles: Record<string, [string, string, number[], string]>;
    };
    const entry = cache.articles["2020/01/a.md"] as [string, string, number[], string];
    cache.words.push("الموصل");
    cache.articles["2020/01/a.md"] = ["other", entry[1], [cache.words.length - 1], entry[3]];
    writeFileSync(a.cacheFile, JSON.stringify(cache));
    expect(new Map((await a.cached(later())).words).get("الموصل")).toBe(1);
    // Written again: read, and counted as reading it afresh counts.
    a.write("2020/01/a.md", "انطلق المؤتمر في البصرة");
    expect(await a.cached(later())).toEqual(await a.fresh());
  });
});
