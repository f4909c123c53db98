import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import {
  type ArticleFileRead,
  loadArticles,
  readArticleFiles,
  readArticlesAt,
} from "../../scripts/lib/site/load.ts";
import { readOnThread } from "../../scripts/lib/site/read-articles-thread.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("the archive cache", () => {
  const article = (title: string) => `---\ntitle: ${title}\ndate: 2025-01-05\n---\n\nنص الخبر.\n`;
  /** An archive of one article file, and where its cache goes. */
  const oneArticle = () => {
    const root = tempDir();
    const dir = path.join(root, "articles");
    mkdirSync(path.join(dir, "2025", "01"), { recursive: true });
    const file = path.join(dir, "2025", "01", "a.md");
    writeFileSync(file, article("أول"));
    return { dir, file, cacheFile: path.join(root, "cache", "archive.v8") };
  };
  // biome-ignore lint/suspicious/noExplicitAny: the cache as a test edits it
  const readCache = (file: string): any => deserialize(readFileSync(file));
  const writeCache = (file: string, cache: unknown) => writeFileSync(file, serialize(cache));

  it("takes an article file unchanged since it was read from the cache, and reads one written since", async () => {
    const { dir, file, cacheFile } = oneArticle();
    // Seconds after it was written: the file is old enough to be known by its stamp.
    const later = Date.now() + 60_000;
    const first = await loadArticles(dir, { cacheFile, now: later });
    expect(first.articles.map((a) => a.title)).toEqual(["أول"]);

    // What the cache holds for an unchanged file is believed, the file not read: shown by
    // a cache whose hash and article are not the file's.
    const cache = readCache(cacheFile);
    cache.articles["2025/01/a.md"].hash = "not-the-file";
    cache.articles["2025/01/a.md"].article.title = "من الذاكرة";
    writeCache(cacheFile, cache);
    expect((await loadArticles(dir, { cacheFile, now: later })).articles[0]?.title).toBe(
      "من الذاكرة",
    );

    // Written again, at the same size: read again.
    writeFileSync(file, article("ثان"));
    const again = await loadArticles(dir, { cacheFile, now: Date.now() + 60_000 });
    expect(again.articles[0]?.title).toBe("ثان");
    expect(again.hashes.get("2025/01/a.md")).not.toBe(first.hashes.get("2025/01/a.md"));
  });

  it("is written again when a tenth of the archive changed, not for each new article", async () => {
    const { dir, cacheFile } = oneArticle();
    const write = (n: number) =>
      writeFileSync(path.join(dir, "2025", "01", `b${n}.md`), article(`خبر ${n}`));
    for (let n = 1; n < 20; n++) write(n);
    const later = () => Date.now() + 60_000;
    await loadArticles(dir, { cacheFile, now: later() });
    // The cache is written to a new file renamed over the old one: another inode.
    const inode = statSync(cacheFile).ino;
    const rewritten = () => statSync(cacheFile).ino !== inode;
    // One new article in twenty-one: read, shown, and the cache left as it was.
    write(20);
    const one = await loadArticles(dir, { cacheFile, now: later() });
    expect(one.articles.map((a) => a.title)).toContain("خبر 20");
    expect(rewritten()).toBe(false);
    // Two more: three of twenty-three are not in the cache, more than a tenth.
    write(21);
    write(22);
    const three = await loadArticles(dir, { cacheFile, now: later() });
    expect(three.articles).toHaveLength(23);
    expect(rewritten()).toBe(true);
    expect(Object.keys(readCache(cacheFile).articles)).toHaveLength(23);
  });

  it("reads a file changed in the last seconds every time (it could change again within the same tick)", async () => {
    const { dir, cacheFile } = oneArticle();
    await loadArticles(dir, { cacheFile });
    const cache = readCache(cacheFile);
    expect(cache.articles["2025/01/a.md"].stamp).toBe("");
    // A cache whose hash and article are not the file's: read, the file's own text wins.
    cache.articles["2025/01/a.md"].hash = "not-the-file";
    cache.articles["2025/01/a.md"].article.title = "من الذاكرة";
    writeCache(cacheFile, cache);
    expect((await loadArticles(dir, { cacheFile })).articles[0]?.title).toBe("أول");
  });

  it("reads every file when the cache cannot be read (torn, another format), and writes it again", async () => {
    const { dir, cacheFile } = oneArticle();
    const later = Date.now() + 60_000;
    await loadArticles(dir, { cacheFile, now: later });
    const whole = readFileSync(cacheFile);
    for (const broken of [whole.subarray(0, whole.length >> 1), Buffer.from('{"code":"x"}')]) {
      writeFileSync(cacheFile, broken);
      const loaded = await loadArticles(dir, { cacheFile, now: later });
      expect(loaded.articles.map((a) => a.title)).toEqual(["أول"]);
      expect(Object.keys(readCache(cacheFile).articles)).toEqual(["2025/01/a.md"]);
    }
  });
});

describe("reading the articles on two threads", () => {
  /** An archive of `count` article files over two months (one of them, if asked, not an article), with its cache's place. */
  const archiveOf = (count: number, broken?: number) => {
    const root = tempDir();
    const dir = path.join(root, "articles");
    for (const month of ["01", "02"]) mkdirSync(path.join(dir, "2025", month), { recursive: true });
    for (let n = 0; n < count; n++) {
      const month = n % 2 === 0 ? "01" : "02";
      const text =
        n === broken
          ? "no front matter at all\n"
          : `---\ntitle: خبر رقم ${n}\ndate: 2025-${month}-0${1 + (n % 9)}\ntags: [وسم ${n % 7}]\n---\n\nنص الخبر ${n}.\n`;
      writeFileSync(path.join(dir, "2025", month, `a${String(n).padStart(5, "0")}.md`), text);
    }
    return { dir, cacheFile: path.join(root, "cache", "archive.v8") };
  };
  /** Reads the archive, with what onRead saw and the cache written. */
  const load = async (
    dir: string,
    cacheFile: string,
    readElsewhere?: (files: string[]) => Promise<ArticleFileRead[]>,
  ) => {
    const seen: [string, string][] = [];
    const now = Date.now() + 60_000;
    const loaded = await readArticleFiles(dir, {
      cacheFile,
      now,
      onRead: (file, read) => seen.push([file, read.hash]),
      ...(readElsewhere ? { readElsewhere } : {}),
    });
    return { ...loaded, seen, cache: readFileSync(cacheFile) };
  };

  it("gives the later files to the other thread when there are many, and the same archive and cache as one thread", async () => {
    const { dir, cacheFile } = archiveOf(2100);
    const alone = await load(dir, cacheFile);
    rmSync(cacheFile);
    const given: string[][] = [];
    const onThread = readOnThread(dir);
    const shared = await load(dir, cacheFile, (files) => {
      given.push(files);
      return onThread(files);
    });
    expect(given).toHaveLength(1);
    const share = given[0] as string[];
    // The later ones, fewer than half (the other thread starts late), in the files' order.
    expect(share.length).toBeGreaterThan(500);
    expect(share.length).toBeLessThan(1050);
    expect(share).toEqual(alone.files.slice(alone.files.length - share.length));
    expect(shared.articles).toEqual(alone.articles);
    expect([...shared.hashes]).toEqual([...alone.hashes]);
    expect(shared.seen).toEqual(alone.seen);
    // The same cache, read back. (Not byte for byte: V8 writes an array that came from another
    // thread — made again there, with room for holes — as a sparse one.)
    expect(deserialize(shared.cache)).toEqual(deserialize(alone.cache));

    // Read again with the cache: nothing to read, nothing given.
    const again: string[][] = [];
    await load(dir, cacheFile, async (files) => {
      again.push(files);
      return [];
    });
    expect(again).toEqual([]);
  });

  it("reads a few files on its own thread", async () => {
    const { dir, cacheFile } = archiveOf(30);
    const given: string[][] = [];
    const loaded = await load(dir, cacheFile, async (files) => {
      given.push(files);
      return [];
    });
    expect(given).toEqual([]);
    expect(loaded.articles).toHaveLength(30);
  });

  it("reads on a worker thread what one thread reads, and names a file that is not an article", async () => {
    const { dir } = archiveOf(40, 33);
    const files = Array.from({ length: 20 }, (_, n) => {
      const k = 2 * n + 1; // the second month's files
      return `2025/02/a${String(k).padStart(5, "0")}.md`;
    });
    const good = files.filter((f) => !f.endsWith("a00033.md"));
    expect(await readOnThread(dir)(good)).toEqual(readArticlesAt(dir, good));
    await expect(readOnThread(dir)(files)).rejects.toThrow(/2025\/02\/a00033\.md/);
  });
});
