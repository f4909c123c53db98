import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldArabic } from "../../scripts/lib/arabic.ts";
import { lineKey, withoutEdges } from "../../scripts/lib/import/boilerplate.ts";
import { normaliseLine } from "../../scripts/lib/import/normalise.ts";

/** The line key as specified: normalised, folded, edge marks off, inner white space one space. */
const specified = (line: string) =>
  foldArabic(normaliseLine(line))
    .replace(/^[\p{P}\p{S}\s]+/u, "")
    .replace(/(?<![\p{P}\p{S}\s])[\p{P}\p{S}\s]+$/u, "")
    .replace(/\s+/g, " ");

/** Edge characters of every kind, letters, and what folding drops or turns into a space. */
const pieces = [
  ..."■•-–—:：«»\"'“”()[]،؛؟!?.…|/\\>›#*©®+=$€٪%",
  " ",
  "\u00A0",
  "\t",
  "\u3000",
  "\u200F", // RLM, dropped by the fold
  "ـ", // tatweel, dropped by the fold
  "\u064B", // fathatan, dropped by the fold
  "\uFE70", // fathatan isolated form: NFKC gives a space and the mark
  "\u00A8", // diaeresis: NFKC gives a space and a combining mark
  "📌", // a symbol outside the BMP (a surrogate pair)
  "𝐀", // a letter outside the BMP
  "\uD83D", // lone surrogates
  "\uDE00",
  ..."اقرأ أيضًا الوسوم Read more ÉTÉ 12",
];
const line = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(""));

describe("lineKey", () => {
  it("is the key as specified for any line", () => {
    fc.assert(
      fc.property(fc.oneof(line, fc.string({ unit: "binary" }), fc.string()), (text) => {
        expect(lineKey(text)).toBe(specified(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("takes marks off both ends, a pair of surrogates as one character", () => {
    expect(lineKey("■ اقرأ أيضًا -")).toBe("اقرا ايضا");
    expect(lineKey("«الوسوم:»")).toBe("الوسوم");
    expect(withoutEdges("📌 عاجل 📌")).toBe("عاجل");
    expect(withoutEdges("𝐀 عاجل")).toBe("𝐀 عاجل");
    expect(withoutEdges("\uD83D عاجل")).toBe("\uD83D عاجل");
    expect(withoutEdges("- : -")).toBe("");
  });
});
