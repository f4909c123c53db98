import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeParagraph } from "../../scripts/lib/import/markdown-escape.ts";
import { normaliseLine } from "../../scripts/lib/import/normalise.ts";
import { createMarkdown } from "../../scripts/lib/site/markdown.ts";

const md = createMarkdown();

/** What a reader sees: the rendered paragraph's text content. */
function renderedText(markdown: string): string {
  const html = md.render(markdown);
  const m = /^<p>([\s\S]*)<\/p>\n$/.exec(html);
  if (!m) throw new Error(`not a single paragraph: ${JSON.stringify(html)}`);
  const inner = m[1] as string;
  expect(inner).not.toMatch(/<[a-z]/i); // no element of any kind, only text
  return inner
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

// Markdown-significant characters, Arabic letters and marks, spaces of all kinds.
const tricky = fc.constantFrom(
  ..."#>-+*_`[]()!<>&~|\\{}:.1234567890 \u00A0\t=ا ب ة ى ـ َ ً «»“”".split(""),
  "&amp;",
  "&#x41;",
  "<b>",
  "[x](y)",
  "{{ x }}",
  "{% raw %}",
  "```",
  "~~~",
  "1.",
  "1)",
  "1-",
  "- ",
  "* ",
  "---",
  "<http://a.b>",
  "http://example.com",
);
const text = fc.oneof(
  fc.array(tricky, { maxLength: 30 }).map((parts) => parts.join("")),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
);

describe("markdown escaping of body paragraphs", () => {
  it("renders exactly the source text, for any text", () => {
    fc.assert(
      fc.property(text, (raw) => {
        const paragraph = normaliseLine(raw);
        fc.pre(paragraph.length > 0);
        expect(renderedText(escapeParagraph(paragraph))).toBe(paragraph);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["# عنوان"],
    ["1- البند الأول"],
    ["1. البند الأول"],
    ["2) البند الثاني"],
    ["- نقطة"],
    ["+ نقطة"],
    ["> اقتباس"],
    ["نص *مهم* و_مائل_ و`كود`"],
    ["وسم <b>عريض</b> و<script>alert(1)</script>"],
    ["[رابط](http://example.com) و![صورة](x.png)"],
    ["{{ متغير }} و{% tag %}"],
    ["---"],
    ["&copy; &amp; &#1575;"],
    ["مسار C:\\Windows\\ و\\*"],
  ])("keeps %s literal", (paragraph) => {
    expect(renderedText(escapeParagraph(paragraph))).toBe(paragraph);
  });

  it("leaves ordinary Arabic prose untouched, so diffs stay readable", () => {
    const prose =
      "وقال المصدر العراقي أيضا :انسحاب قوات التحالف سيكون في سبتمبر المقبل، وأن المدربين “سيبقون”.";
    expect(escapeParagraph(prose)).toBe(prose);
  });
});
