import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { excerptOf } from "../../scripts/browser/search-client.ts";
import { words } from "../../scripts/lib/arabic.ts";
import {
  aliasWords,
  indexedForms,
  matchesQueryWord,
  queryWords,
  readings,
  searchForm,
} from "../../scripts/lib/search/fold.ts";
import { shownFor } from "../helpers/search-model.ts";

/** Whether a query finds a text: through the text as Pagefind indexes it, or the alias. */
const reaches = (text: string, query: string) =>
  shownFor([...words(text).flatMap(indexedForms), ...aliasWords(text)], query);

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
    // A word at a time: «غزة» still gives غزه when the text also has غزه as written.
    expect(aliasWords("غزة أو غزه")).toEqual(["غزه"]);
  });

  it("leaves to Pagefind the forms it indexes itself: a word of Arabic letters without its marks", () => {
    expect(indexedForms("أعلنت")).toEqual(["أعلنت", "اعلنت"]);
    expect(indexedForms("شؤون")).toEqual(["شؤون", "شوون"]);
    expect(indexedForms("مُدرسة")).toEqual(["مُدرسة", "مدرسة"]);
    expect(indexedForms("وزير")).toEqual(["وزير"]);
    // Not a word of Arabic letters alone: where Pagefind cuts it is not for us to say.
    expect(indexedForms("أعلنت2024")).toEqual(["أعلنت2024"]);
    expect(aliasWords("أعلنت")).toEqual([]);
    expect(aliasWords("أعلنت2024")).toEqual(["اعلنت2024"]);
    expect(aliasWords("الأمريكية")).toEqual(["امريكيه"]);
    // مسؤول and مسئول meet at مسءول, which Pagefind does not make; مسوول it does.
    expect(aliasWords("مسؤول")).toEqual(["مسءول"]);
    // …and the search page takes the word for the bare seat Pagefind found it by, not another.
    expect(matchesQueryWord("مسؤول", "مسوول")).toBe(true);
    expect(matchesQueryWord("شئون", "شيون")).toBe(true);
    expect(matchesQueryWord("مسؤول", "مسيول")).toBe(false);
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

describe("a search result's excerpt", () => {
  const filler = Array.from({ length: 60 }, (_, i) => `كلمة${i}`).join(" ");
  const text = `${filler} وصل الوفد إلى الموصل صباح اليوم، ثم إلى غزة. ${filler}`;

  it("is around the first word the reader asked for, in any spelling or with its article", () => {
    for (const query of ["الموصل", "موصل", "بالموصل", "غزه"]) {
      const excerpt = excerptOf(text, [], queryWords(query));
      expect(excerpt, query).toMatch(query.includes("وصل") ? /الموصل/ : /غزة/);
      expect(excerpt.split(" ")).toHaveLength(28);
    }
  });

  it("is around Pagefind's first location when no word of the text is one asked for, and at the start with neither", () => {
    expect(excerptOf(text, [63], ["بغداد"])).toContain("الموصل");
    // A location past the text's words is in a metadata field: not a place in the text.
    expect(excerptOf(text, [500], ["بغداد"]).startsWith("كلمة0 ")).toBe(true);
    expect(excerptOf(text, [], []).startsWith("كلمة0 ")).toBe(true);
  });
});
