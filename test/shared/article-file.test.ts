import fc from "fast-check";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import {
  type ArticleFrontMatter,
  frontMatterFields,
  frontMatterLine,
  isUntouched,
  parseFrontMatter,
  readArticleFile,
  sourceOf,
  sourceShaOf,
  splitArticleFile,
  writeArticleFile,
} from "../../scripts/lib/article-file.ts";

const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 });
const optionalText = fc.option(text, { nil: undefined });
const dateArb = fc.option(
  fc.oneof(
    fc
      .date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc.constant("2025-11-16T23:30:00+03:00"),
  ),
  { nil: undefined },
);

const frontMatterArb: fc.Arbitrary<ArticleFrontMatter> = fc
  .record({
    title: text,
    date: dateArb,
    lang: fc.constantFrom("ar", "en", "fa", "fr"),
    dir: fc.constantFrom("rtl" as const, "ltr" as const),
    author: optionalText,
    section: optionalText,
    tags: fc.array(text, { maxLength: 4 }),
    related: fc.array(text, { maxLength: 3 }),
    source: fc.record({
      file: fc.stringMatching(/^[a-z0-9_]{1,12}\.(txt|jsonl|html)$/),
      record: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
      sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
      name: optionalText,
      url: fc.option(fc.webUrl(), { nil: undefined }),
    }),
  })
  .map((fm) => JSON.parse(JSON.stringify(fm)) as ArticleFrontMatter); // drop undefined keys

describe("the article file", () => {
  it("reads back every field it writes (so no field can be declared and never written)", () => {
    fc.assert(
      fc.property(frontMatterArb, fc.array(text, { minLength: 1, maxLength: 3 }), (fm, body) => {
        const plainBody = body.map((p) => p.replace(/\s+/g, " ").trim() || "x");
        const file = readArticleFile(writeArticleFile(fm, plainBody));
        expect(file.frontMatter).toEqual(fm);
        expect(file.body).toBe(`\n${plainBody.join("\n\n")}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it("reads its front matter as the yaml package does (js-yaml, core schema), words that look like YAML values too", () => {
    // Text that a YAML parser could take for something else, if the writer did not quote it.
    const lookalike = fc.constantFrom(
      "yes",
      "no",
      "null",
      "~",
      "true",
      "False",
      "1e5",
      "0x1F",
      "0o17",
      "1_000",
      ".inf",
      "-.5",
      "2025-01-01",
      "12:30",
      "#وسم",
      "- بند",
      "a: b",
      "'",
      '"',
      "[1]",
      "{}",
      "&x",
      "*x",
      "!tag",
      "%",
    );
    const word = fc.oneof(text, lookalike);
    const fmArb = fc
      .tuple(
        frontMatterArb,
        word,
        fc.array(word, { maxLength: 4 }),
        fc.option(word, { nil: undefined }),
      )
      .map(([fm, title, tags, author]) => ({ ...fm, title, tags, ...(author ? { author } : {}) }));
    fc.assert(
      fc.property(fmArb, (fm) => {
        const head = splitArticleFile(writeArticleFile(fm, ["نص."]))?.head ?? "";
        const withoutFingerprint = (v: unknown) => {
          // The fingerprint is hex, which yaml may read as a number («1234e5…»); it is read as a line.
          const { imported: _, ...rest } = v as Record<string, unknown>;
          return rest;
        };
        expect(withoutFingerprint(parseFrontMatter(head))).toEqual(
          withoutFingerprint(YAML.parse(head)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("keeps a JSON Lines record's number, which a second import needs to find the article again", () => {
    const written = writeArticleFile(
      {
        title: "خبر",
        lang: "ar",
        dir: "rtl",
        tags: [],
        related: [],
        source: { file: "feed.jsonl", record: 2, sha256: "a".repeat(64) },
      },
      ["نص."],
    );
    expect(sourceOf(written)).toEqual({ file: "feed.jsonl", record: 2 });
    expect(sourceShaOf(written)).toBe("a".repeat(64));
  });

  it("writes keys in one order, the fingerprint last", () => {
    const written = writeArticleFile(
      {
        title: "t",
        date: "2025-01-02",
        lang: "ar",
        dir: "rtl",
        author: "a",
        section: "s",
        tags: ["x"],
        related: ["r"],
        source: { file: "f.txt", sha256: "0".repeat(64), name: "n", url: "https://e.org/a" },
      },
      ["p"],
    );
    const keys = (splitArticleFile(written)?.head ?? "")
      .split("\n")
      .filter((l) => /^[a-z0-9]+:/.test(l))
      .map((l) => l.slice(0, l.indexOf(":")));
    expect(keys).toEqual([
      "title",
      "date",
      "lang",
      "dir",
      "author",
      "section",
      "tags",
      "related",
      "source",
      "imported",
    ]);
    expect(frontMatterLine(written, "section")).toBe("section: s");
    expect(frontMatterFields(written)?.fields.source).toEqual({
      file: "f.txt",
      sha256: "0".repeat(64),
      name: "n",
      url: "https://e.org/a",
    });
  });

  it("tells a file as written from one changed anywhere by a single character", () => {
    const written = writeArticleFile(
      {
        title: "عنوان",
        lang: "ar",
        dir: "rtl",
        tags: ["وسم"],
        related: [],
        source: { file: "a.txt", sha256: "0".repeat(64) },
      },
      ["فقرة أولى.", "فقرة ثانية."],
    );
    expect(isUntouched(written)).toBe(true);
    fc.assert(
      fc.property(
        fc.nat({ max: written.length - 1 }),
        fc.constantFrom("ا", "x", " ", "\n"),
        (at, ch) => {
          fc.pre(written[at] !== ch);
          const edited = written.slice(0, at) + ch + written.slice(at + 1);
          expect(isUntouched(edited)).toBe(false);
        },
      ),
    );
  });

  it("says what is wrong with a file that is not an article", () => {
    expect(() => readArticleFile("no front matter")).toThrow(/no front matter/);
    expect(() => readArticleFile("---\ntitle: [\n---\n")).toThrow(/not valid YAML/);
    expect(() => readArticleFile("---\nlang: ar\n---\n")).toThrow(/"title" is missing/);
    expect(() => readArticleFile("---\ntitle: x\ndir: up\n---\n")).toThrow(/dir must be/);
    expect(() => readArticleFile("---\ntitle: x\nrelated: [1]\n---\n")).toThrow(/list of text/);
    // A file written by hand: only a title; the rest takes the archive's defaults.
    expect(readArticleFile("---\ntitle: x\n---\nنص").frontMatter).toEqual({
      title: "x",
      lang: "ar",
      dir: "rtl",
      tags: [],
      related: [],
      source: { file: "" },
    });
  });
});
