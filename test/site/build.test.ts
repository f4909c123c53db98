import { readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../scripts/lib/import/article.ts";
import { indexedPageCount } from "../../scripts/lib/search/index-site.ts";
import { day, fixtureArticle } from "../helpers/articles.ts";
import { brokenLinks, htmlFiles } from "../helpers/links.ts";
import { type BuiltSite, buildFixtureSite } from "../helpers/site.ts";

const md = (title: string, fields: Partial<Article> = {}, body = ["نص الخبر عن بغداد."]) =>
  fixtureArticle(title, fields, body);

const articles: Record<string, string> = {};
// 23 articles tagged بغداد (and 20 older ones below): two in December 2024, the rest in January 2025 (two on the 5th).
for (let n = 1; n <= 23; n++) {
  const date =
    n <= 2 ? `2024-12-${29 + n}` : `2025-01-${String(Math.min(n - 2, 21)).padStart(2, "0")}`;
  const tags = n % 2 === 0 ? ["بغداد", "العراق"] : ["بغداد"];
  articles[`${date.slice(0, 4)}/${date.slice(5, 7)}/khabar-${n}.md`] = md(`خبر رقم ${n}`, {
    date: day(date === "2025-01-21" && n === 23 ? "2025-01-05" : date),
    tags,
  });
}
// 20 older ones (November 2024), so the listings have an older page: a listing's
// newest page holds 20 to 39 articles, older pages 20 each, counted from the oldest.
for (let n = 1; n <= 20; n++) {
  articles[`2024/11/qadim-${n}.md`] = md(`خبر قديم ${n}`, {
    date: day(`2024-11-${String(n).padStart(2, "0")}`),
    tags: ["بغداد"],
  });
}
articles["2025/02/english.md"] = md(
  "Iraq reopens the road to Erbil",
  { date: day("2025-02-10"), lang: "en", dir: "ltr", tags: ["العراق"] },
  ["The road between Baghdad and Erbil reopened on Monday."],
);
articles["undated/bila-tarikh.md"] = md("خبر بلا تاريخ", {
  related: ["خبر رقم 3", "عنوان غير موجود في الأرشيف"],
});
articles["undated/hostile.md"] = md(
  '<script>alert("t")</script> & "عنوان"',
  {
    author: '"><svg onload=alert(1)>',
    tags: ["<b>وسم</b>"],
    related: ['<a href="javascript:alert(1)">x</a>'],
    source: { file: "../../etc/passwd", sha256: "0".repeat(64), url: "javascript:alert(1)" },
  },
  ["<img src=x onerror=alert(1)> و{{ site.title }} و<b>عريض</b>"],
);

let site: BuiltSite;
const page = (rel: string) => readFileSync(path.join(site.output, rel), "utf8");

beforeAll(async () => {
  site = await buildFixtureSite(articles);
});

describe("a built fixture archive", () => {
  it("has every page type", () => {
    const files = htmlFiles(site.output);
    for (const expected of [
      "index.html",
      "page/1/index.html",
      "tags/index.html",
      "tags/بغداد/index.html",
      "tags/بغداد/page/1/index.html",
      "tags/العراق/index.html",
      "archive/index.html",
      "archive/2024/index.html",
      "archive/2025/index.html",
      "archive/2025/01/index.html",
      "archive/2025/01/05/index.html",
      "archive/2024/12/31/index.html",
      "archive/undated/index.html",
      "search/index.html",
      "authors/index.html",
      "sections/index.html",
      "404.html",
      "articles/2025/01/khabar-3/index.html",
      "articles/2025/02/english/index.html",
      "articles/undated/bila-tarikh/index.html",
    ]) {
      expect(files).toContain(expected);
    }
    expect(files.filter((f) => f.startsWith("articles/"))).toHaveLength(46);
    expect(site.stdout).toMatch(/Built \d+ pages/);
    // One shard is one, not «1 shards».
    expect(site.stdout).toMatch(/\(\d+ articles in 1 shard;/);
  });

  it("links every page only to pages and assets that exist", () => {
    expect(htmlFiles(site.output).length).toBeGreaterThan(50);
    expect(brokenLinks(site.output)).toEqual([]);
  });

  it("is Arabic and right to left, with an English article marked as such", () => {
    for (const file of htmlFiles(site.output)) {
      expect(page(file)).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
    }
    expect(page("articles/2025/02/english/index.html")).toContain(
      '<article class="article" lang="en" dir="ltr" data-pagefind-body data-pagefind-filter="lang:en">',
    );
    expect(page("articles/2025/01/khabar-3/index.html")).toContain(
      '<article class="article" data-pagefind-body data-pagefind-filter="lang:ar">',
    );
  });

  it("lists the latest articles first; older pages of twenty, counted from the oldest, named by their days", () => {
    const titlesOf = (html: string) =>
      [...html.matchAll(/<h2><a href="[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);
    // 46 articles: the newest page holds 26, the older one the oldest 20.
    const home = page("index.html");
    const titles = titlesOf(home);
    expect(titles).toHaveLength(26);
    expect(titles[0]).toBe("Iraq reopens the road to Erbil");
    expect(titles[1]).toBe("خبر رقم 22");
    expect(home).toContain('<a href="/page/1/" rel="next">');
    expect(home).toContain('<a href="/" aria-current="page">الأحدث</a>');
    const older = page("page/1/index.html");
    expect(titlesOf(older)).toHaveLength(20);
    // Undated articles come last.
    expect(older.indexOf("خبر بلا تاريخ")).toBeGreaterThan(older.indexOf("خبر قديم 1<"));
    expect(older).not.toContain("خبر قديم 19<");
    expect(older).toContain('<a href="/" rel="prev">');
    // Named by the days of its articles, not «page 2 of 3», and no archive-wide count.
    expect(older).toContain("<title>أحدث المقالات (١ نوفمبر ٢٠٢٤ – ١٨ نوفمبر ٢٠٢٤)");
    expect(older).not.toContain("يضم الأرشيف");
  });

  it("counts articles per tag, year, month and day in correct Arabic", () => {
    const tags = page("tags/index.html");
    expect(tags).toMatch(
      /<a href="\/tags\/بغداد\/">بغداد<\/a> <span class="count">٤٣ مقالًا<\/span>/,
    );
    expect(tags).toMatch(
      /<a href="\/tags\/العراق\/">العراق<\/a> <span class="count">١٢ مقالًا<\/span>/,
    );
    expect(page("archive/2025/01/05/index.html")).toContain("مقالان في هذا اليوم");
    expect(page("archive/2024/index.html")).toContain("٢٢ مقالًا في ٢٠٢٤");
    expect(page("archive/index.html")).toContain(
      '<a href="/archive/2025/01/">يناير <span class="count">(٢١)</span></a>',
    );
    expect(page("archive/undated/index.html")).toContain("مقالان لم يذكر مصدرها");
  });

  it("links the levels of the date archive to each other", () => {
    const month = page("archive/2025/01/index.html");
    expect(month).toContain('href="/archive/2025/01/05/"');
    expect(month).toContain('href="/archive/2025/02/"'); // next month
    expect(month).toContain('href="/archive/2024/12/"'); // previous month
    expect(month).toContain('<li><a href="/archive/2025/">٢٠٢٥</a></li>');
    const article = page("articles/2025/01/khabar-3/index.html");
    expect(article).toContain('<li><a href="/archive/2025/01/01/">١ يناير ٢٠٢٥</a></li>');
    expect(article).toContain('<time datetime="2025-01-01"');
    expect(article).toContain("الأربعاء، ١ يناير ٢٠٢٥");
  });

  it("links a related headline when the archive holds that article, and shows it as text otherwise", () => {
    const article = page("articles/undated/bila-tarikh/index.html");
    expect(article).toContain(
      `<li dir="auto"><a href="/articles/2025/01/khabar-3/">خبر رقم 3</a></li>`,
    );
    expect(article).toContain(`<li dir="auto">عنوان غير موجود في الأرشيف</li>`);
  });

  it("escapes everything that came from a dump", () => {
    const hostile = htmlFiles(site.output)
      .filter((f) => f.startsWith("articles/undated/"))
      .map(page)
      .find((html) => html.includes("&lt;script&gt;"));
    expect(hostile).toBeDefined();
    for (const file of htmlFiles(site.output)) {
      const { document } = parseHTML(page(file));
      // No element, event handler or script URL that a dump could have brought in.
      for (const el of document.querySelectorAll("*")) {
        expect(["IMG", "SVG", "B", "IFRAME", "OBJECT"]).not.toContain(el.tagName);
        for (const attr of el.attributes) {
          expect(attr.name).not.toMatch(/^on/i);
          if (attr.name === "href" || attr.name === "src")
            expect(attr.value).not.toMatch(/^\s*javascript:/i);
        }
      }
      // The only scripts: the search page's module, and JSON-LD data (never run).
      for (const script of document.querySelectorAll("script")) {
        if (script.getAttribute("type") === "application/ld+json") {
          expect(() => JSON.parse(script.textContent ?? "")).not.toThrow();
          continue;
        }
        expect(script.getAttribute("src")).toBe("/assets/search.js");
        expect(script.textContent).toBe("");
      }
    }
    expect(hostile).toContain(
      "&lt;img src=x onerror=alert(1)&gt; و{{ site.title }} و&lt;b&gt;عريض&lt;/b&gt;",
    );
    expect(hostile).toContain("&quot;&gt;&lt;svg onload=alert(1)&gt;");
  });

  it("indexes every article, and only articles, for search, small years and the undated articles in one shard", async () => {
    const { shards } = JSON.parse(page("pagefind/shards.json")) as {
      shards: { id: string; years: string[]; path: string; pages: number }[];
    };
    expect(shards.map((s) => [s.id, s.years, s.path, s.pages])).toEqual([
      ["2024-2025", ["2025", "2024"], "/pagefind/2024-2025/", 46],
    ]);
    for (const s of shards)
      expect(await indexedPageCount(path.join(site.output, s.path))).toBe(s.pages);
    expect(page("index.html")).not.toContain("data-pagefind-body");
  });
});

describe("a fixture archive built under a path prefix", () => {
  let prefixed: BuiltSite;
  beforeAll(async () => {
    // As GitHub Pages' deploy workflow builds it: the host's origin and the repository's path.
    prefixed = await buildFixtureSite(articles, {
      pathPrefix: "/archive-site/",
      baseUrl: "https://newsroom.github.io",
    });
  });

  it("prefixes every internal link and asset, and they all resolve", () => {
    const home = readFileSync(path.join(prefixed.output, "index.html"), "utf8");
    expect(home).toContain('href="/archive-site/assets/site.css"');
    expect(home).toContain('href="/archive-site/tags/"');
    expect(brokenLinks(prefixed.output, "/archive-site/")).toEqual([]);
    const search = readFileSync(path.join(prefixed.output, "search/index.html"), "utf8");
    expect(search).toContain('data-base="/archive-site/"');
  });

  it("gives feeds, sitemap and canonical links the host's address with the prefix", () => {
    const read = (f: string) => readFileSync(path.join(prefixed.output, f), "utf8");
    const origin = "https://newsroom.github.io/archive-site/";
    expect(read("sitemap.xml")).toContain(`<loc>${origin}</loc>`);
    expect(read("feed.xml")).toContain(`href="${origin}"`);
    expect(read("index.html")).toContain(`<link rel="canonical" href="${origin}">`);
    expect(read("robots.txt")).toContain(`Sitemap: ${origin}sitemap.xml`);
    for (const f of ["sitemap.xml", "feed.xml", "feed.json", "index.html"])
      expect(read(f)).not.toContain("nashra.example.org");
  });
});
