import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ArticleFrontMatter,
  FLOW_KEYS,
  frontMatterFieldsOf,
} from "../../scripts/lib/article-file.ts";
import { packageYaml, quickYaml } from "../../scripts/lib/front-matter-yaml.ts";

// Pieces of text a YAML writer must think about: indicators at the start, ": " and " #",
// words that read as other types, quotes, flow indicators, document markers, controls.
const awkward = fc.constantFrom(
  "",
  " ",
  "true",
  "Null",
  "~",
  "1e5",
  "-12",
  "0x1F",
  "0o17",
  ".inf",
  "+.5",
  "2025-11-16",
  "12:30",
  ": ",
  ":",
  " #",
  "#",
  "- ",
  "-",
  "? ",
  "?",
  "'",
  '"',
  "\\",
  "[",
  "]",
  "{",
  ",",
  "&",
  "*",
  "!",
  "|",
  ">",
  "%",
  "@",
  "`",
  "---",
  "...",
  "\n",
  "\t",
  "\u0007",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "\ud83d\ude00",
  "\ud800",
  "“",
  "«",
);
// Mostly ordinary words, so that many front matters are ones the quick path answers.
const word = fc.oneof(
  {
    arbitrary: fc.constantFrom("بغداد", "الأرصاد", " ", "وزير الصحة", "news", "1", "50%"),
    weight: 40,
  },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }), weight: 1 },
  { arbitrary: awkward, weight: 1 },
);
const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(""));
const some = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const image = fc.record({
  src: text,
  width: fc.integer({ min: 1, max: 5000 }),
  height: fc.integer({ min: 1, max: 5000 }),
  alt: some(text),
  caption: some(text),
  credit: some(text),
});

const frontMatter: fc.Arbitrary<ArticleFrontMatter> = fc
  .record({
    title: text,
    date: some(text),
    lang: text,
    dir: fc.constantFrom("rtl" as const, "ltr" as const),
    author: some(text),
    section: some(text),
    image: some(image),
    figures: some(
      fc.array(
        fc.tuple(fc.nat(30), image).map(([after, i]) => ({ after, ...i })),
        { maxLength: 3 },
      ),
    ),
    tags: fc.array(text, { maxLength: 5 }),
    related: fc.array(text, { maxLength: 4 }),
    source: fc.record({
      file: text,
      record: some(fc.integer({ min: 1, max: 1_000_000 })),
      sha256: some(fc.stringMatching(/^[0-9a-f]{6,64}$/)),
      name: some(text),
      url: some(text),
    }),
  })
  .map((fm) => JSON.parse(JSON.stringify(fm)) as ArticleFrontMatter); // drop undefined keys

describe("front matter written as YAML", () => {
  it("is the yaml package's text byte for byte whenever the quick path answers", () => {
    let answered = 0;
    fc.assert(
      fc.property(frontMatter, (fm) => {
        const fields = frontMatterFieldsOf(fm);
        const quick = quickYaml(fields, FLOW_KEYS);
        if (quick !== undefined) {
          answered++;
          expect(quick).toBe(packageYaml(fields, FLOW_KEYS));
        }
      }),
      { numRuns: 3000 },
    );
    // A comparison that never ran would prove nothing.
    expect(answered).toBeGreaterThan(100);
  });

  it("answers for a news article's usual text: plain words, a headline with a colon, percents, guillemets", () => {
    const fm: ArticleFrontMatter = {
      title: "الأرصاد: طقس مستقر وارتفاع طفيف في درجات الحرارة",
      date: "2025-11-16",
      lang: "ar",
      dir: "rtl",
      author: "أحمد علي",
      tags: ["الأردن", "عمان", "الأمم المتحدة"],
      related: [
        "الموانئ العراقية: ارتفاع حركة السفن في أم قصر بنسبة 12%",
        "وزير الصحة يشارك في جلسة بعنوان «تعزيز الرعاية الصحية الأولية»",
        "2025",
      ],
      source: {
        file: "000_de5a449507217197.txt",
        sha256: "5e2d".padEnd(64, "0"),
        url: "https://example.com/a?b=1#c",
      },
    };
    const fields = frontMatterFieldsOf(fm);
    const quick = quickYaml(fields, FLOW_KEYS);
    expect(quick).toBe(packageYaml(fields, FLOW_KEYS));
    expect(quick).toContain('title: "الأرصاد: طقس');
    expect(quick).toContain('  - "2025"\n');
  });

  it("leaves to the package a value it would write in single quotes or with escapes", () => {
    for (const title of ['قال: "نعم"', "سطر\u0007", "a\\b"]) {
      const fm: ArticleFrontMatter = {
        title,
        lang: "ar",
        dir: "rtl",
        tags: [],
        related: [],
        source: { file: "a.txt" },
      };
      expect(quickYaml(frontMatterFieldsOf(fm), FLOW_KEYS)).toBeUndefined();
    }
  });
});
