import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Article, RejectedInput } from "../../scripts/lib/import/article.ts";
import { parseManifest } from "../../scripts/lib/import/manifest.ts";
import { parseHtmlDump, withoutSiteName } from "../../scripts/lib/import/parse-html.ts";
import { parseJsonLinesDump, parseNewsPleaseRecord } from "../../scripts/lib/import/parse-json.ts";
import { decodeRawDump, extractArticles } from "../../scripts/lib/import/pipeline.ts";
import { contentKey } from "../../scripts/lib/import/prepare.ts";
import { extractOne, pipelineContext } from "../helpers/context.ts";

const P1 =
  "بدأت القوات الأمريكية اليوم الانسحاب من قاعدة عين الأسد غربي العراق، بحسب مصادر أمنية عراقية تحدثت إلى وسائل الإعلام في بغداد.";
const P2 =
  "وقال المصدر إن عملية النقل ستستمر عدة أسابيع وفق الجدول الزمني المتفق عليه بين بغداد وواشنطن، وإن المدربين سيبقون في أربيل.";
const furniture = () => pipelineContext().boilerplate.furnitureFor({});
const dates = { defaultTimezone: "Africa/Cairo" };

function page(head: string, article: string, extra = ""): string {
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">${head}</head><body>
<header class="site-header"><a href="/">الموقع</a><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/x">اقتصاد</a></li></ul></nav>
<div class="ticker">عاجل: خبر عاجل عن شيء آخر تماما</div></header>
<main><article>${article}</article>${extra}</main>
<aside><h2>الأكثر قراءة</h2><ul><li><a href="/1">خبر جانبي عن غزة</a></li></ul></aside>
<footer><p>جميع الحقوق محفوظة © 2025</p></footer><script>track()</script></body></html>`;
}

describe("HTML pages", () => {
  it("reads metadata before Readability, and only the article's paragraphs", () => {
    const html = page(
      `<title>انسحاب القوات من عين الأسد | الموقع</title>
<meta property="og:title" content="انسحاب القوات من عين الأسد | الموقع"><meta property="og:site_name" content="الموقع">
<meta property="article:published_time" content="2025-11-16T10:30:00+03:00">
<meta name="keywords" content="العراق، أمن">
<link rel="canonical" href="https://example.org/news/1">`,
      `<header><h1>انسحاب القوات من عين الأسد</h1><p class="byline">كتب: سارة علي</p>
<div class="share-buttons">شارك فيسبوك تويتر</div></header>
<p>${P1}</p><p>اقرأ أيضا: خبر آخر</p><blockquote class="twitter-tweet"><a href="https://t.co/x">تغريدة</a></blockquote><p>${P2}</p>
<div class="tags"><a rel="tag" href="/t/1">عين الأسد</a></div>`,
      `<section class="related"><h2>أخبار ذات صلة</h2><ul><li><a href="/2">خبر ذو صلة</a></li></ul></section>`,
    );
    const { article } = extractOne("page.html", html);
    expect(article).toMatchObject({
      title: "انسحاب القوات من عين الأسد",
      date: { kind: "instant", iso: "2025-11-16T10:30:00+03:00" },
      author: "سارة علي",
      lang: "ar",
      related: ["خبر ذو صلة"],
      source: { url: "https://example.org/news/1" },
    });
    expect(article.body).toEqual([P1, P2]);
    expect(article.tags).toEqual(expect.arrayContaining(["العراق", "أمن", "عين الأسد"]));
    expect(article.tags).not.toContain("غزة");
  });

  it("reads JSON-LD NewsArticle (also inside @graph) and <time datetime>", () => {
    const ld = page(
      `<title>عنوان</title><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","headline":"عنوان من JSON-LD","datePublished":"2025-03-02T08:00:00Z","author":[{"@type":"Person","name":"منى حسن"}],"keywords":["طاقة","الإمارات"]}]}</script>`,
      `<p>${P1}</p><p>${P2}</p>`,
    );
    expect(extractOne("ld.html", ld).article).toMatchObject({
      title: "عنوان من JSON-LD",
      date: { iso: "2025-03-02T08:00:00Z" },
      author: "منى حسن",
    });
    const time = page(
      "<title>خبر بلا وسوم | الموقع</title>",
      `<h1>خبر بلا وسوم</h1><time datetime="2025-02-11T13:05:00+01:00">11 فيفري</time><p>${P1}</p>`,
    );
    expect(extractOne("t.html", time).article.date?.iso).toBe("2025-02-11T13:05:00+01:00");
  });

  it.each([
    ["انسحاب القوات | الموقع", "الموقع", "انسحاب القوات"],
    ["الموقع - انسحاب القوات", "الموقع", "انسحاب القوات"],
    ["انسحاب القوات من عين الأسد | الوطن", undefined, "انسحاب القوات من عين الأسد"],
    ["الأهلي يفوز على الزمالك 2 - 1", undefined, "الأهلي يفوز على الزمالك 2 - 1"],
    ["مصر: ارتفاع الصادرات", undefined, "مصر: ارتفاع الصادرات"],
  ])("drops the site name from «%s»", (title, site, expected) => {
    expect(withoutSiteName(title, site)).toBe(expected);
  });

  it("rejects a page that holds no article", () => {
    const html = page(
      "<title>الصفحة الرئيسية</title>",
      "",
      `<section><h2>آخر الأخبار</h2><ul><li>خبر</li><li>خبر آخر</li></ul></section>`,
    );
    expect(() => parseHtmlDump(html, furniture(), dates, pipelineContext().prose)).toThrow(
      /no article text/,
    );
  });

  it("never throws anything but a rejection, whatever the markup", () => {
    const piece = fc.constantFrom(
      "<p>",
      "</p>",
      "<article>",
      "<div>",
      "</div>",
      "<h1>",
      "<script>",
      "<!--",
      P1,
      "نص",
      '<meta property="og:title" content="x">',
      "&amp;",
      "<",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        try {
          parseHtmlDump(parts.join(""), furniture(), dates, pipelineContext().prose);
        } catch (error) {
          expect(error).toBeInstanceOf(RejectedInput);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("scraper JSON (news-please)", () => {
  const record = {
    title: "عنوان الخبر",
    maintext: `${P1}\n\nاقرأ أيضا: خبر آخر\n${P2}`,
    date_publish: "2025-11-16 10:30:00",
    authors: ["سارة علي", "أحمد فؤاد"],
    url: "https://example.org/a",
    language: "ar",
    description: "وصف",
  };

  it("reads the fields, a time without a zone in the default zone", () => {
    const { article } = extractOne("a.json", JSON.stringify(record));
    expect(article).toMatchObject({
      title: "عنوان الخبر",
      date: { kind: "instant", iso: "2025-11-16T10:30:00+02:00" },
      author: "سارة علي، أحمد فؤاد",
      lang: "ar",
      source: { file: "a.json", url: "https://example.org/a" },
    });
    expect(article.body).toEqual([P1, P2]);
  });

  it("imports each line of JSON Lines, rejecting a broken one alone", () => {
    const text = [
      JSON.stringify(record),
      "{not json",
      JSON.stringify({ ...record, title: "خبر ثان" }),
    ].join("\n");
    const out = extractArticles(
      { file: "b.jsonl", bytes: new TextEncoder().encode(text) },
      pipelineContext(),
    );
    expect(out.map((x) => [x.record, x.article?.title ?? x.reason?.slice(0, 25)])).toEqual([
      [1, "عنوان الخبر"],
      [2, "malformed JSON on line 2 "],
      [3, "خبر ثان"],
    ]);
    expect(out[0]?.article?.source).toMatchObject({ file: "b.jsonl", record: 1 });
    expect(out[0]?.article?.source.sha256).not.toBe(out[2]?.article?.source.sha256);
  });

  it("gives each article the duplicate key of its title and body, whatever the format", () => {
    const json = JSON.stringify(record);
    const text = ["عنوانُ الخبرِ", "", "2025-11-16", "", P1, "", P2].join("\n");
    const out = [
      ...extractArticles(
        { file: "a.txt", bytes: new TextEncoder().encode(text) },
        pipelineContext(),
      ),
      ...extractArticles(
        { file: "b.jsonl", bytes: new TextEncoder().encode(json) },
        pipelineContext(),
      ),
    ];
    expect(out).toHaveLength(2);
    for (const x of out) expect(x.key).toBe(contentKey(x.article as Article));
  });

  it("rejects malformed JSON and records without text", () => {
    expect(() => extractOne("x.json", '{"title": "x", ')).toThrow(/malformed JSON/);
    expect(() => parseNewsPleaseRecord({ title: "x" }, furniture(), dates)).toThrow(/maintext/);
    expect(() => parseNewsPleaseRecord([1], furniture(), dates)).toThrow(RejectedInput);
  });

  it("never drops a maintext paragraph", () => {
    const sentence = fc
      .array(fc.constantFrom("القوات", "بغداد", "قال", "في", "الحكومة", "خطة", "“الاتفاق”"), {
        minLength: 8,
        maxLength: 20,
      })
      .map((w) => `${w.join(" ")}.`);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), (paragraphs) => {
        const parsed = parseNewsPleaseRecord(
          { title: "عنوان", maintext: paragraphs.join("\n\n") },
          furniture(),
          dates,
        );
        expect(parsed.paragraphs).toEqual(paragraphs);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws anything but a rejection on any line", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (line) => {
        try {
          parseJsonLinesDump(line, furniture(), dates);
        } catch (error) {
          expect(error).toBeInstanceOf(RejectedInput);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("the manifest", () => {
  it("reads CSV rows with tags separated by |", () => {
    const rows = parseManifest(
      "manifest.csv",
      "file,url,published,author,section,tags,title,lang\na.txt,https://x.org/a,2025-08-10,مريم,تقنية,البحرين|المنامة,,ar\n",
    );
    expect(rows.get("a.txt")).toEqual({
      url: "https://x.org/a",
      published: "2025-08-10",
      author: "مريم",
      section: "تقنية",
      tags: ["البحرين", "المنامة"],
      lang: "ar",
    });
  });

  it("reads JSON Lines rows and rejects a row without a file", () => {
    expect(
      parseManifest("manifest.jsonl", '{"file":"b.txt","tags":["قطر"]}\n').get("b.txt"),
    ).toEqual({ tags: ["قطر"] });
    expect(() => parseManifest("manifest.jsonl", '{"url":"x"}\n')).toThrow(/no "file"/);
    expect(() => parseManifest("manifest.csv", 'file,url\n"a.txt,x\n')).toThrow(/malformed CSV/);
  });
});

describe("warnings about a dump's fields", () => {
  it("quote a bad value cut short, however long it is", () => {
    const [x] = extractArticles(
      {
        file: "long.txt",
        bytes: new TextEncoder().encode(`عنوان الخبر\n\n${P1}\n\n${P2}`),
        sidecar: { published: "x".repeat(100_000), url: `javascript:${"y".repeat(100_000)}` },
      },
      pipelineContext(),
    );
    const warnings = x?.warnings ?? [];
    expect(warnings.some((w) => w.startsWith('metadata date "xxxx'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('url "javascript:yyy'))).toBe(true);
    for (const w of warnings) expect(w.length).toBeLessThan(200);
  });
});

describe("a dump's text decoded before its extraction", () => {
  const text = (title: string) =>
    ["عنوانُ الخبرِ", "", "2025-11-16", "", P1, "", P2].join("\n").replace("عنوانُ الخبرِ", title);
  // A dump in the Arabic code page: the decoder says so in the article's warnings.
  const bytes = (title: string) =>
    Uint8Array.from([...text(title)].map((c) => windows1256.get(c) ?? 0x3f));
  const windows1256 = new Map(
    Array.from({ length: 256 }, (_, b) => [
      new TextDecoder("windows-1256").decode(new Uint8Array([b])),
      b,
    ]),
  );

  it("is the text the extraction reads, with what its decoding noted", () => {
    const ctx = pipelineContext();
    const dump = { file: "a.txt", bytes: bytes("خبر من الأرشيف") };
    const decoded = decodeRawDump(dump, ctx).decoded;
    const [fromBytes] = extractArticles(dump, ctx);
    expect(fromBytes?.warnings[0]).toMatch(/^decoded as windows-1256/);
    expect(extractArticles({ ...dump, decoded }, ctx)).toEqual([fromBytes]);
    // Nothing decodes the bytes again: the text given is the one read.
    const other = decodeRawDump({ file: "b.txt", bytes: bytes("خبر آخر تماما") }, ctx).decoded;
    const [fromText] = extractArticles({ ...dump, decoded: other }, ctx);
    expect(fromText?.article?.title).toBe("خبر آخر تماما");
    expect(fromText?.article?.source.sha256).toBe(fromBytes?.article?.source.sha256);
  });
});
