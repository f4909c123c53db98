import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { words } from "../../scripts/lib/arabic.ts";
import { aliasWords, queryWords, readings, searchForm } from "../../scripts/lib/search/fold.ts";
import { shownFor } from "../helpers/search-model.ts";

/** Whether a query finds a text: through the text as Pagefind indexes it, or the alias. */
const reaches = (text: string, query: string) =>
  shownFor([...words(text), ...aliasWords(text)], query);

describe("search folding", () => {
  it.each([
    ["وصلت إلى غزة", "غزه"],
    ["أعلنت الخطة", "خطه"],
    ["قال مسؤول", "مسئول"],
    ["قال مسئول", "مسؤول"],
    ["وزارة الشؤون", "شئون"],
    ["زيارة ایران", "إيران"],
    ["کتاب جديد", "كتاب"],
    ["القوات والأمريكية", "امريكية"],
    ["القوات والأمريكية", "الأمريكية"],
    ["للمستشفى", "مستشفي"],
    ["فالحكومــة", "الحكومة"],
    ["الأَمْن", "الامن"],
    ["عام ٢٠٢٤", "2024"],
    ["عام 2024", "٢٠٢٤"],
  ])("lets «%s» be found by «%s»", (text, query) => {
    expect(reaches(text, query)).toBe(true);
  });

  it.each([
    ["كتبت الصحيفة", "التبت"],
    ["رئيس الوزراء", "الرئيسية"],
    ["أم قصر", "امريكا"],
    ["وزير الخارجية", "زير"],
    // a proclitic before a word without the article: only where the archive holds the word (proclitics.test.ts)
    ["بين حماس وإسرائيل", "اسرائيل"],
  ])("does not let «%s» be found by «%s»", (text, query) => {
    expect(reaches(text, query)).toBe(false);
  });

  it("adds to the alias only spellings the text does not already have", () => {
    expect(aliasWords("قال الوزير في بيان")).toEqual(["وزير"]);
    expect(aliasWords("غزة")).toEqual(["غزه"]);
  });

  it("keeps one search form a word: no article, no proclitic, at least three letters", () => {
    expect(aliasWords("والأمريكية")).toEqual(["امريكيه"]);
    expect(aliasWords("للمستشفى")).toEqual(["مستشفي"]);
    expect(queryWords("الأمريكية للمستشفى")).toEqual(["امريكيه", "مستشفي"]);
    expect(searchForm("والله")).toBe("الله");
    expect(searchForm("الان")).toBe("الان");
    expect(searchForm("وزير")).toBe("وزير");
  });

  it("reads proclitics off the front of a word", () => {
    expect(readings("والامريكيه")).toEqual(["والامريكيه", "الامريكيه", "امريكيه"]);
    expect(readings("للمستشفي")).toEqual(["للمستشفي", "المستشفي", "مستشفي"]);
    expect(readings("وزير")).toEqual(["وزير"]);
  });

  it("always lets a word be found by itself, whatever its spelling", () => {
    const letter = fc.constantFrom(..."ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىةـًٌٍَُِّْی".split(""));
    fc.assert(
      fc.property(
        fc.array(letter, { minLength: 2, maxLength: 10 }).map((l) => l.join("")),
        (word) => {
          fc.pre(queryWords(word).length === 1);
          expect(reaches(word, word)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
