import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReadSource } from "../../scripts/lib/files.ts";
import type { ArchiveVocabulary } from "../../scripts/lib/search/proclitics.ts";
import { packIds, readArchiveVocabulary, unpackIds } from "../../scripts/lib/search/vocabulary.ts";
import { loadArticles } from "../../scripts/lib/site/load.ts";
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

/** Makes the cache say an article holds only `word` (and, given, that its text hashes to `hash`). */
function claimInCache(cacheFile: string, rel: string, word: string, hash?: string): void {
  type Entry = [string, string, string, string];
  const cache = JSON.parse(readFileSync(cacheFile, "utf8")) as {
    words: string[];
    articles: Record<string, Entry>;
  };
  const [ownHash, lang, , stamp] = cache.articles[rel] as Entry;
  cache.words.push(word);
  cache.articles[rel] = [hash ?? ownHash, lang, packIds([cache.words.length - 1]), stamp];
  writeFileSync(cacheFile, JSON.stringify(cache));
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

  it("is written again for any change, so that no file is folded twice, and drops unused words once they are a tenth", async () => {
    const a = archive();
    // Each with words of its own: a removed article's few words are a small part of the list.
    for (let n = 0; n < 20; n++)
      a.write(`2020/01/${n}.md`, `خبر رقم ${n} عن بغداد سطر${n}أ سطر${n}ب سطر${n}ج`);
    const later = () => Date.now() + 60_000;
    await a.cached(later());
    const listed = () =>
      (JSON.parse(readFileSync(a.cacheFile, "utf8")) as { words: string[] }).words;
    a.write("2020/02/x.md", "مؤتمر في البصرة");
    expect(await a.cached(later())).toEqual(await a.fresh());
    expect(listed()).toContain("البصره");
    // Its words are in the cache: the next read believes the cache, not the file.
    claimInCache(a.cacheFile, "2020/02/x.md", "الموصل");
    expect(new Map((await a.cached(later())).words).get("الموصل")).toBe(1);
    // Gone: its words are no longer counted; the list keeps them while they are few…
    rmSync(path.join(a.articles, "2020/02/x.md"));
    expect(await a.cached(later())).toEqual(await a.fresh());
    expect(listed()).toContain("الموصل");
    // …and drops them once the words no article holds are a tenth of it.
    for (let n = 0; n < 20; n++) rmSync(path.join(a.articles, `2020/01/${n}.md`));
    a.write("2021/01/y.md", "مؤتمر في أربيل");
    expect(await a.cached(later())).toEqual(await a.fresh());
    expect(listed()).not.toContain("بغداد");
    expect(listed()).not.toContain("الموصل");
  });

  it("does not read a file unchanged since it was read (its size, inode and times), and reads a file written since", async () => {
    const a = archive();
    a.write("2020/01/a.md", "انطلق المؤتمر في بغداد");
    // Minutes later: the file is not one that could still change within its time's tick.
    const later = () => Date.now() + 60_000;
    await a.cached(later());
    // The cache says the file holds another word, under another hash: believed, as the file is not read.
    claimInCache(a.cacheFile, "2020/01/a.md", "الموصل", "other");
    expect(new Map((await a.cached(later())).words).get("الموصل")).toBe(1);
    // Written again: read, and counted as reading it afresh counts.
    a.write("2020/01/a.md", "انطلق المؤتمر في البصرة");
    expect(await a.cached(later())).toEqual(await a.fresh());
  });
});

describe("the vocabulary from files the build has read already", () => {
  it("counts what reading them counts, from the texts it is given, not read again", async () => {
    const a = archive();
    a.write("2020/01/a.md", "انطلق المؤتمر بمشاركة عشرين دولة في بغداد");
    a.write("2020/02/b.md", "ارتفعت مشاركة النساء في الانتخابات", "lang: ar\n");
    const read = new Map<string, ReadSource>();
    const { articles } = await loadArticles(a.articles, {
      onRead: (file, source) => read.set(file, source),
    });
    expect(articles).toHaveLength(2);
    expect([...read.keys()].sort()).toEqual(["2020/01/a.md", "2020/02/b.md"]);
    const fromRead = async () =>
      contents(await readArchiveVocabulary(a.articles, { cacheFile: a.cacheFile, read }));
    expect(await fromRead()).toEqual(await a.fresh());
    // The cache it wrote holds what was read: an unchanged archive reads the same from it.
    expect(await a.cached()).toEqual(await a.fresh());

    // What it counts is the text it was given (the file changed on disk since it was read).
    rmSync(a.cacheFile);
    a.write("2020/01/a.md", "كلمة مختلفة تماما");
    const words = new Map((await readArchiveVocabulary(a.articles, { read })).words());
    expect(words.get("بغداد")).toBe(1);
    expect(words.has("مختلفه")).toBe(false);
  });
});

describe("an article's words, packed", () => {
  it("unpack to the same places, in order, whatever the places", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 300 }), (ids) => {
        const out: number[] = [];
        unpackIds(packIds(ids), (id) => out.push(id));
        expect(out).toEqual([...ids].sort((x, y) => x - y));
      }),
    );
  });
});
