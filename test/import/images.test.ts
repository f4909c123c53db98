import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readArticleFile } from "../../scripts/lib/article-file.ts";
import { listFiles } from "../../scripts/lib/files.ts";
import { pageAssets } from "../../scripts/lib/import/inputs.ts";
import {
  dataUrlBytes,
  localReference,
  mediaPath,
  sniffImage,
} from "../../scripts/lib/import/media.ts";
import { inSync } from "../../scripts/lib/import/report.ts";
import { runImport } from "../../scripts/lib/import/run.ts";
import { pipelineContext } from "../helpers/context.ts";
import { mastheadDump } from "../helpers/dumps.ts";
import { tempDir } from "../helpers/tmp.ts";

const BODY = [
  "قال مسؤولون في وزارة الزراعة إن موسم حصاد القمح بدأ مبكرا هذا العام في محافظات الصعيد بعد ارتفاع درجات الحرارة.",
  "وأضافوا أن الوزارة تتوقع إنتاجا يفوق العام الماضي بنسبة تقارب عشرة في المئة بفضل المساحات الجديدة المزروعة.",
  "وأشار المزارعون إلى أن أسعار التوريد المعلنة تشجعهم على تسليم المحصول إلى الصوامع الحكومية في الموعد المحدد.",
];

/** Each dump its own sentences: lines three dumps share are a source's furniture. */
const textDump = (headline: string) =>
  mastheadDump(
    headline,
    BODY.map((p) => `${headline}: ${p}`),
    "2025-05-10",
  );

function savedPage(headline: string, head: string, figure: string): string {
  return `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>${headline}</title>${head}</head>
<body><header><nav><a href="/">الرئيسية</a></nav></header>
<article><h1>${headline}</h1><time datetime="2025-05-11">11 مايو 2025</time>
${figure}
${BODY.map((p) => `<p>${p}</p>`).join("\n")}
</article></body></html>`;
}

const jpeg = (r: number) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 80, b: 40 } } })
    .jpeg()
    .toBuffer();

describe("images: what the bytes are", () => {
  it("knows JPEG, PNG, GIF, WebP and AVIF by their magic numbers, not their names", async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: "#336699" } });
    expect(sniffImage(await base.clone().jpeg().toBuffer())).toBe("jpeg");
    expect(sniffImage(await base.clone().png().toBuffer())).toBe("png");
    expect(sniffImage(await base.clone().gif().toBuffer())).toBe("gif");
    expect(sniffImage(await base.clone().webp().toBuffer())).toBe("webp");
    expect(sniffImage(await base.clone().avif().toBuffer())).toBe("avif");
    expect(sniffImage(new TextEncoder().encode("<html><body>not found</body></html>"))).toBe(
      undefined,
    );
    expect(sniffImage(new Uint8Array([0xff, 0xd8]))).toBe(undefined);
  });

  it("takes nothing for an image that does not start like one", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        fc.pre(!(bytes[0] === 0xff && bytes[1] === 0xd8) && bytes[0] !== 0x89);
        fc.pre(![0x47, 0x52, 0x00].includes(bytes[0] ?? 0) && bytes[4] !== 0x66);
        expect(sniffImage(bytes)).toBe(undefined);
      }),
    );
  });

  it("names a file by its content: same bytes, same path; the folder is the hash's first two digits", async () => {
    const a = await jpeg(10);
    expect(mediaPath(a, "jpeg")).toBe(mediaPath(Buffer.from(a), "jpeg"));
    expect(mediaPath(a, "jpeg")).toMatch(/^media\/([0-9a-f]{2})\/\1[0-9a-f]{22}\.jpg$/);
    expect(mediaPath(await jpeg(11), "jpeg")).not.toBe(mediaPath(a, "jpeg"));
  });

  it("decodes data: URLs, base64 or percent-encoded", () => {
    expect(dataUrlBytes("data:image/png;base64,iVBORw0KGgo=")).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(dataUrlBytes("data:text/plain,a%20b")).toEqual(new TextEncoder().encode("a b"));
    expect(dataUrlBytes("data:image/png;base64,@@@")).toBe(undefined);
  });
});

describe("images: which references may be followed", () => {
  it("follows a file in the input folder, relative to the dump", () => {
    expect(localReference("news/page.html", "page_files/a.jpg")).toBe("news/page_files/a.jpg");
    expect(localReference("news/page.html", "./page_files/a%20b.jpg?v=2#x")).toBe(
      "news/page_files/a b.jpg",
    );
    expect(localReference("page.html", "../page.jpg")).toBe(undefined);
    expect(localReference("news/page.html", "../photo.jpg")).toBe("photo.jpg");
  });

  it("never the network, an absolute path, another scheme or a way out of the folder", () => {
    for (const src of [
      "https://example.com/a.jpg",
      "http://example.com/a.jpg",
      "//cdn.example.com/a.jpg",
      "/etc/passwd",
      "file:///etc/passwd",
      "javascript:alert(1)",
      "../../etc/passwd",
      "..%2F..%2Fetc%2Fpasswd",
      "page_files/../../../etc/passwd",
      "..\\..\\etc\\passwd",
      ".git/config",
      "",
    ])
      expect(localReference("news/page.html", src), src).toBe(undefined);
  });

  it("whatever the reference, what is followed stays inside the input folder", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("..", ".", "a", "b_files", "%2e%2e", "\\", "/", "x.jpg", "%"), {
          maxLength: 8,
        }),
        fc.constantFrom("p.html", "s/p.html", "s/t/p.html"),
        (parts, dump) => {
          const ref = localReference(dump, parts.join(""));
          if (ref === undefined || ref.startsWith("data:")) return;
          expect(ref.startsWith("/")).toBe(false);
          expect(ref.split("/")).not.toContain("..");
          expect(path.posix.normalize(ref)).toBe(ref);
        },
      ),
    );
  });

  it("a saved page's files and images are not dumps", () => {
    expect([
      ...pageAssets([
        "a.html",
        "a_files/style.css",
        "a_files/x.jpg",
        "b.txt",
        "b.jpg",
        "c_files/s.css",
      ]),
    ]).toEqual(["a_files/style.css", "a_files/x.jpg", "b.jpg"]);
  });
});

describe("images: the import keeps the lead image beside the article", () => {
  async function setUp() {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "content/articles");
    const media = path.join(root, "content/media");
    mkdirSync(path.join(raw, "page_files"), { recursive: true });
    const photo = await jpeg(200);
    // A page saved with its files: the og:image is on the network, the figure's copy is local.
    writeFileSync(path.join(raw, "page_files/harvest.jpg"), photo);
    writeFileSync(path.join(raw, "page_files/style.css"), "body{}");
    writeFileSync(
      path.join(raw, "page.html"),
      savedPage(
        "بدء موسم حصاد القمح في الصعيد",
        '<meta property="og:image" content="https://example.com/img/harvest.jpg">',
        '<figure><img src="page_files/harvest.jpg" alt="حقل قمح"><figcaption>حصاد القمح في سوهاج <span class="credit">تصوير: أحمد علي</span></figcaption></figure>',
      ),
    );
    // A text dump and its sidecar, pointing at the same photo: one media file.
    writeFileSync(path.join(raw, "story.txt"), textDump("توقعات بإنتاج قمح يفوق العام الماضي"));
    writeFileSync(
      path.join(raw, "story.meta.json"),
      JSON.stringify({ image: "page_files/harvest.jpg", caption: "سنابل", credit: "وكالة" }),
    );
    // Not an image: reported, the article still imported.
    writeFileSync(path.join(raw, "fake.jpg"), "<html>404</html>");
    writeFileSync(path.join(raw, "other.txt"), textDump("الصوامع الحكومية تستقبل المحصول"));
    writeFileSync(path.join(raw, "other.meta.json"), JSON.stringify({ image: "fake.jpg" }));
    // A way out of the input folder: not followed.
    writeFileSync(path.join(raw, "escape.txt"), textDump("أسعار التوريد تشجع المزارعين"));
    writeFileSync(
      path.join(raw, "escape.meta.json"),
      JSON.stringify({ image: "../../../../etc/passwd" }),
    );
    // Remote only: nothing kept, nothing said.
    writeFileSync(
      path.join(raw, "remote.html"),
      savedPage(
        "ارتفاع درجات الحرارة يعجل الحصاد",
        '<meta property="og:image" content="https://example.com/a.jpg">',
        '<figure><img src="https://example.com/a.jpg"></figure>',
      ),
    );
    // Inline in the page.
    const png = await sharp({
      create: { width: 30, height: 20, channels: 3, background: "#224466" },
    })
      .png()
      .toBuffer();
    writeFileSync(
      path.join(raw, "inline.html"),
      savedPage(
        "مساحات جديدة مزروعة بالقمح",
        "",
        `<figure><img src="data:image/png;base64,${png.toString("base64")}"></figure>`,
      ),
    );
    const run = (dryRun = false) =>
      runImport({ ...pipelineContext(), inDir: raw, outDir: out, dryRun, cacheFile: null });
    return { raw, out, media, photo, png, run };
  }

  it("from a saved page, a sidecar and a data: URL; deduplicated; bad ones reported", async () => {
    const { out, media, photo, png, run } = await setUp();
    const report = await run();
    const byFile = new Map(report.inputs.map((i) => [i.file, i]));
    // The page's files are not inputs.
    expect([...byFile.keys()]).toEqual([
      "escape.txt",
      "inline.html",
      "other.txt",
      "page.html",
      "remote.html",
      "story.txt",
    ]);
    for (const input of report.inputs)
      expect(input.outcome, `${input.file}: ${input.reason}`).toBe("imported");
    const fm = (file: string) =>
      readArticleFile(readFileSync(path.join(out, byFile.get(file)?.article as string), "utf8"))
        .frontMatter;

    const page = fm("page.html").image;
    expect(page).toMatchObject({
      width: 64,
      height: 48,
      alt: "حقل قمح",
      caption: "حصاد القمح في سوهاج",
      credit: "تصوير: أحمد علي",
    });
    expect(page?.src).toMatch(/^media\/[0-9a-f]{2}\/[0-9a-f]{24}\.jpg$/);
    // The sidecar's photo is the same bytes: the same file, its own caption and credit.
    expect(fm("story.txt").image).toEqual({
      src: page?.src,
      width: 64,
      height: 48,
      caption: "سنابل",
      credit: "وكالة",
    });
    expect(fm("inline.html").image).toMatchObject({ width: 30, height: 20 });
    expect(fm("remote.html").image).toBe(undefined);
    expect(byFile.get("remote.html")?.warnings.join()).not.toMatch(/image/);
    expect(fm("other.txt").image).toBe(undefined);
    expect(byFile.get("other.txt")?.warnings).toContain(
      'image "fake.jpg" is not a JPEG, PNG, GIF, WebP or AVIF image; not kept',
    );
    expect(fm("escape.txt").image).toBe(undefined);
    expect(byFile.get("escape.txt")?.warnings.join()).toMatch(
      /is not a file in the input folder beside the dump/,
    );

    const kept = await listFiles(media);
    expect(kept).toHaveLength(2);
    expect(readFileSync(path.join(media, (page?.src ?? "").slice(6)))).toEqual(photo);
    const inline = fm("inline.html").image?.src ?? "";
    expect(readFileSync(path.join(media, inline.slice(6)))).toEqual(png);

    // Again: nothing changes; a media file deleted is missed by --check and written back.
    expect(inSync(await run())).toBe(true);
    rmSync(path.join(media, inline.slice(6)));
    const check = await run(true);
    expect(inSync(check)).toBe(false);
    expect(check.inputs.find((i) => i.file === "inline.html")?.outcome).toBe("updated");
    await run();
    expect(readFileSync(path.join(media, inline.slice(6)))).toEqual(png);
    expect(inSync(await run(true))).toBe(true);
  });

  it("a re-import from the cache notices the image file changed", async () => {
    const { raw, out, media, run: _run } = await setUp();
    const cacheFile = path.join(path.dirname(out), "cache.json");
    const run = () => runImport({ ...pipelineContext(), inDir: raw, outDir: out, cacheFile });
    await run();
    const second = await run();
    expect(second.reused).toBeGreaterThan(0);
    const before = await listFiles(media);
    writeFileSync(path.join(raw, "page_files/harvest.jpg"), await jpeg(20));
    const third = await run();
    const changed = third.inputs.filter((i) => i.outcome === "updated").map((i) => i.file);
    expect(changed).toEqual(["page.html", "story.txt"]);
    // The old photo no article shows any more is gone; the new one is there.
    const after = await listFiles(media);
    expect(after).toHaveLength(2);
    expect(third.unusedMedia).toEqual(before.filter((f) => !after.includes(f)));
    // A stray file in the media folder: --check says content is not what an import writes.
    mkdirSync(path.join(media, "ff"), { recursive: true });
    writeFileSync(path.join(media, "ff/stray.jpg"), "x");
    const check = await runImport({ ...pipelineContext(), inDir: raw, outDir: out, dryRun: true });
    expect(inSync(check)).toBe(false);
    expect(check.unusedMedia).toEqual(["ff/stray.jpg"]);
    expect(inSync(await run())).toBe(false);
    expect(
      inSync(await runImport({ ...pipelineContext(), inDir: raw, outDir: out, dryRun: true })),
    ).toBe(true);
  });
});
