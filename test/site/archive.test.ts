import { describe, expect, it } from "vitest";
import { namePageKey } from "../../layouts/name-page.ts";
import { Archive } from "../../scripts/lib/site/archive.ts";
import {
  type ArchiveArticle,
  articleFromMarkdown,
} from "../../scripts/lib/site/archive-article.ts";
import type { ListPage } from "../../scripts/lib/site/page-kinds/kind.ts";
import type { TagPage } from "../../scripts/lib/site/page-kinds/tag.ts";
import { pageKey } from "../../scripts/lib/site/render-plan.ts";
import { archiveArticle } from "../helpers/articles.ts";

const article = archiveArticle;

describe("the archive index", () => {
  it("files an article under the calendar day it was published on, at its own offset", () => {
    // 23:30 in New York on the 16th is already the 17th in UTC.
    const a = new Archive([article("a.md", { date: "2025-11-16T23:30:00-05:00" })], 20);
    expect(a.years[0]?.months[0]?.days[0]?.day).toBe("2025-11-16");
    expect(a.pages.day[0]?.url).toBe("/archive/2025/11/16/");
  });

  it("sorts newest first by day, then time of day, then path; undated last, alphabetically", () => {
    const a = new Archive(
      [
        article("u2.md", { title: "ياسمين" }),
        article("d1.md", { date: "2025-11-16" }),
        article("d2.md", { date: "2025-11-16T10:30:00+02:00" }),
        article("d3.md", { date: "2025-11-16T08:00:00+02:00" }),
        article("d4.md", { date: "2025-11-17" }),
        article("u1.md", { title: "أحمد" }),
      ],
      20,
    );
    expect(a.articles.map((x) => x.path)).toEqual([
      "d4.md",
      "d2.md",
      "d3.md",
      "d1.md",
      "u1.md",
      "u2.md",
    ]);
    expect(a.neighbours("d2.md")).toMatchObject({
      newer: { path: "d4.md" },
      older: { path: "d3.md" },
    });
    expect(a.neighbours("u1.md")).toEqual({});
  });

  it("makes one tag of spellings that differ only in hamza or ta marbuta, shown in its most used spelling", () => {
    const a = new Archive(
      [
        article("1.md", { tags: ["أربيل"] }),
        article("2.md", { tags: ["أربيل", "اربيل"] }),
        article("3.md", { tags: ["اربيل"] }),
        article("4.md", { tags: ["أربيل"] }),
      ],
      20,
    );
    expect(a.tags).toEqual([{ name: "أربيل", slug: "اربيل", url: "/tags/اربيل/", count: 4 }]);
    expect(a.tag("اربيل")).toBe(a.tag("أربيل"));
    expect(a.pages.tag[0]?.items).toHaveLength(4);
  });

  it("keeps Oman (عُمان) and Amman (عمّان) apart, though they fold alike; one voweling with the bare spelling is one tag", () => {
    const a = new Archive(
      [
        article("1.md", { tags: ["عُمان"] }),
        article("2.md", { tags: ["عمّان"] }),
        article("3.md", { tags: ["عمّان", "الأردن"] }),
        article("4.md", { tags: ["عمان"] }),
        article("5.md", { tags: ["الأُردن"] }),
      ],
      20,
    );
    const byName = new Map(a.tags.map((t) => [t.name, t]));
    expect(byName.get("عُمان")?.count).toBe(1);
    expect(byName.get("عمّان")?.count).toBe(2);
    // the bare spelling could be either: a tag of its own, not a guess
    expect(byName.get("عمان")?.count).toBe(1);
    expect(new Set([...byName.values()].map((t) => t.url)).size).toBe(a.tags.length);
    // a single voweling is only a spelling of the bare name
    expect(byName.get("الأردن")?.count).toBe(2);
    expect(byName.has("الأُردن")).toBe(false);
  });

  it("gives each author and each section a page, spellings of one name folded, with a feed each", () => {
    const a = new Archive(
      [
        article("2025/01/1.md", { date: "2025-01-01", author: "أحمد سليمان", section: "اقتصاد" }),
        article("2025/01/2.md", { date: "2025-01-02", author: "احمد سليمان", section: "رياضة" }),
        article("2025/01/3.md", { date: "2025-01-03", author: "هدى علي", section: "اقتصاد" }),
        article("undated/4.md"),
      ],
      20,
    );
    expect(a.authors.map((x) => [x.name, x.count, x.url])).toEqual([
      ["أحمد سليمان", 2, "/authors/احمد-سليمان/"],
      ["هدى علي", 1, "/authors/هدى-علي/"],
    ]);
    expect(a.author("أحمد سليمان")).toBe(a.author("احمد سليمان"));
    expect(a.pages.author.map((p) => [p.url, p.items.map((x) => x.path)])).toEqual([
      ["/authors/احمد-سليمان/", ["2025/01/2.md", "2025/01/1.md"]],
      ["/authors/هدى-علي/", ["2025/01/3.md"]],
    ]);
    expect(a.sectionList.map((x) => [x.name, x.count])).toEqual([
      ["اقتصاد", 2],
      ["رياضة", 1],
    ]);
    expect(a.pages.section[0]?.items.map((x) => x.path)).toEqual(["2025/01/3.md", "2025/01/1.md"]);
    expect(a.feedFor("/authors/هدى-علي/")?.items.map((x) => x.path)).toEqual(["2025/01/3.md"]);
    expect(a.feedFor("/sections/رياضة/")?.items).toHaveLength(1);
    const sitemap = a.pageEntries().map((e) => e.url);
    for (const url of ["/authors/", "/authors/هدى-علي/", "/sections/", "/sections/رياضة/"])
      expect(sitemap).toContain(url);
  });

  it("never gives two tags one slug", () => {
    const a = new Archive([article("1.md", { tags: ["a b", "a-b", "A.B"] })], 20);
    expect(new Set(a.tags.map((t) => t.slug)).size).toBe(a.tags.length);
  });

  it("paginates every listing from the oldest end and keeps an empty home and undated page", () => {
    const many = Array.from({ length: 45 }, (_, i) =>
      article(`${String(i).padStart(2, "0")}.md`, { date: "2025-01-01", tags: ["t"] }),
    );
    const a = new Archive(many, 20);
    // The newest page, at the listing's URL, holds 20 to 39; older pages 20, numbered from the oldest.
    expect(a.pages.home.map((p) => p.url)).toEqual(["/", "/page/1/"]);
    expect(a.pages.tag.map((p) => p.items.length)).toEqual([25, 20]);
    expect(a.pages.day.map((p) => [p.url, p.pageNumber, p.newerUrl, p.olderUrl])).toEqual([
      ["/archive/2025/01/01/", 2, undefined, "/archive/2025/01/01/page/1/"],
      ["/archive/2025/01/01/page/1/", 1, "/archive/2025/01/01/", undefined],
    ]);
    // Every article once, newest first across the pages.
    expect(a.pages.home.flatMap((p) => p.items)).toEqual(a.articles);
    expect(new Archive(many.slice(0, 39), 20).pages.home.map((p) => p.items.length)).toEqual([39]);
    expect(new Archive(many.slice(0, 40), 20).pages.home.map((p) => p.items.length)).toEqual([
      20, 20,
    ]);
    const empty = new Archive([], 20);
    expect(empty.pages.home).toHaveLength(1);
    expect(empty.pages.undated).toHaveLength(1);
    expect(empty.pages.tag).toEqual([]);
  });

  it("gives an article's page another key when its photo is left out (its file missing)", () => {
    const image = { src: "media/ab/abcdef.jpg", width: 800, height: 600, alt: "" };
    const withPhoto = article("2025/01/a.md", { date: "2025-01-01", image });
    const without = article("2025/01/a.md", { date: "2025-01-01" });
    const key = (a: ArchiveArticle) => pageKey(new Archive([a], 20).articlePageKey(a));
    expect(key(withPhoto)).not.toBe(key(without));
    const figure = { after: 1, src: "media/cd/cdef01.jpg", width: 400, height: 300 };
    const withFigure = article("2025/01/a.md", { date: "2025-01-01", figures: [figure] });
    expect(key(withFigure)).not.toBe(key(without));
  });

  it("gives an article's page another key when a neighbour's title changes, the same when only its text does", () => {
    const middle = article("2025/01/b.md", { date: "2025-01-02", title: "الأوسط" });
    const older = article("2025/01/a.md", { date: "2025-01-01", title: "الأقدم" });
    const newer = article("2025/01/c.md", { date: "2025-01-03", title: "الأحدث" });
    // The middle article's key, its neighbours' files hashed as given (a build hashes each file).
    const key = (newerArticle: ArchiveArticle, newerHash: string) => {
      const archive = new Archive([older, middle, newerArticle], 20, {
        dir: "/nowhere",
        hashes: new Map([
          [older.path, "h-old"],
          [middle.path, "h-mid"],
          [newerArticle.path, newerHash],
        ]),
      });
      return pageKey(archive.articlePageKey(middle), archive.keyReplacer);
    };
    const before = key(newer, "h1");
    // The newer article's text edited: its file's hash changes, what the page links does not.
    expect(key(newer, "h2")).toBe(before);
    // Its title edited: the link on this page reads otherwise.
    expect(key({ ...newer, title: "عنوان آخر" }, "h3")).not.toBe(before);
    // Its language: the link's lang and dir attributes.
    expect(key({ ...newer, lang: "en", dir: "ltr" }, "h1")).not.toBe(before);
  });

  it("gives a listing another key when an article it lists is edited or loses its photo, the same otherwise", () => {
    const image = { src: "media/ab/abcdef.jpg", width: 800, height: 600, alt: "" };
    const withPhoto = article("2025/01/a.md", { date: "2025-01-01", image });
    const { image: _, ...withoutPhoto } = withPhoto;
    // The home page's key, with the article files' hashes known (as a build loads them).
    const homeKey = (a: ArchiveArticle, fileHash: string) => {
      const archive = new Archive([a], 20, {
        dir: "/nowhere",
        hashes: new Map([[a.path, fileHash]]),
      });
      return pageKey(archive.pages.home[0], archive.keyReplacer);
    };
    const retitled = { ...withPhoto, title: "عنوان آخر" };
    expect(homeKey(withPhoto, "h1")).toBe(homeKey(withPhoto, "h1"));
    // Its file edited: another text, another hash.
    expect(homeKey(retitled, "h2")).not.toBe(homeKey(withPhoto, "h1"));
    // Its photo missing from the media folder: the same file, shown without it.
    expect(homeKey(withoutPhoto, "h1")).not.toBe(homeKey(withPhoto, "h1"));
  });

  it("leaves a listing's older pages as they were when newer articles arrive", () => {
    const dated = (n: number) =>
      article(`2025/01/a${String(n).padStart(3, "0")}.md`, {
        date: `2025-01-01T${String(Math.floor(n / 60)).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}:00Z`,
        tags: ["t"],
      });
    const before = new Archive(
      Array.from({ length: 90 }, (_, n) => dated(n)),
      20,
    );
    const after = new Archive(
      Array.from({ length: 127 }, (_, n) => dated(n)),
      20,
    );
    const tagPageKey = (a: Archive, { tag, ...page }: TagPage) => namePageKey(a, page, tag);
    // The keys the templates give these pages (content/index.11ty.ts, content/tags/tag.11ty.ts).
    const keyOf = (a: Archive, p: ListPage | TagPage) =>
      pageKey("tag" in p ? tagPageKey(a, p) : p, a.keyReplacer);
    for (const kind of ["home", "tag"] as const) {
      const old = new Map(before.pages[kind].map((p) => [p.url, keyOf(before, p)]));
      const changed = after.pages[kind].filter((p) => old.get(p.url) !== keyOf(after, p));
      // 37 new articles: the newest page and the two new older pages it split off,
      // and the page that was the newest older page (its newer neighbour moved).
      expect(changed.map((p) => p.url).sort()).toEqual(
        kind === "home"
          ? ["/", "/page/3/", "/page/4/", "/page/5/"]
          : ["/tags/t/", "/tags/t/page/3/", "/tags/t/page/4/", "/tags/t/page/5/"],
      );
    }
  });

  it("leaves the date pages a new day does not show as they were: other months of its year, days not beside it", () => {
    const on = (date: string, n: number) => article(`${date}-${n}.md`, { date, tags: ["t"] });
    const days = [
      "2025-03-02",
      "2025-03-09",
      "2025-03-20",
      "2025-07-04",
      "2025-07-15",
      "2025-11-30",
    ];
    const old = days.flatMap((d) => [on(d, 1), on(d, 2)]);
    const before = new Archive(old, 20);
    // A new day in March, between the 9th and the 20th, in a year that has other months.
    const after = new Archive([...old, on("2025-03-12", 1)], 20);
    // Date pages give no key of their own: the page's data is its key (content/archive/*.11ty.ts).
    const changed = (kind: "day" | "month" | "year") => {
      const was = new Map<string, string>(
        before.pages[kind].map((p) => [p.url, pageKey(p, before.keyReplacer)]),
      );
      return after.pages[kind]
        .filter((p) => was.get(p.url) !== pageKey(p, after.keyReplacer))
        .map((p) => p.url)
        .sort();
    };
    // The new day, and the days whose next or previous day it now is.
    expect(changed("day")).toEqual([
      "/archive/2025/03/09/",
      "/archive/2025/03/12/",
      "/archive/2025/03/20/",
    ]);
    // Its month (a day more, an article more); July and November show nothing of March.
    expect(changed("month")).toEqual(["/archive/2025/03/"]);
    expect(changed("year")).toEqual(["/archive/2025/"]);
  });

  it("names the file and the problem when front matter is not a valid article", () => {
    const rel = "undated/x.md";
    expect(() => articleFromMarkdown(rel, "no front matter")).toThrow(
      /content\/articles\/undated\/x.md: no front matter/,
    );
    expect(() => articleFromMarkdown(rel, "---\ntitle: [\n---\n")).toThrow(/not valid YAML/);
    expect(() => articleFromMarkdown(rel, "---\nlang: ar\n---\n")).toThrow(/"title" is missing/);
    expect(() => articleFromMarkdown(rel, "---\ntitle: x\ndate: 16/11/2025\n---\n")).toThrow(
      /date "16\/11\/2025"/,
    );
    expect(() => articleFromMarkdown(rel, "---\ntitle: x\ntags: أ\n---\n")).toThrow(
      /"tags" must be a list/,
    );
  });

  it("names an article file outside YYYY/MM/ and undated/, which would have no URL and no search shard", () => {
    const ok = "---\ntitle: x\n---\n\nنص.\n";
    expect(articleFromMarkdown("2025/01/x.md", ok).title).toBe("x");
    for (const rel of ["misc/x.md", "x.md", "2025/x.md", "2025/01/sub/x.md"]) {
      expect(() => articleFromMarkdown(rel, ok)).toThrow(
        new RegExp(`content/articles/${rel}: an article file lives in YYYY/MM/ or undated/`),
      );
    }
  });
});
