import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldArabic, words } from "../../scripts/lib/arabic.ts";
import { countWords } from "../../scripts/lib/import/text/prose.ts";

/**
 * The importer's hot paths read characters through tables instead of regular
 * expressions; these properties hold them to what the expressions say.
 */
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc
    .array(
      fc.constantFrom(
        "قالَ",
        "الوزير",
        "١٢",
        "۲۱",
        "ـ",
        "\u200F",
        "U.S.",
        "al-Asad",
        "😀",
        "東京",
        " ",
        "،",
        "\u00A0",
        "é",
      ),
      { maxLength: 20 },
    )
    .map((parts) => parts.join("")),
);

describe("character tables", () => {
  it("split words exactly as /[\\p{L}\\p{M}\\p{N}]+/gu does, and count them without building them", () => {
    fc.assert(
      fc.property(text, (s) => {
        const expected = s.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
        expect(words(s)).toEqual(expected);
        expect(countWords(s)).toBe(expected.length);
      }),
      { numRuns: 3000 },
    );
  });

  it("fold as the step-by-step rules do (NFKC, marks and invisibles out, digits, letters, case)", () => {
    const byRules = (t: string) =>
      t
        .normalize("NFKC")
        .replace(/[\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g, "")
        .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g, "")
        .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
        .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
        .replace(/[آأإٱ]/g, "ا")
        .replace(/ؤ/g, "و")
        .replace(/[ئىی]/g, "ي")
        .replace(/ة/g, "ه")
        .replace(/ک/g, "ك")
        .toLowerCase();
    // Characters NFKC changes although they sit in Latin or Arabic blocks, and
    // a mark that composes with the letter before it (found by the property).
    for (const s of ["Ǆ", "ǅx", "ĳ", "ſ", "ٵ", "ە\u0654", "ے\u064E\u0654", "é\u0301"])
      expect(foldArabic(s), JSON.stringify(s)).toBe(byRules(s));
    fc.assert(
      fc.property(text, (s) => {
        expect(foldArabic(s)).toBe(byRules(s));
      }),
      { numRuns: 3000 },
    );
  });
});
