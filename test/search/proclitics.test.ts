import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { words } from "../../scripts/lib/arabic.ts";
import {
  aliasWords,
  indexedForms,
  marksQueryWord,
  matchesQueryWord,
} from "../../scripts/lib/search/fold.ts";
import {
  ArchiveVocabulary,
  foldedForms,
  procliticForms,
  procliticSplits,
} from "../../scripts/lib/search/proclitics.ts";
import { shownFor } from "../helpers/search-model.ts";

/**
 * A word held only after a one-letter proclitic («لمحافظة», «بمشاركة»,
 * «وزيادة», «كمصدر», «فقرار») is found by its bare word when the archive
 * holds that word — and «بنان» never finds Lebanon.
 */

/** Whether a query reaches an article of an archive: its text, its alias field and its bare forms. */
function reaches(article: string, query: string, others: string[]): boolean {
  const vocabulary = new ArchiveVocabulary();
  for (const text of [article, ...others]) vocabulary.addArticle(text);
  return shownFor(
    [
      ...words(article).flatMap(indexedForms),
      ...aliasWords(article),
      ...vocabulary.aliasOf(article),
    ],
    query,
  );
}

describe("a word after a one-letter proclitic", () => {
  it.each([
    ["وصل الوزير لمحافظة البصرة", "محافظة", "افتتاح مستشفى في محافظة نينوى"],
    ["انطلق المؤتمر بمشاركة عشرين دولة", "مشاركة", "أعلن النادي مشاركة لاعبيه"],
    ["وزيادة الرواتب مطلب قديم", "زيادة", "طالبت النقابة بزيادة… لا بل زيادة الأجور"],
    ["عمل كمصدر للمعلومات", "مصدر", "قال مصدر حكومي"],
    ["فقرار الحكومة نهائي", "قرار", "صدر قرار جديد"],
    ["وبمشاركة واسعة", "مشاركة", "مشاركة النساء"],
    ["ولمحافظة الأنبار حصة", "محافظة", "محافظة ديالى"],
    ["بين حماس وإسرائيل", "إسرائيل", "قالت إسرائيل"],
    // the bare word with the article elsewhere is the word too
    ["وقع الحادث بمدينة الموصل", "مدينة", "شوارع المدينة"],
    // hamza on its seat, both spellings of the query
    ["التقى لمسؤولين", "مسئولين", "قال مسؤولين"],
  ])("lets «%s» be found by «%s» when the archive holds the word («%s»)", (text, query, other) => {
    expect(reaches(text, query, [other])).toBe(true);
  });

  it.each([
    // the bare word is nowhere in the archive on its own
    ["انطلق المؤتمر بمشاركة عشرين دولة", "مشاركة", "خبر آخر"],
    ["زار لبنان", "بنان", "وصل إلى لبنان"],
    // words whose first letter is their own, though the rest is a word of the archive too
    ["زار لبنان", "بنان", "اسمها بنان"],
    ["صدر كتاب جديد", "تاب", "تاب عن ذنبه"],
    ["قال وزير الخارجية", "زير", "زير نساء"],
    ["فاز فريق الكرة", "ريق", "جف ريق العداء"],
    ["سلمت وبطاقة حمراء", "طاقة", "أزمة الطاقة"],
    ["تخزين كميات كبيرة", "مئات", "قتل مئات"],
    ["مشروع كبير", "بئر", "حفر بئر"],
    ["جاء كامل العدد", "أمل", "لا أمل"],
    // the «two letters» never cross a word of its own: «وبطاقة» is و + بطاقة
    ["وبطاقة التموين", "طاقة", "وزارة الطاقة"],
  ])("does not let «%s» be found by «%s» (archive: «%s»)", (text, query, other) => {
    expect(reaches(text, query, [other])).toBe(false);
  });

  it("takes a prefixed word far more common than its bare form for a word of its own", () => {
    const prefixed = "مهرجان بعلبك الدولي";
    const bare = "علبك";
    expect(reaches(prefixed, bare, [bare, ...Array(10).fill(prefixed)])).toBe(true);
    expect(reaches(prefixed, bare, [bare, ...Array(60).fill(prefixed)])).toBe(false);
  });

  it("splits only one or two proclitic letters off, never the article's forms, leaving three letters or more", () => {
    const letter = fc.constantFrom(..."ابتثجحخدذرزسشصضطظعغفقكلمنهويءة".split(""));
    fc.assert(
      fc.property(
        fc.array(letter, { minLength: 1, maxLength: 9 }).map((l) => l.join("")),
        (word) => {
          const splits = procliticSplits(word);
          expect(splits.length).toBeLessThanOrEqual(2);
          splits.forEach((bare, i) => {
            expect(word.endsWith(bare)).toBe(true);
            expect(word.length - bare.length).toBe(i + 1);
            expect(bare.length).toBeGreaterThanOrEqual(3);
            expect(bare.startsWith("ال")).toBe(false);
            expect("وفبكل".includes(word[i] as string)).toBe(true);
          });
        },
      ),
      { numRuns: 3000 },
    );
    expect(procliticSplits("وبمشاركه")).toEqual(["بمشاركه", "مشاركه"]);
    expect(procliticSplits("بالعاصمه")).toEqual([]);
    expect(procliticSplits("للمستشفي")).toEqual([]);
    expect(procliticSplits("بوزير")).toEqual(["وزير"]);
  });

  it("marks the prefixed word of an excerpt for the bare word searched", () => {
    expect(marksQueryWord("لمحافظة", "محافظه")).toBe(true);
    expect(marksQueryWord("وبمشاركة", "مشاركه")).toBe(true);
    expect(marksQueryWord("لبنان", "بنان")).toBe(false);
    // the check of a result does not split without the archive's word
    expect(matchesQueryWord("لمحافظة", "محافظه")).toBe(false);
  });
});

describe("a text's words that may have bare forms", () => {
  // Letters, the proclitic letters first among them, hamza on its seats, marks, a surrogate
  // pair, spaces and punctuation: every way a word can start, end or fold.
  const unit = fc.constantFrom(
    ..."وفبكلاأإآةىيؤئءمسرنت ،.«»\u064E\u0651\u0640ABc1٢",
    "\u{1D400}",
    "\u00A0",
    "\uFEFB",
  );
  const text = fc.array(unit, { maxLength: 60 }).map((units) => units.join(""));

  it("are foldedForms' words that begin with a proclitic letter, sorted", () => {
    fc.assert(
      fc.property(text, (t) => {
        const expected = [...foldedForms(t)].filter((w) => "وفبكل".includes(w[0] ?? "")).sort();
        expect(procliticForms(t)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
    expect(procliticForms("وبمشاركة المسؤولين ولمسؤولية كتاب")).toEqual([
      "كتاب",
      "وبمشاركه",
      "ولمسءوليه",
      "ولمسووليه",
    ]);
  });
});
