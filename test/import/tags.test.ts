import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldArabic, proclicticReadings, words } from "../../scripts/lib/arabic.ts";
import { Gazetteer, ReadingFilter, wordBounds } from "../../scripts/lib/import/gazetteer.ts";
import { pipelineContext } from "../helpers/context.ts";

const small = new Gazetteer([
  { id: "iraq", name: "العراق", type: "country", en: ["Iraq"] },
  { id: "baghdad", name: "بغداد", type: "city" },
  { id: "lebanon", name: "لبنان", type: "country" },
  { id: "un", name: "الأمم المتحدة", type: "organisation", en: ["United Nations", "UN"] },
  { id: "security-council", name: "مجلس الأمن", type: "organisation" },
  { id: "gaza", name: "غزة", type: "city" },
]);

describe("gazetteer tags", () => {
  it.each([
    ["وصل الوفد إلى بغداد", "بغداد"],
    ["وبغداد تستعد", "بغداد"],
    ["فبغداد", "بغداد"],
    ["لبغداد", "بغداد"],
    ["كبغداد", "بغداد"],
    ["والعراق", "العراق"],
    ["بالعراق", "العراق"],
    ["للعراق", "العراق"],
    ["وللعراق", "العراق"],
    ["فالعراق", "العراق"],
    ["كالعراق", "العراق"],
    ["لبنان", "لبنان"],
    ["وللأمم المتحدة", "الأمم المتحدة"],
    ["للامم المتحده", "الأمم المتحدة"],
    ["الأُمَم المُتّحِدة", "الأمم المتحدة"],
    ["الأمـــم المتحدة", "الأمم المتحدة"],
    ["في غزه", "غزة"],
    ["in Iraq and at the United Nations", "العراق"],
  ])("finds %s → %s", (text, tag) => {
    expect(small.match(text)).toContain(tag);
  });

  it("does not read a name into another word", () => {
    expect(small.match("غداد")).toEqual([]); // ب stripped from a word that is not بغداد
    expect(small.match("ماعراقيل")).toEqual([]);
    expect(small.match("Iraqi")).toEqual([]);
    // The article belongs to the name: a proclitic stripped from a bare word never makes one.
    const gz = new Gazetteer([
      { id: "tibet", name: "التبت", type: "region" },
      { id: "riyadh", name: "الرياض", type: "city" },
    ]);
    expect(gz.match("كتبت الروائية عن رياض الأطفال")).toEqual([]);
    expect(gz.match("وصل إلى الرياض وللرياض وبالرياض")).toEqual(["الرياض"]);
  });

  it("prefers the longest name and counts each mention once", () => {
    const gz = new Gazetteer([
      { id: "council", name: "مجلس الأمن", type: "organisation" },
      { id: "nsc", name: "مجلس الأمن القومي", type: "organisation" },
    ]);
    expect(gz.match("اجتماع مجلس الأمن القومي")).toEqual(["مجلس الأمن القومي"]);
  });

  it("orders tags by mentions, then by first mention", () => {
    expect(small.match("لبنان ثم بغداد ثم العراق وبغداد")).toEqual(["بغداد", "لبنان", "العراق"]);
  });

  it("rules out by its filter only words none of whose readings is a key", () => {
    const keys = ["بغداد", "العراق", "لبنان", "ال", "اليمن", "غز"].map((k) => foldArabic(k));
    const filter = new ReadingFilter();
    for (const key of keys) filter.add(key);
    const letters = fc.constantFrom(..."ابتلكوفغدنعرقيمزه");
    const word = fc.tuple(
      fc.constantFrom("", "و", "ف", "ب", "ك", "ل", "وب", "فل", "ول", "لل", "ولل", "فلل", "ال"),
      fc.oneof(fc.constantFrom(...keys, ""), fc.string({ unit: letters, maxLength: 6 })),
      fc.string({ unit: letters, maxLength: 2 }),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.map((p) => p.join("")).join(" ، ");
        const bounds = wordBounds(text);
        const tokens = words(text);
        expect(bounds.count).toBe(tokens.length);
        const flags = filter.candidates(text, bounds);
        tokens.forEach((token, i) => {
          expect(text.slice(bounds.starts[i], bounds.ends[i])).toBe(token);
          if (proclicticReadings(token).some((r) => keys.includes(r))) expect(flags[i]).toBe(1);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("strips proclitics in a fixed order and keeps the word itself", () => {
    expect(proclicticReadings("وبالعراق")).toEqual(
      expect.arrayContaining(["وبالعراق", "بالعراق", "العراق"]),
    );
    expect(proclicticReadings("وللعراق")).toContain("العراق");
    expect(proclicticReadings("كتبت")).not.toContain("التبت");
    expect(proclicticReadings("بغداد")[0]).toBe("بغداد");
  });

  it("matches the inflections of a listed adjective, and reads spellings that two entries share from context", () => {
    const gz = new Gazetteer([
      { id: "iraq", name: "العراق", type: "country", adjectives: ["عراقي"] },
      {
        id: "oman",
        name: "عُمان",
        type: "country",
        aliases: ["سلطنة عمان"],
        shared: ["عمان"],
        context: ["مسقط", "السلطنة"],
      },
      {
        id: "amman",
        name: "عمّان",
        type: "city",
        shared: ["عمان"],
        context: ["الأردن", "الأردنية"],
      },
    ]);
    for (const text of ["القوات العراقية", "والعراقيين", "مسؤول عراقي", "للعراقيات"]) {
      expect(gz.match(text)).toEqual(["العراق"]);
    }
    expect(gz.match("اجتماع في عمان بحضور وزير الخارجية الأردنية")).toEqual(["عمّان"]);
    expect(gz.match("زار عمان والتقى مسؤولين في مسقط")).toEqual(["عُمان"]);
    expect(gz.match("سلطنة عمان")).toEqual(["عُمان"]);
    expect(gz.match("وصل إلى عُمان")).toEqual(["عُمان"]);
    expect(gz.match("وصل إلى عمّان")).toEqual(["عمّان"]);
    // Without diacritics or context the spelling is left untagged, not guessed;
    // as many cues for one as for the other decide nothing; more for one decide.
    expect(gz.match("وصل إلى عمان")).toEqual([]);
    expect(gz.match("وصل إلى عمان قادما من مسقط ثم الأردن")).toEqual([]);
    expect(
      gz.match("وصل إلى عمان قادما من مسقط ثم الأردن للقاء مسؤولين في الحكومة الأردنية"),
    ).toEqual(["عمّان"]);
    expect(gz.canonical("اقليم عراقي")).toBe("اقليم عراقي");
    expect(gz.canonical("عراقية")).toBe("العراق");
    expect(gz.canonical("العراق")).toBe("العراق");
  });

  it("refuses a gazetteer where one name belongs to two entries", () => {
    expect(
      () =>
        new Gazetteer([
          { id: "a", name: "غزة", type: "city" },
          { id: "b", name: "غزه", type: "region" },
        ]),
    ).toThrow(/names both/);
  });

  it("loads the repository's gazetteer: a few hundred entries, all valid", () => {
    const { gazetteer } = pipelineContext();
    expect(gazetteer.entries.length).toBeGreaterThan(300);
    expect(gazetteer.match("انسحاب من بغداد وأربيل وواشنطن وسوريا وقتال داعش في العراق")).toEqual(
      expect.arrayContaining(["العراق", "بغداد", "واشنطن", "أربيل", "سوريا", "داعش"]),
    );
  });
});
