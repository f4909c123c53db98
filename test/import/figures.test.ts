import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  ArticleFileError,
  type ArticleFrontMatter,
  readArticleFile,
  writeArticleFile,
} from "../../scripts/lib/article-file.ts";
import { listFiles } from "../../scripts/lib/files.ts";
import { blockLines } from "../../scripts/lib/import/html/blocks.ts";
import type { El } from "../../scripts/lib/import/html/dom.ts";
import { parsePage } from "../../scripts/lib/import/html/dom.ts";
import { articleFigures, articleImages } from "../../scripts/lib/import/html/images.ts";
import { inSync } from "../../scripts/lib/import/report.ts";
import { runImport } from "../../scripts/lib/import/run.ts";
import { pipelineContext } from "../helpers/context.ts";
import { tempDir } from "../helpers/tmp.ts";

const BODY = [
  "قال مسؤولون في وزارة الزراعة إن موسم حصاد القمح بدأ مبكرا هذا العام في محافظات الصعيد بعد ارتفاع درجات الحرارة.",
  "وأضافوا أن الوزارة تتوقع إنتاجا يفوق العام الماضي بنسبة تقارب عشرة في المئة بفضل المساحات الجديدة المزروعة.",
  "وأشار المزارعون إلى أن أسعار التوريد المعلنة تشجعهم على تسليم المحصول إلى الصوامع الحكومية في الموعد المحدد.",
  "وتوقعت الوزارة أن تنتهي عمليات التوريد قبل نهاية الشهر المقبل إذا استمرت الأحوال الجوية على حالها.",
];

const jpeg = (r: number, width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 80, b: 40 } } })
    .jpeg()
    .toBuffer();

describe("figures: where each photo stands among the paragraphs", () => {
  it("counts the paragraphs before each image, in document order, with the page's caption", () => {
    const page = parsePage(`<html><body><div id="c">
<figure><img src="a.jpg"></figure>
<p>${BODY[0]}</p>
<p>${BODY[1]} <img src="inline.jpg" alt="صورة"></p>
<figure><img src="b.jpg" alt="ب"><img src="b2.jpg"><figcaption>تعليق <cite>وكالة</cite></figcaption></figure>
<p>${BODY[2]}</p><p>${BODY[3]}</p>
<img src="c.jpg" data-src="c-large.jpg">
</div></body></html>`);
    const content = page.querySelector("#c") as El;
    const before = content.outerHTML;
    const figures = articleFigures(content, new Map(), BODY);
    expect(figures.map((f) => [f.after, f.candidates.map((c) => c.ref)])).toEqual([
      [0, ["a.jpg"]],
      [2, ["inline.jpg"]],
      [2, ["b.jpg"]],
      [4, ["c.jpg", "c-large.jpg"]],
    ]);
    expect(figures[1]?.candidates[0]).toEqual({ ref: "inline.jpg", alt: "صورة" });
    expect(figures[2]?.candidates[0]).toEqual({
      ref: "b.jpg",
      alt: "ب",
      caption: "تعليق",
      credit: "وكالة",
    });
    // The article the text is read from is left as it was, and laid out as without figures.
    expect(content.outerHTML).toBe(before);
    const images = articleImages(content, new Map());
    expect(blockLines(content, new Set(images.elements), new Map())).toEqual(blockLines(content));
  });

  it("takes a figure's caption from the page as printed, by the image's source", () => {
    const page = parsePage(
      `<html><body><div id="c"><p>${BODY[0]}</p><img src="x.jpg"></div></body></html>`,
    );
    const figures = articleFigures(
      page.querySelector("#c") as El,
      new Map([["x.jpg", { caption: "كما طبعت" }]]),
      BODY,
    );
    expect(figures).toEqual([{ after: 1, candidates: [{ ref: "x.jpg", caption: "كما طبعت" }] }]);
  });

  it("whatever the arrangement, each figure's place is the number of paragraphs before it", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 14 }), (items) => {
        let p = 0;
        const expected: number[] = [];
        const parts = items.map((isFigure, i) => {
          if (isFigure) {
            expected.push(p);
            return `<figure><img src="f${i}.jpg"></figure>`;
          }
          p++;
          return `<p>الفقرة رقم ${p} من نص المقال.</p>`;
        });
        const paragraphs = Array.from({ length: p }, (_, i) => `الفقرة رقم ${i + 1} من نص المقال.`);
        const page = parsePage(`<html><body><main>${parts.join("")}</main></body></html>`);
        const figures = articleFigures(page.querySelector("main") as El, new Map(), paragraphs);
        expect(figures.map((f) => f.after)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe("figures: the front matter", () => {
  const fm: ArticleFrontMatter = {
    title: "عنوان",
    lang: "ar",
    dir: "rtl",
    image: { src: "media/aa/aa00.jpg", width: 10, height: 10 },
    figures: [
      {
        after: 1,
        src: "media/bb/bb11.jpg",
        width: 640,
        height: 480,
        caption: "تعليق",
        credit: "وكالة",
      },
      { after: 3, src: "media/cc/cc22.png", width: 300, height: 200, alt: "رسم" },
    ],
    tags: [],
    related: [],
    source: { file: "a.html" },
  };

  it("is written after the lead image, one block a figure, and read back as it was", () => {
    const text = writeArticleFile(fm, ["أ", "ب", "ج"]);
    expect(text).toContain(
      "figures:\n  - after: 1\n    src: media/bb/bb11.jpg\n    width: 640\n    height: 480\n    caption: تعليق\n    credit: وكالة\n",
    );
    expect(text.indexOf("figures:")).toBeGreaterThan(text.indexOf("image:"));
    expect(text.indexOf("figures:")).toBeLessThan(text.indexOf("tags:"));
    expect(readArticleFile(text).frontMatter).toEqual(fm);
    const { figures: _none, ...without } = fm;
    expect(writeArticleFile({ ...without, figures: [] }, ["أ"])).not.toContain("figures");
  });

  it("refuses a figure outside media/, without a place, or too many", () => {
    const bad = (figures: unknown) => () =>
      readArticleFile(
        writeArticleFile(fm, ["أ"]).replace(
          /figures:\n(?: {2}.*\n)+/,
          `figures: ${JSON.stringify(figures)}\n`,
        ),
      );
    expect(bad([{ after: 0, src: "../../etc/passwd.jpg", width: 1, height: 1 }])).toThrow(
      /figures\[1\] src must be a file under media\//,
    );
    expect(bad([{ src: "media/aa/x.jpg", width: 1, height: 1 }])).toThrow(/figures\[1\] after/);
    expect(bad([{ after: -1, src: "media/aa/x.jpg", width: 1, height: 1 }])).toThrow(
      ArticleFileError,
    );
    expect(bad("media/aa/x.jpg")).toThrow(/"figures" must be a list/);
    expect(
      bad(
        Array.from({ length: 21 }, () => ({
          after: 0,
          src: "media/aa/x.jpg",
          width: 1,
          height: 1,
        })),
      ),
    ).toThrow(/at most 20/);
  });
});

describe("figures: the import keeps them beside the article", () => {
  it("reads each figure as the lead is: local files and data: URLs only, one file per content", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "content/articles");
    const media = path.join(root, "content/media");
    mkdirSync(path.join(raw, "page_files"), { recursive: true });
    const lead = await jpeg(200, 80, 60);
    const field = await jpeg(10, 120, 90);
    const silo = await jpeg(90, 100, 100);
    writeFileSync(path.join(raw, "page_files/lead.jpg"), lead);
    writeFileSync(path.join(raw, "page_files/lead-copy.jpg"), lead);
    writeFileSync(path.join(raw, "page_files/field.jpg"), field);
    writeFileSync(
      path.join(raw, "page_files/spacer.gif"),
      await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } })
        .gif()
        .toBuffer(),
    );
    writeFileSync(path.join(raw, "secret.jpg"), silo);
    const html = `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>بدء موسم حصاد القمح في الصعيد</title></head>
<body><header><nav><a href="/">الرئيسية</a></nav></header>
<article><h1>بدء موسم حصاد القمح في الصعيد</h1><time datetime="2025-05-11">11 مايو 2025</time>
<figure><img src="page_files/lead.jpg" alt="حقل"><figcaption>الحقل</figcaption></figure>
<p>${BODY[0]}</p>
<figure><img src="page_files/spacer.gif" data-src="page_files/field.jpg" alt="سنابل"><figcaption>سنابل القمح &lt;script&gt;alert(1)&lt;/script&gt; <span class="credit">تصوير: علي</span></figcaption></figure>
<p>${BODY[1]}</p>
<figure><img src="page_files/lead-copy.jpg"><figcaption>الحقل مرة أخرى</figcaption></figure>
<figure><img src="https://example.com/remote.jpg"><figcaption>من الشبكة</figcaption></figure>
<figure><img src="../../secret.jpg"><figcaption>خارج المجلد</figcaption></figure>
<p>${BODY[2]}</p>
<figure><img src="page_files/missing.jpg"></figure>
<figure><img src="data:image/jpeg;base64,${silo.toString("base64")}"><figcaption>الصوامع</figcaption></figure>
<p>${BODY[3]}</p>
</article></body></html>`;
    mkdirSync(path.join(raw, "news"), { recursive: true });
    writeFileSync(
      path.join(raw, "news/page.html"),
      html.replaceAll("page_files/", "../page_files/"),
    );
    const run = (dryRun = false) =>
      runImport({ ...pipelineContext(), inDir: raw, outDir: out, dryRun, cacheFile: null });
    const report = await run();
    const input = report.inputs.find((i) => i.file === "news/page.html");
    expect(input?.outcome, input?.reason).toBe("imported");
    const text = readFileSync(path.join(out, input?.article as string), "utf8");
    const { frontMatter, body } = readArticleFile(text);
    expect(frontMatter.image).toMatchObject({ width: 80, height: 60, caption: "الحقل" });
    // The lead's copy is the lead's file: left out; the network and ../ are never followed.
    expect(frontMatter.figures?.map(({ src: _src, ...f }) => f)).toEqual([
      {
        after: 1,
        width: 120,
        height: 90,
        alt: "سنابل",
        caption: "سنابل القمح <script>alert(1)</script>",
        credit: "تصوير: علي",
      },
      { after: 3, width: 100, height: 100, caption: "الصوامع" },
    ]);
    expect(input?.warnings).toContain(
      'image "page_files/missing.jpg" is not in the input folder; not kept',
    );
    // The body is the text as before: no image syntax in it.
    expect(body).not.toMatch(/!\[|<img|media\//);
    const kept = (await listFiles(media)).map((f) => `media/${f}`).sort();
    expect(kept).toEqual(
      [frontMatter.image?.src, ...(frontMatter.figures ?? []).map((f) => f.src)].sort(),
    );
    expect(readFileSync(path.join(media, (frontMatter.figures?.[0]?.src ?? "").slice(6)))).toEqual(
      field,
    );

    // Figures' files count as used; one deleted is missed by --check and written back.
    expect(inSync(await run(true))).toBe(true);
    expect((await run()).unusedMedia).toBe(undefined);
    const silos = (frontMatter.figures?.[1]?.src ?? "").slice(6);
    rmSync(path.join(media, silos));
    const check = await run(true);
    expect(inSync(check)).toBe(false);
    expect(check.inputs.find((i) => i.file === "news/page.html")?.outcome).toBe("updated");
    await run();
    expect(readFileSync(path.join(media, silos))).toEqual(silo);

    // A re-import from the cache notices a figure's file deleted from the media folder.
    const cacheFile = path.join(root, "cache.json");
    const cached = () => runImport({ ...pipelineContext(), inDir: raw, outDir: out, cacheFile });
    await cached();
    expect((await cached()).reused).toBe(1);
    rmSync(path.join(media, silos));
    const again = await cached();
    expect(again.reused).toBe(0);
    expect(readFileSync(path.join(media, silos))).toEqual(silo);
  });
});
