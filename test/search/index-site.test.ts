import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { shardsToSearch } from "../../scripts/browser/search-client.ts";
import { words } from "../../scripts/lib/arabic.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { indexedForms } from "../../scripts/lib/search/fold.ts";
import {
  compareShards,
  indexedPart,
  indexingOrder,
  indexLanguage,
  indexSite,
  planShards,
  readIndexedPart,
  readPageFactsAhead,
  searchableText,
  shardYears,
} from "../../scripts/lib/search/index-site.ts";
import { frontMatterLang, readArchiveVocabulary } from "../../scripts/lib/search/vocabulary.ts";
import { fileHashes } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

/**
 * Search shards are re-indexed only when what Pagefind reads of their pages
 * changes. That rests on a fact about Pagefind, checked here with the real
 * binary: a page's content outside its `data-pagefind-body` element does not
 * change the bundle.
 */

const run = promisify(execFile);

function page(body: string, outside: string): string {
  return `<!doctype html><html lang="ar" dir="rtl"><head><title>${outside}</title></head><body>
<header><a href="/">${outside}</a></header>
<main><article class="article" data-pagefind-body data-pagefind-filter="lang:ar">
<h1 data-pagefind-meta="title">عنوان</h1><p>${body}</p>
<article><p>عنصر متداخل</p></article>
<footer data-pagefind-ignore><a data-pagefind-filter="tag">بغداد</a></footer>
</article>
<section class="more"><h2>مقالات ذات صلة</h2><ul><li>${outside}</li></ul></section></main></body></html>`;
}

const HOUR = 60 * 60 * 1000;

describe("what Pagefind reads of a page", () => {
  it("is the <html> tag and the indexed element, nested elements included", () => {
    const part = indexedPart(page("نص الخبر", "روابط"));
    expect(
      part.startsWith('<html lang="ar" dir="rtl">\n<article class="article" data-pagefind-body'),
    ).toBe(true);
    expect(part).toContain("عنصر متداخل");
    expect(part.endsWith("</footer>\n</article>")).toBe(true);
    expect(part).not.toContain("مقالات ذات صلة");
  });

  it("changes with the indexed text, not with links around it", () => {
    expect(indexedPart(page("نص", "روابط قديمة"))).toBe(indexedPart(page("نص", "روابط جديدة")));
    expect(indexedPart(page("نص", "روابط"))).not.toBe(indexedPart(page("نص معدل", "روابط")));
    expect(indexedPart(page("نص", "روابط").replace('lang="ar"', 'lang="en"'))).not.toBe(
      indexedPart(page("نص", "روابط")),
    );
  });

  it("is the whole page when Pagefind attributes lie outside the element, or it has no such element", () => {
    const withOutside = page("نص", "روابط").replace(
      '<section class="more">',
      '<section class="more" data-pagefind-filter="x:y">',
    );
    expect(indexedPart(withOutside)).toBe(withOutside);
    expect(indexedPart("<html><body><p>x</p></body></html>")).toBe(
      "<html><body><p>x</p></body></html>",
    );
  });

  it("read from a file, is what reading the whole file gives, whatever its bytes (property)", () => {
    // Pages made of the marks the part is found by, Arabic and other letters, and stray
    // bytes that are not UTF-8 (a lead byte before «<», a lone continuation byte, an overlong form).
    const piece = fc.constantFrom(
      '<html lang="ar">',
      "<HTML>",
      '<html title="',
      '<article class="a" data-pagefind-body>',
      "<div data-pagefind-body>",
      "<article>",
      "</article>",
      "</div>",
      '<section data-pagefind-filter="x:y">',
      "data-pagefind-",
      "<p>",
      "</p>",
      "<",
      ">",
      "نص الخبر",
      "é",
      "😀",
      "\uFEFF",
    );
    const stray = fc.constantFrom([0xd9], [0x80], [0xc0, 0xaf], [0xe2, 0x82], [0xf0, 0x9f, 0x98]);
    const chunk = fc.oneof(
      { weight: 6, arbitrary: piece.map((text) => [...Buffer.from(text, "utf8")]) },
      { weight: 1, arbitrary: stray },
    );
    const dir = tempDir();
    const file = path.join(dir, "index.html");
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 24 }), (chunks) => {
        const bytes = Buffer.from(chunks.flat());
        writeFileSync(file, bytes);
        expect(readIndexedPart(file)).toBe(indexedPart(bytes.toString("utf8")));
      }),
      { numRuns: 1500 },
    );
  });

  it("is all Pagefind's bundle depends on (the real binary, two sites that differ outside the element)", async () => {
    const root = tempDir();
    for (const [site, outside] of [
      ["a", "روابط قديمة"],
      ["b", "روابط جديدة وعنوان آخر"],
    ] as const) {
      for (let n = 1; n <= 3; n++) {
        const file = path.join(root, site, "articles", String(n), "index.html");
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, page(`نص الخبر رقم ${n} عن بغداد`, `${outside} ${n}`));
      }
      await run(path.join(repoRoot, "node_modules/.bin/pagefind"), [
        "--site",
        path.join(root, site),
        "--output-path",
        path.join(root, `${site}-bundle`),
        "--quiet",
      ]);
    }
    const a = fileHashes(path.join(root, "a-bundle"));
    expect(Object.keys(a).length).toBeGreaterThan(3);
    expect(fileHashes(path.join(root, "b-bundle"))).toEqual(a);
  });
});

describe("the words Pagefind indexes by itself", () => {
  it("are each word of Arabic letters as written and without its marks, in the text and the metadata (the real binary)", async () => {
    const root = tempDir();
    const body = "أعلنت الحكومة شؤون مسئول إعادة آخر مُدرسة قرأ هٰذا شكراً مُدرّسة فيٕ ۀ";
    const title = "إعلان المؤتمر";
    const author = "أحمد";
    const file = path.join(root, "site", "articles", "1", "index.html");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      `<!doctype html><html lang="ar"><body><article data-pagefind-body>
<h1 data-pagefind-meta="title" data-pagefind-ignore>${title}</h1>
<p data-pagefind-ignore><a data-pagefind-meta="author">${author}</a></p>
<p>${body}</p></article></body></html>`,
    );
    await run(path.join(repoRoot, "node_modules/.bin/pagefind"), [
      "--site",
      path.join(root, "site"),
      "--output-path",
      path.join(root, "bundle"),
      "--force-language",
      "und",
      "--quiet",
    ]);
    const indexDir = path.join(root, "bundle", "index");
    // An index chunk is gzip over Pagefind's header and CBOR, whose strings are UTF-8 as they are.
    const index = readdirSync(indexDir)
      .map((f) => gunzipSync(readFileSync(path.join(indexDir, f))).toString("utf8"))
      .join("\n");
    const indexed = new Set(index.match(/[\u0621-\u065F\u0670-\u06D5]+/gu));
    const forms = words(`${body} ${title} ${author}`).flatMap(indexedForms);
    expect(forms).toContain("اعلنت");
    expect(forms).toContain("مدرسة");
    for (const form of forms) expect(indexed, form).toContain(form);
    // …and not the alias's folding, which is why the alias holds it.
    expect(indexed).not.toContain("حكومه");
  });
});

describe("search shards", () => {
  const pages = (prefix: string, n: number) =>
    Array.from(
      { length: n },
      (_, i) => `articles/${prefix}/p${String(i).padStart(4, "0")}/index.html`,
    );

  it("put small consecutive years together, counted from the oldest, undated articles opening the oldest run", () => {
    const archive = [
      ...pages("2021/03", 3),
      ...pages("2022/01", 3),
      ...pages("2023/05", 3),
      ...pages("2024/01", 6),
      ...pages("2025/02", 2),
      ...pages("undated", 4),
    ];
    const plan = planShards(archive, 10, 6);
    // The undated articles and 2021 do not fit in 6 pages together: the undated ones alone.
    expect([...plan.keys()].sort(compareShards)).toEqual([
      "2025",
      "2024",
      "2023",
      "2021-2022",
      "undated",
    ]);
    expect(plan.get("2021-2022")).toHaveLength(6);
    expect(shardYears(plan.get("2021-2022") as string[])).toEqual(["2022", "2021"]);
    expect(shardYears(plan.get("undated") as string[])).toEqual([]);
    // A day's new articles change only the newest shard: the others keep their pages (and their cached index).
    const next = planShards([...archive, ...pages("2025/03", 3)], 10, 6);
    for (const id of ["2024", "2023", "2021-2022", "undated"])
      expect(next.get(id)).toEqual(plan.get(id));
    expect(next.get("2025")).toHaveLength(5);
    // Where they fit, the undated articles share the oldest years' shard (one shard fewer
    // for every query word); the newest year is a shard of its own once the dated pages
    // do not fit in one (2024 and 2025 would fit together).
    const merged = planShards(archive, 10, 10);
    expect([...merged.keys()].sort(compareShards)).toEqual(["2025", "2023-2024", "2021-2022"]);
    expect(merged.get("2021-2022")).toEqual([
      ...pages("undated", 4),
      ...pages("2021/03", 3),
      ...pages("2022/01", 3),
    ]);
    expect([
      ...planShards(
        archive.filter((p) => !p.includes("undated")),
        20,
        17,
      ).keys(),
    ]).toEqual(["2021-2025"]);
    // An archive with no date at all: one shard.
    expect([...planShards(pages("undated", 4), 10, 10).keys()]).toEqual(["undated"]);
    // A shard never holds more than `limit` pages, whatever the merge setting.
    expect([...planShards(archive, 10, 100).values()].every((p) => p.length <= 10)).toBe(true);
    // No merging: a shard per year, the undated articles apart.
    expect([...planShards(archive, 10, 0).keys()].sort(compareShards)).toEqual([
      "2025",
      "2024",
      "2023",
      "2022",
      "2021",
      "undated",
    ]);
  });

  it("are ordered newest first whatever their kind, and a year filter reads the shards that hold the year", () => {
    const ids = ["undated-2", "2016-2019", "2024-06", "undated-1", "2020", "2024-12", "2021-2023"];
    expect([...ids].sort(compareShards)).toEqual([
      "2024-12",
      "2024-06",
      "2021-2023",
      "2020",
      "2016-2019",
      "undated-1",
      "undated-2",
    ]);
    const shards = [
      { id: "2024-12", years: ["2024"], path: "/pagefind/2024-12/", pages: 5000 },
      { id: "2024-06", years: ["2024"], path: "/pagefind/2024-06/", pages: 4000 },
      { id: "2016-2019", years: ["2019", "2018", "2017", "2016"], path: "/p/", pages: 1500 },
      { id: "undated", years: [], path: "/pagefind/undated/", pages: 30 },
    ];
    expect(shardsToSearch(shards, { year: "2024" }).map((s) => s.id)).toEqual([
      "2024-12",
      "2024-06",
    ]);
    expect(shardsToSearch(shards, { year: "2017" }).map((s) => s.id)).toEqual(["2016-2019"]);
    expect(shardsToSearch(shards, { year: "2030" })).toEqual([]);
    expect(shardsToSearch(shards, { tag: "بغداد" })).toHaveLength(4);
  });

  it("keep a large newest year's newest month apart, so that a day's bulletin re-indexes a month", () => {
    const year = [...pages("2025/01", 3), ...pages("2025/06", 3), ...pages("2025/12", 2)];
    const older = [...pages("2023/05", 4), ...pages("2024/02", 4)];
    const plan = planShards([...older, ...year], 10, 6, 7);
    expect([...plan.keys()].sort(compareShards)).toEqual(["2025-12", "2025-06", "2024", "2023"]);
    expect(plan.get("2025-12")).toEqual(pages("2025/12", 2));
    expect([...(plan.get("2025-06") ?? [])].sort()).toEqual([
      ...pages("2025/01", 3),
      ...pages("2025/06", 3),
    ]);
    // The next day's articles change the month's shard alone.
    const next = planShards(
      [...older, ...year, ...pages("2025/12", 3).map((p) => p.replace("/p", "/n"))],
      10,
      6,
      7,
    );
    for (const id of ["2025-06", "2024", "2023"]) expect(next.get(id)).toEqual(plan.get(id));
    expect(next.get("2025-12")).toHaveLength(5);
    // A newest year of at most `monthApart` pages, or of a single month, stays whole.
    expect([...planShards([...older, ...year], 10, 6, 8).keys()]).toContain("2025");
    expect([...planShards([...older, ...pages("2025/12", 9)], 10, 6, 7).keys()]).toContain("2025");
    // Only the newest year: an older year of many months is not cut.
    const twoYears = planShards([...year, ...pages("2026/01", 2)], 10, 6, 7);
    expect([...twoYears.keys()].sort(compareShards)).toEqual(["2026", "2025"]);
  });

  it("pack a large year's months from the oldest, so a new month leaves the runs before it as they were", () => {
    const year = [...pages("2024/01", 4), ...pages("2024/02", 4), ...pages("2024/03", 4)];
    const plan = planShards([...year, ...pages("2025/01", 1)], 10, 6, 100);
    expect([...plan.keys()].sort(compareShards)).toEqual(["2025", "2024-03", "2024-02"]);
    expect(plan.get("2024-02")).toHaveLength(8);
    const grown = planShards([...year, ...pages("2024/04", 4), ...pages("2025/01", 1)], 10, 6, 100);
    expect(grown.get("2024-02")).toEqual(plan.get("2024-02"));
    expect(grown.get("2024-04")).toHaveLength(8);
  });

  it("cut a large year into runs of whole months, and undated articles into runs of pages", () => {
    const year = [
      ...pages("2025/01", 4),
      ...pages("2025/02", 4),
      ...pages("2025/11", 3),
      ...pages("2025/12", 5),
    ];
    const plan = planShards([...year, ...pages("2024/06", 2), ...pages("undated", 25)], 10);
    const ids = [...plan.keys()].sort(compareShards);
    expect(ids).toEqual(["2025-12", "2025-02", "2024", "undated-1", "undated-2", "undated-3"]);
    // January and February together (8 pages), then November and December; no month split.
    expect(plan.get("2025-12")?.map((p) => p.slice(9, 16))).toEqual([
      ...Array(3).fill("2025/11"),
      ...Array(5).fill("2025/12"),
    ]);
    expect(plan.get("2025-02")).toHaveLength(8);
    expect(plan.get("undated-3")).toHaveLength(5);
    // Every page in exactly one shard.
    expect([...plan.values()].flat().sort()).toEqual(
      [...year, ...pages("2024/06", 2), ...pages("undated", 25)].sort(),
    );
  });

  it("are indexed those with the most pages rendered anew first, then the largest", () => {
    const byShard = new Map([
      ["2026", pages("2026/01", 2)],
      ["2025", pages("2025/03", 9)],
      ["2019-2024", pages("2020/01", 30)],
      ["2016-2018", pages("2017/01", 30)],
    ]);
    // Nothing new (a full build): the largest first, ties in the shards' own order.
    expect(indexingOrder(byShard, () => false)).toEqual(["2019-2024", "2016-2018", "2025", "2026"]);
    // A page of 2026 and one of 2025 rendered anew: those two first, the larger first.
    const anew = new Set([pages("2026/01", 2)[1], pages("2025/03", 9)[4]]);
    expect(indexingOrder(byShard, (page) => anew.has(page))).toEqual([
      "2025",
      "2026",
      "2019-2024",
      "2016-2018",
    ]);
    // A day's bulletin in 2026 (both its pages new) and a neighbour in 2025 rendered
    // again: the day's shard first, however small; the others by size.
    const day = new Set([...pages("2026/01", 2), ...pages("2025/03", 9).slice(0, 1)]);
    expect(indexingOrder(byShard, (page) => day.has(page))).toEqual([
      "2026",
      "2025",
      "2019-2024",
      "2016-2018",
    ]);
  });
});

describe("bare forms of proclitic words in the index", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const articlePage = (title: string, body: string, related: string) =>
    `<!doctype html><html lang="ar" dir="rtl"><body><main>
<article class="article" data-pagefind-body data-pagefind-filter="lang:ar">
<span hidden data-pagefind-meta="alias:"></span>
<header><h1 data-pagefind-meta="title" data-pagefind-ignore>${title}</h1>
<p class="meta" data-pagefind-ignore><a data-pagefind-filter="tag">وبمدينة</a></p></header>
<p>${body}</p>
<footer class="article-footer" data-pagefind-ignore><ul><li>${related}</li></ul></footer>
</article></main></body></html>`;

  /** An archive's article files and their pages, written side by side (`add`), and a cache folder. */
  function archiveFixture() {
    const root = tempDir();
    const site = path.join(root, "site");
    const articles = path.join(root, "content", "articles");
    const add = (rel: string, title: string, body: string) => {
      const md = path.join(articles, `${rel}.md`);
      mkdirSync(path.dirname(md), { recursive: true });
      writeFileSync(md, `---\ntitle: ${title}\n---\n\n${body}\n`);
      const html = path.join(site, "articles", rel, "index.html");
      mkdirSync(path.dirname(html), { recursive: true });
      writeFileSync(html, articlePage(title, body, ""));
    };
    return { site, articles, cacheDir: path.join(root, "cache"), add };
  }

  it("come from the title and body, not the meta line or the related headlines", () => {
    const text = searchableText(
      indexedPart(articlePage("لمحافظة البصرة", "نص بمشاركة", "وبزيادة")),
    );
    expect(text).toContain("لمحافظة");
    expect(text).toContain("بمشاركة");
    expect(text).not.toContain("وبمدينة");
    expect(text).not.toContain("وبزيادة");
  });

  it("are decided by the whole archive's sources: a new article holding the bare word re-indexes the shard of an old one", async () => {
    vi.stubEnv("NASHRA_SHARD_MERGE_PAGES", "0"); // a shard a year, the undated articles apart
    const { site, articles, cacheDir, add } = archiveFixture();
    add("2020/01/old", "افتتاح المؤتمر", "انطلق المؤتمر بمشاركة عشرين دولة");
    const options = { expectedPages: 1, cacheDir, vocabulary: readArchiveVocabulary(articles) };
    expect((await indexSite(site, options)).indexed).toEqual(["2020"]);
    // Unchanged: from the cache.
    expect((await indexSite(site, options)).indexed).toEqual([]);
    // «مشاركة» on its own in an article of another shard: now a word of the archive,
    // so the 2020 article, unchanged, is indexed again (under «مشاركه» too).
    add("undated/new", "مشاركة النساء", "ارتفعت مشاركة النساء في الانتخابات");
    const second = await indexSite(site, {
      ...options,
      expectedPages: 2,
      vocabulary: readArchiveVocabulary(articles),
    });
    expect(second.indexed).toEqual(["2020", "undated"]);
  }, 120_000);

  it("leave a shard in the site that is already the cached bundle it should be, and remove shards the site no longer has", async () => {
    const { site, articles, cacheDir, add } = archiveFixture();
    add("2020/01/old", "افتتاح المؤتمر", "انطلق المؤتمر في بغداد");
    add("2021/01/new", "ختام المؤتمر", "اختتم المؤتمر في بغداد");
    const keys = { "/articles/2020/01/old/": "k1", "/articles/2021/01/new/": "k2" };
    const options = {
      expectedPages: 2,
      cacheDir,
      pageKeys: keys,
      vocabulary: readArchiveVocabulary(articles),
    };
    await indexSite(site, options);
    const entry = (id: string) => path.join(site, "pagefind", id, "pagefind-entry.json");
    const shardId = JSON.parse(readFileSync(path.join(site, "pagefind/shards.json"), "utf8"))
      .shards[0].id as string;
    const before = statSync(entry(shardId)).ino;
    // A shard folder of an earlier archive.
    mkdirSync(path.join(site, "pagefind", "1999"), { recursive: true });
    writeFileSync(path.join(site, "pagefind", "1999", "pagefind-entry.json"), "{}");
    await indexSite(site, options);
    expect(statSync(entry(shardId)).ino).toBe(before);
    expect(existsSync(path.join(site, "pagefind", "1999"))).toBe(false);
    // A shard folder that is not the cached bundle (a copy, say): linked again from the cache.
    rmSync(entry(shardId));
    writeFileSync(entry(shardId), "{}");
    await indexSite(site, options);
    expect(readFileSync(entry(shardId), "utf8")).not.toBe("{}");
    // The pages are the build's (its page keys): a page file it did not write is not indexed.
    add("2022/01/stray", "خبر", "نص في بغداد");
    expect((await indexSite(site, options)).pageCount).toBe(2);
  }, 120_000);

  it("keep in the cache only the bundles the site's shards are, once the whole site is indexed", async () => {
    const { site, articles, cacheDir, add } = archiveFixture();
    add("2020/01/old", "افتتاح المؤتمر", "انطلق المؤتمر في بغداد");
    // Two hours on each time: a bundle unused for an hour may go (the next test).
    const index = (only?: string[]) =>
      indexSite(site, {
        expectedPages: 1,
        cacheDir,
        vocabulary: readArchiveVocabulary(articles),
        now: Date.now() + 2 * HOUR,
        ...(only ? { onlyShards: only } : {}),
      });
    const bundles = () => readdirSync(cacheDir).filter((n) => /^\d{4}-[0-9a-f]{16}$/.test(n));
    await index();
    const first = bundles();
    expect(first).toHaveLength(1);
    // The article changes: its shard is a new bundle, and the old one goes.
    add("2020/01/old", "افتتاح المؤتمر", "انطلق المؤتمر في البصرة");
    await index();
    expect(bundles()).toHaveLength(1);
    expect(bundles()).not.toEqual(first);
    // A part of a split build indexes its own shards only: it removes nothing.
    const second = bundles();
    add("2020/01/old", "افتتاح المؤتمر", "انطلق المؤتمر في الموصل");
    await index(["2020"]);
    expect(bundles()).toHaveLength(2);
    expect(bundles()).toEqual(expect.arrayContaining(second));
  }, 120_000);

  it("leave in the cache a bundle another build used in the last hour (two sites, one cache folder)", async () => {
    const a = archiveFixture();
    const b = archiveFixture();
    a.add("2020/01/old", "افتتاح المؤتمر", "انطلق المؤتمر في بغداد");
    b.add("2020/01/old", "ختام المؤتمر", "اختتم المؤتمر في البصرة");
    const cacheDir = a.cacheDir;
    const index = (x: typeof a, now = Date.now()) =>
      indexSite(x.site, {
        expectedPages: 1,
        cacheDir,
        vocabulary: readArchiveVocabulary(x.articles),
        now,
      });
    const bundles = () => readdirSync(cacheDir).filter((n) => /^\d{4}-[0-9a-f]{16}$/.test(n));
    await index(a);
    const ofA = bundles();
    // Site b's build, while a's bundle may still be in use by a: it stays.
    await index(b);
    expect(bundles()).toHaveLength(2);
    expect(bundles()).toEqual(expect.arrayContaining(ofA));
    // Site a builds again: it uses its bundle (marked), indexes nothing.
    expect((await index(a)).indexed).toEqual([]);
    // Two hours on, unused since: site b's build removes a's bundle.
    await index(b, Date.now() + 2 * HOUR);
    expect(bundles()).toHaveLength(1);
    expect(bundles()).not.toEqual(ofA);
  }, 120_000);

  it("know a page from the facts read ahead, when the build read them before calling", async () => {
    vi.stubEnv("NASHRA_SHARD_MERGE_PAGES", "0");
    const { site, articles, cacheDir, add } = archiveFixture();
    add("2020/01/old", "افتتاح المؤتمر", "انطلق المؤتمر بمشاركة عشرين دولة");
    const old = "/articles/2020/01/old/";
    const index = (knownFacts?: ReturnType<typeof readPageFactsAhead>) =>
      indexSite(site, {
        expectedPages: 1,
        cacheDir,
        pageKeys: { [old]: "code page-1" },
        vocabulary: readArchiveVocabulary(articles),
        ...(knownFacts ? { knownFacts } : {}),
      });
    expect((await index()).indexed).toEqual(["2020"]);
    // Read ahead, then the page's file changes under the same key: known, not read again.
    const ahead = readPageFactsAhead(cacheDir);
    writeFileSync(
      path.join(site, "articles/2020/01/old/index.html"),
      articlePage("افتتاح المؤتمر", "نص آخر تماما", ""),
    );
    expect((await index(ahead)).indexed).toEqual([]);
    // Facts read ahead from a folder with none are what the index goes by: the page is read.
    expect((await index(readPageFactsAhead(tempDir()))).indexed).toEqual(["2020"]);
  });

  it("know a page by its render key: an unchanged key is not read again, a new one is, and the archive's words still decide", async () => {
    vi.stubEnv("NASHRA_SHARD_MERGE_PAGES", "0"); // a shard a year, the undated articles apart
    const { site, articles, cacheDir, add } = archiveFixture();
    add("2020/01/old", "افتتاح المؤتمر", "انطلق المؤتمر بمشاركة عشرين دولة");
    const index = (pageKeys: Record<string, string>, expectedPages = 1) =>
      indexSite(site, {
        expectedPages,
        cacheDir,
        pageKeys,
        vocabulary: readArchiveVocabulary(articles),
        now: Date.now() + 2 * HOUR, // bundles unused since the last call may go (below)
      });
    const old = "/articles/2020/01/old/";
    expect((await index({ [old]: "code page-1" })).indexed).toEqual(["2020"]);
    // The page's file differs, its key does not: the build says it is the same page, so it is not read.
    writeFileSync(
      path.join(site, "articles/2020/01/old/index.html"),
      articlePage("افتتاح المؤتمر", "نص آخر تماما", ""),
    );
    expect((await index({ [old]: "code page-1" })).indexed).toEqual([]);
    // Another key (the page's data or the code that renders it changed): read, indexed again.
    expect((await index({ [old]: "code page-2" })).indexed).toEqual(["2020"]);
    expect((await index({ [old]: "code page-2" })).indexed).toEqual([]);
    // A new article makes «مشاركة» a word of the archive: the old page, known by its key,
    // gets the bare form from the words kept with its key, and its shard is indexed again.
    writeFileSync(
      path.join(site, "articles/2020/01/old/index.html"),
      articlePage("افتتاح المؤتمر", "انطلق المؤتمر بمشاركة عشرين دولة", ""),
    );
    // (Read again: the same text as the first time, indexed again — its first bundle left
    // the cache when the shard changed.)
    expect((await index({ [old]: "code page-3" })).indexed).toEqual(["2020"]);
    // Another key, the same indexed element (a neighbour link around it changed): read, found
    // the same, its facts kept under the new key, and its shard is the cached bundle.
    const oldPage = path.join(site, "articles/2020/01/old/index.html");
    writeFileSync(
      oldPage,
      readFileSync(oldPage, "utf8").replace(
        "</main>",
        '</main><nav><a href="/x/">التالي</a></nav>',
      ),
    );
    expect((await index({ [old]: "code page-3b" })).indexed).toEqual([]);
    const factsOf = () =>
      (
        JSON.parse(readFileSync(path.join(cacheDir, "page-facts.json"), "utf8")) as {
          pages: Record<string, [string, string, string[], string]>;
        }
      ).pages["articles/2020/01/old/index.html"];
    expect(factsOf()?.[0]).toBe("code page-3b");
    add("undated/new", "مشاركة النساء", "ارتفعت مشاركة النساء في الانتخابات");
    const keys = { [old]: "code page-3b", "/articles/undated/new/": "code page-4" };
    expect((await index(keys, 2)).indexed).toEqual(["2020", "undated"]);
    // The facts are kept with the page's words as places in one list of words; a file of
    // another layout (an older version's) is learnt again, not an error.
    const factsFile = path.join(cacheDir, "page-facts.json");
    const kept = JSON.parse(readFileSync(factsFile, "utf8")) as {
      words: string[];
      pages: Record<string, [string, string, string[], string]>;
    };
    expect(kept.words).toContain("بمشاركه");
    expect(Object.keys(kept.pages).sort()).toEqual([
      "articles/2020/01/old/index.html",
      "articles/undated/new/index.html",
    ]);
    writeFileSync(factsFile, JSON.stringify({ "articles/2020/01/old/index.html": { key: "x" } }));
    expect((await index(keys, 2)).indexed).toEqual([]);
    const relearnt = JSON.parse(readFileSync(factsFile, "utf8")) as typeof kept;
    expect(new Set(relearnt.words)).toEqual(new Set(kept.words));
    for (const [page, [key, indexed, years]] of Object.entries(kept.pages))
      expect(relearnt.pages[page]?.slice(0, 3)).toEqual([key, indexed, years]);
  }, 120_000);

  it("name a shard by what Pagefind gets, whatever order its words were first met in", async () => {
    vi.stubEnv("NASHRA_SHARD_MERGE_PAGES", "0"); // a shard a year
    const { site, articles, cacheDir, add } = archiveFixture();
    // The first page met holds «ولبنان» only; the second «بمشاركة» (sorted before it) too:
    // learnt, the second page's words come in their own order, read back from page-facts.json
    // in the order of their places.
    add("2020/01/a", "خبر أول", "زار الوفد ولبنان");
    add("2020/01/b", "خبر ثان", "انطلق المؤتمر بمشاركة ولبنان");
    add("2021/01/c", "خبر ثالث", "بمشاركة واسعة");
    const keys = {
      "/articles/2020/01/a/": "k1",
      "/articles/2020/01/b/": "k2",
      "/articles/2021/01/c/": "k3",
    };
    const index = () =>
      indexSite(site, {
        expectedPages: 3,
        cacheDir,
        pageKeys: keys,
        vocabulary: readArchiveVocabulary(articles),
      });
    expect((await index()).indexed).toEqual(["2020", "2021"]);
    expect((await index()).indexed).toEqual([]);
    // Learnt again in another order (the 2021 page first, its word first): still the same shards.
    rmSync(path.join(cacheDir, "page-facts.json"));
    writeFileSync(
      path.join(cacheDir, "page-facts.json"),
      JSON.stringify({ words: ["بمشاركه"], pages: {} }),
    );
    expect((await index()).indexed).toEqual([]);
  }, 120_000);
});

describe("the archive's language, for Pagefind", () => {
  it("is no language (no stemmer) for a language the search folds itself, the language otherwise", () => {
    expect(indexLanguage("ar")).toBe("und");
    expect(indexLanguage("ar-EG")).toBe("und");
    expect(indexLanguage("fa")).toBe("und");
    expect(indexLanguage("en")).toBe("en");
    expect(indexLanguage("fr-CA")).toBe("fr-CA");
    expect(indexLanguage(undefined)).toBeUndefined();
  });

  it("reads an article's lang from its front matter, Arabic when it gives none", () => {
    expect(frontMatterLang("---\ntitle: x\nlang: en\ndir: ltr\n---\n\nlang: fr\n")).toBe("en");
    expect(frontMatterLang('---\r\ntitle: x\r\nlang: "fr"\r\n---\r\n')).toBe("fr");
    expect(frontMatterLang("---\ntitle: x\n---\n\nlang: en\n")).toBe("ar");
  });

  it("is the language most articles are in", async () => {
    const dir = tempDir("nashra-langs-");
    const write = (name: string, lang: string) =>
      writeFileSync(path.join(dir, name), `---\ntitle: ${name}\n${lang}---\n\nنص.\n`);
    write("a.md", "lang: en\n");
    write("b.md", "");
    write("c.md", "lang: ar\n");
    expect((await readArchiveVocabulary(dir)).mainLanguage()).toBe("ar");
    write("d.md", "lang: en\n");
    write("e.md", "lang: en\n");
    expect((await readArchiveVocabulary(dir)).mainLanguage()).toBe("en");
  });
});
