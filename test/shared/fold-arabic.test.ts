import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
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
  it("folds a program's first texts the specified way, before its tables are built", async () => {
    // A module of its own: none of this file's folding has built its tables.
    vi.resetModules();
    const fresh = await import("../../scripts/lib/arabic.ts");
    fc.assert(
      fc.property(fc.oneof(trickyText, fc.string({ unit: "binary" })), (text) => {
        expect(fresh.foldArabic(text)).toBe(foldArabicAsSpecified(text));
      }),
      { numRuns: 500 },
    );
  });

  // The tables are built once a program has folded a megabyte or so (the importer's case).
  beforeAll(() => {
    foldArabic("ب".repeat(1 << 20));
  });

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

  it("folds long texts one after another each as itself", () => {
    const long = (text: string) => text.repeat(Math.ceil(2048 / Math.max(1, text.length)));
    fc.assert(
      fc.property(trickyText, trickyText, (a, b) => {
        const [first, second] = [long(a), long(b)];
        // The same text again as another string, then the other one again.
        for (const text of [first, second, first.split("").join(""), second, first])
          expect(foldArabic(text)).toBe(foldArabicAsSpecified(text));
      }),
      { numRuns: 300 },
    );
  });

  it("folds a text longer than any before it, then a short one, each whole", () => {
    const long = "مُسؤولة ".repeat(5000);
    expect(foldArabic(long)).toBe("مسووله ".repeat(5000));
    expect(foldArabic("أمن")).toBe("امن");
  });
});
