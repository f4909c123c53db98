import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldArabic, foldArabicAsSpecified } from "../../scripts/lib/arabic.ts";

/** Characters the fold treats specially, mixed with ordinary Arabic and Latin text. */
const tricky = [
  ..."أإآٱؤئىةیکـ",
  "\u064B", // fathatan
  "\u0651", // shadda
  "\u0670", // superscript alef
  "\u0654", // hamza above (composes under NFKC)
  "\u06D5", // ae, which hamza above composes with
  "\u200F", // RLM
  "\uFEFF",
  "\u00A0",
  "\uFEF7", // lam-alef ligature (presentation form)
  "\uFB50", // alef wasla isolated form
  "٠١٢٣٤٥٦٧٨٩۰۹",
  ..."ΣΟΔΟΣσς",
  "İ",
  "ǅ",
  "Ａ",
  "\uD83D",
  "\uDE00",
  ..."بغداد القاهرة Baghdad ÉTÉ ",
  "\n",
];
const trickyText = fc
  .array(fc.constantFrom(...tricky), { maxLength: 80 })
  .map((parts) => parts.join(""));

describe("foldArabic", () => {
  it("folds any text as the fold is specified (NFKC when needed, the table, lower case)", () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, fc.string({ unit: "binary" }), fc.string()), (text) => {
        expect(foldArabic(text)).toBe(foldArabicAsSpecified(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("folds lines joined as it folds each line (the import's duplicate key folds an article at once)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(trickyText, fc.string({ unit: "binary" }))), (lines) => {
        expect(foldArabic(lines.join("\n"))).toBe(lines.map(foldArabic).join("\n"));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["الأُمَم المُتَّحِدة", "الامم المتحده"],
    ["ΟΔΟΣ ΣΑΣ", "οδος σας"],
    ["İzmir", "i̇zmir"],
    ["ﻷن", "لان"],
    ["عام ٢٠٢٤", "عام 2024"],
  ])("folds «%s» to «%s»", (text, folded) => {
    expect(foldArabic(text)).toBe(folded);
  });

  it("folds a text longer than any before it, then a short one, each whole", () => {
    const long = "مُسؤولة ".repeat(5000);
    expect(foldArabic(long)).toBe("مسووله ".repeat(5000));
    expect(foldArabic("أمن")).toBe("امن");
  });
});
