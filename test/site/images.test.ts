import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { mediaPath } from "../../scripts/lib/import/media.ts";
import { IMAGE_WIDTHS, responsiveImage, widthsFor } from "../../scripts/lib/site/images.ts";
import { fileHashes } from "../helpers/files.ts";
import { buildFixtureSite } from "../helpers/site.ts";

describe("a photo's widths and files", () => {
  it("are never wider than the photo, and always include one", () => {
    expect(widthsFor(1600)).toEqual([240, 480, 960, 1600]);
    expect(widthsFor(1200)).toEqual([240, 480, 960, 1200]);
    expect(widthsFor(4000)).toEqual([240, 480, 960, 1600]);
    expect(widthsFor(100)).toEqual([100]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (w) => {
        const widths = widthsFor(w);
        expect(widths.length).toBeGreaterThan(0);
        expect(widths.every((x) => x <= w && x <= (IMAGE_WIDTHS.at(-1) as number))).toBe(true);
        expect(widths).toEqual([...widths].sort((a, b) => a - b));
      }),
    );
  });

  it("are named by the kept file's hash: AVIF, WebP, then a JPEG (a PNG stays a PNG)", () => {
    const jpeg = responsiveImage({
      src: "media/ab/abcdef0123456789abcdef01.jpg",
      width: 500,
      height: 250,
    });
    expect(jpeg.sources.map((s) => s.type)).toEqual(["image/avif", "image/webp", "image/jpeg"]);
    expect(jpeg.sources[2]?.variants).toEqual([
      {
        width: 240,
        height: 120,
        url: expect.stringMatching(/^\/img\/abcdef0123456789abcdef01-[0-9a-f]{6}-240\.jpg$/),
      },
      { width: 480, height: 240, url: expect.stringMatching(/-480\.jpg$/) },
      { width: 500, height: 250, url: expect.stringMatching(/-500\.jpg$/) },
    ]);
    const png = responsiveImage({ src: "media/cd/cdef.png", width: 100, height: 100 });
    expect(png.sources.map((s) => s.format)).toEqual(["avif", "webp", "png"]);
  });
});

describe("an article's photo on the site", async () => {
  const photo = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: { r: 190, g: 150, b: 90 } },
  })
    .jpeg()
    .toBuffer();
  const src = mediaPath(photo, "jpeg");
  const graphic = await sharp({
    create: { width: 300, height: 200, channels: 3, background: { r: 20, g: 90, b: 160 } },
  })
    .png()
    .toBuffer();
  const graphicSrc = mediaPath(graphic, "png");
  const article = (title: string, image: string) =>
    `---\ntitle: ${title}\ndate: 2025-03-01\ntags: [الأقصر]\n${image}source:\n  file: x.txt\n---\n\nنص الخبر.\n`;
  const articles = {
    "2025/03/photo.md": article(
      "كشف أثري في الأقصر",
      `image:\n  src: ${src}\n  width: 1200\n  height: 800\n  caption: "مدخل <script>alert(1)</script> المقبرة"\n  credit: "تصوير: «وكالة»"\n`,
    ),
    "2025/03/lost.md": article(
      "خبر فقدت صورته",
      "image:\n  src: media/00/00000000000000000000dead.jpg\n  width: 10\n  height: 10\n",
    ),
    "2025/03/figures.md": `---\ntitle: معرض في الأقصر\ndate: 2025-03-02\nfigures:\n  - after: 1\n    src: ${graphicSrc}\n    width: 300\n    height: 200\n    alt: خريطة\n    caption: "خريطة <script>alert(2)</script> الموقع"\n    credit: وكالة\n  - after: 2\n    src: media/00/00000000000000000000beef.jpg\n    width: 10\n    height: 10\n  - after: 9\n    src: ${src}\n    width: 1200\n    height: 800\ntags: []\nsource:\n  file: y.txt\n---\n\nالفقرة الأولى.\n\nالفقرة الثانية.\n\nالفقرة الثالثة.\n`,
  };
  const options = {
    pathPrefix: "/archive/",
    baseUrl: "https://example.org",
    files: { [src]: photo, [graphicSrc]: graphic },
  };
  const site = await buildFixtureSite(articles, options);
  const read = (rel: string) => readFileSync(path.join(site.output, rel), "utf8");
  const page = read("articles/2025/03/photo/index.html");

  it("is a responsive <picture> under the headline, its caption and credit escaped", () => {
    const figure = /<figure class="lead-image">[\s\S]*?<\/figure>/.exec(page)?.[0] ?? "";
    expect(figure).toMatch(
      /<source type="image\/avif" srcset="\/archive\/img\/[^"]+-240\.avif 240w, /,
    );
    expect(figure).toContain('<source type="image/webp"');
    expect(figure).toMatch(
      /<img src="\/archive\/img\/[^"]+-1200\.jpg" srcset="[^"]+" sizes="[^"]+" width="1200" height="800" alt="" loading="eager" fetchpriority="high" decoding="async">/,
    );
    expect(figure).toContain(
      '<figcaption dir="auto" data-pagefind-ignore>مدخل &lt;script&gt;alert(1)&lt;/script&gt; المقبرة <span class="credit">تصوير: «وكالة»</span></figcaption>',
    );
    expect(page).not.toContain("<script>alert");
    // Search results show its smallest JPEG.
    expect(page).toMatch(/data-pagefind-meta="image:\/archive\/img\/[^"]+-240\.jpg"/);
  });

  it("links only files the build made, from the local photo", () => {
    const urls = [...page.matchAll(/\/archive\/(img\/[^\s",]+)/g)].map((m) => m[1] as string);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(existsSync(path.join(site.output, url)), url).toBe(true);
  });

  it("is the link preview's, the structured data's and the feeds' image, as absolute URLs", () => {
    const absolute = /https:\/\/example\.org\/archive\/img\/[0-9a-f]{24}-[0-9a-f]{6}-1200\.jpg/;
    expect(page).toMatch(new RegExp(`<meta property="og:image" content="${absolute.source}">`));
    expect(page).toContain('<meta property="og:image:width" content="1200">');
    expect(page).toMatch(new RegExp(`"image":\\["${absolute.source}"\\]`));
    const json = JSON.parse(read("feed.json")) as { items: { title: string; image?: string }[] };
    expect(json.items.find((i) => i.title === "كشف أثري في الأقصر")?.image).toMatch(absolute);
    expect(read("feed.xml")).toMatch(
      new RegExp(`<link rel="enclosure" type="image/jpeg" href="${absolute.source}"/>`),
    );
  });

  it("is a lazy thumbnail in listings", () => {
    const home = read("index.html");
    expect(home).toMatch(
      /<li class="with-thumb">\n<a class="thumb" href="\/archive\/articles\/2025\/03\/photo\/"/,
    );
    expect(home).toMatch(/sizes="6rem" width="1200" height="800" alt="" loading="lazy"/);
  });

  it("a photo missing from the content folder: the page is built without it", () => {
    const lost = read("articles/2025/03/lost/index.html");
    expect(lost).not.toContain("<picture");
    expect(lost).not.toContain("og:image");
  });

  it("figures stand after their paragraphs, lazy, captions escaped and not searched; a missing one is left out", () => {
    const figuresPage = read("articles/2025/03/figures/index.html");
    const body =
      /<div class="article-body">([\s\S]*?)<\/div>\n<footer/.exec(figuresPage)?.[1] ?? "";
    const order = [...body.matchAll(/<p>([^<]+)<\/p>|<figure class="inline-figure">/g)].map(
      (m) => m[1] ?? "figure",
    );
    expect(order).toEqual([
      "الفقرة الأولى.",
      "figure",
      "الفقرة الثانية.",
      "الفقرة الثالثة.",
      "figure",
    ]);
    expect(body).not.toContain("beef");
    const [first, last] = [
      ...body.matchAll(/<figure class="inline-figure">[\s\S]*?<\/figure>/g),
    ].map((m) => m[0]);
    expect(first).toMatch(
      /<source type="image\/avif" srcset="\/archive\/img\/[^"]+-240\.avif 240w, /,
    );
    expect(first).toMatch(
      /<img src="\/archive\/img\/[^"]+-300\.png" srcset="[^"]+" sizes="[^"]+" width="300" height="200" alt="خريطة" loading="lazy" decoding="async">/,
    );
    expect(first).toContain(
      '<figcaption dir="auto" data-pagefind-ignore>خريطة &lt;script&gt;alert(2)&lt;/script&gt; الموقع <span class="credit">وكالة</span></figcaption>',
    );
    expect(last).not.toContain("figcaption");
    expect(body).not.toContain("fetchpriority");
    expect(figuresPage).not.toContain("<script>alert");
    // Not the page's lead photo: no preview image, no search thumbnail; the caption is not in the alias field.
    expect(figuresPage).not.toContain("og:image");
    expect(figuresPage).not.toContain('data-pagefind-meta="image:');
    expect(/data-pagefind-meta="alias:[^"]*"/.exec(figuresPage)?.[0]).not.toContain("الموقع");
    const urls = [...body.matchAll(/\/archive\/(img\/[^\s",]+)/g)].map((m) => m[1] as string);
    expect(urls.some((u) => u.endsWith(".png"))).toBe(true);
    for (const url of urls) expect(existsSync(path.join(site.output, url)), url).toBe(true);
  });

  it("the same photo makes the same bytes in another build", async () => {
    const again = await buildFixtureSite(articles, options);
    const images = (root: string) =>
      Object.fromEntries(
        Object.entries(fileHashes(root)).filter(([file]) => file.startsWith("img/")),
      );
    // The lead photo's 12 files and the figure's 6 (240 and 300 wide, AVIF, WebP, PNG).
    expect(Object.keys(images(site.output))).toHaveLength(18);
    expect(images(again.output)).toEqual(images(site.output));
  });
});
