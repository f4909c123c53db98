import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RejectedInput } from "../../scripts/lib/import/article.ts";
import { Boilerplate } from "../../scripts/lib/import/boilerplate.ts";
import { parseTextDump } from "../../scripts/lib/import/parse-text.ts";
import { extractOne, parseText, pipelineContext } from "../helpers/context.ts";

const P1 =
  "بدأت القوات الأمريكية اليوم الانسحاب من قاعدة عين الأسد غربي العراق، بحسب مصادر أمنية عراقية.";
const P2 =
  "وقال المصدر إن عملية النقل ستستمر عدة أسابيع وفق الجدول الزمني المتفق عليه بين بغداد وواشنطن.";
const text = (...lines: string[]) => lines.join("\n");
const parse = parseText;

describe("text dumps of many sites", () => {
  it("skips breadcrumbs and menus before the headline", () => {
    const p = parse(
      text(
        "الرئيسية > أخبار > العراق",
        "",
        "الرئيسية أخبار مصر عربي ودولي رياضة اقتصاد فن",
        "",
        "انسحاب القوات من عين الأسد",
        "",
        P1,
        "",
        P2,
      ),
    );
    expect(p.headline).toBe("انسحاب القوات من عين الأسد");
    expect(p.paragraphs).toEqual([P1, P2]);
  });

  it("reads a date line above the headline", () => {
    const { article } = extractOne(
      "a.txt",
      text("نشر في: 16/11/2025", "", "انسحاب القوات", "", P1),
    );
    expect(article.title).toBe("انسحاب القوات");
    expect(article.date).toEqual({ kind: "day", iso: "2025-11-16" });
  });

  it.each([
    ["كتب: سارة علي", "سارة علي"],
    ["كتب - سارة علي", "سارة علي"],
    ["كتبت: سارة علي", "سارة علي"],
    ["بقلم سارة علي", "سارة علي"],
    ["بقلم: د. سارة علي", "د. سارة علي"],
    ["By Jane Doe", "Jane Doe"],
    ["Reporting by Jane Doe", "Jane Doe"],
    ["كتب: سارة علي - القاهرة", "سارة علي"],
  ])("takes the byline «%s» as the author %s, never as body", (byline, author) => {
    const { article } = extractOne(
      "a.txt",
      text("انسحاب القوات", "", "2025-11-16", "", byline, "", P1),
    );
    expect(article.author).toBe(author);
    expect(article.body).toEqual([P1]);
  });

  it("names the source from «المصدر:» and keeps it out of the body", () => {
    const { article } = extractOne(
      "a.txt",
      text("انسحاب القوات", "", "المصدر: وكالة الأنباء العراقية", "", P1, "", P2),
    );
    expect(article.source.name).toBe("وكالة الأنباء العراقية");
    expect(article.body).toEqual([P1, P2]);
  });

  it("drops the headline printed twice, share bars, promotions and footers", () => {
    const p = parse(
      text(
        "انسحاب القوات",
        "انسحاب القوات",
        "شارك: فيسبوك تويتر واتساب",
        P1,
        "اقرأ أيضا: الحكومة تعلن خطة جديدة للنقل",
        "اقرأ أيضًا.. وزير الدفاع يزور أربيل",
        P2,
        "تابعونا على فيسبوك وتويتر",
        "جميع الحقوق محفوظة © 2025 موقع الأخبار",
      ),
    );
    expect(p.paragraphs).toEqual([P1, P2]);
  });

  it("turns a keyword block, or an inline one, into keywords", () => {
    const block = parse(
      text(
        "انسحاب القوات",
        "",
        P1,
        "",
        "الكلمات المفتاحية",
        "",
        "العراق",
        "",
        "عين الأسد",
        "",
        "أخبار ذات صلة",
        "",
        "خبر آخر",
      ),
    );
    expect(block.keywords).toEqual(["العراق", "عين الأسد"]);
    expect(block.related).toEqual(["خبر آخر"]);
    const inline = parse(text("انسحاب القوات", "", P1, "", "الوسوم: العراق، بغداد، #عين_الأسد"));
    expect(inline.keywords).toEqual(["العراق", "بغداد", "عين الأسد"]);
    expect(inline.paragraphs).toEqual([P1]);
    // a label after the terms heads what follows (a share bar): it is not a term
    const labelled = parse(
      text(
        "انسحاب القوات",
        "",
        P1,
        "",
        "الكلمات الدالة :",
        "العراق",
        "عين الأسد",
        "مشاركة الخبر :",
      ),
    );
    expect(labelled.keywords).toEqual(["العراق", "عين الأسد"]);
  });

  it("reads «اقرأ أيضا» as a heading of related headlines, and drops «الأكثر قراءة»", () => {
    const p = parse(
      text(
        "انسحاب القوات",
        "",
        P1,
        "",
        "اقرأ أيضا",
        "خبر أول",
        "خبر ثان",
        "",
        "الأكثر قراءة",
        "خبر ثالث",
        "",
        P2.replace("وقال", "وقالت"),
      ),
    );
    expect(p.related).toEqual(["خبر أول", "خبر ثان"]);
    expect(p.paragraphs).toEqual([P1]);
  });

  it("goes back to the body after related headlines when a long paragraph follows", () => {
    const long = `${P1} ${P2} وأضاف أن الجانبين سيواصلان التنسيق خلال الأسابيع المقبلة.`;
    const p = parse(text("انسحاب القوات", "", P1, "", "اقرأ أيضا", "", "خبر أول", "", long));
    expect(p.related).toEqual(["خبر أول"]);
    expect(p.paragraphs).toEqual([P1, long]);
  });

  it("reads an English site's layout", () => {
    const { article } = extractOne(
      "en.txt",
      text(
        "Home > World > Middle East",
        "",
        "Troops begin leaving Ain al-Asad air base",
        "",
        "Saturday, 15 November 2025",
        "By Jane Doe",
        "",
        "US troops began leaving the Ain al-Asad air base in western Iraq on Saturday, officials said.",
        "",
        "Share this article",
        "",
        "Related",
        "",
        "Iraq and the US agree on a timetable",
        "",
        "© 2025 Example News. All rights reserved.",
      ),
    );
    expect(article).toMatchObject({
      title: "Troops begin leaving Ain al-Asad air base",
      date: { kind: "day", iso: "2025-11-15" },
      author: "Jane Doe",
      lang: "en",
      dir: "ltr",
      related: ["Iraq and the US agree on a timetable"],
    });
    expect(article.body).toHaveLength(1);
    expect(article.tags).toContain("العراق");
  });

  it("rejects a dump that is only page furniture", () => {
    expect(() =>
      parse(
        text(
          "رئيس التحرير",
          "فلان",
          "",
          "أخبار ذات صلة",
          "",
          "خبر آخر",
          "",
          "آخر الأخبار",
          "شريط الأخبار",
        ),
      ),
    ).toThrow(/^no article/);
    expect(() => parse(text("تابعونا على فيسبوك", "", "جميع الحقوق محفوظة ©"))).toThrow(
      RejectedInput,
    );
  });
});

describe("site profiles", () => {
  it("add a source's own furniture without touching code", () => {
    const yaml = `builtin:\n  related_headings: [أخبار ذات صلة]\nprofiles:\n  - name: mithal\n    folder: mithal\n    drop_lines: ["حمّل تطبيق المثال"]\n    dropped_headings: ["في العدد القادم"]\n`;
    const boilerplate = Boilerplate.fromYaml(yaml);
    const dump = text(
      "عنوان",
      "",
      P1,
      "",
      "حمّل تطبيق المثال",
      "",
      P2,
      "",
      "في العدد القادم",
      "",
      "خبر قادم",
    );
    const own = parseTextDump(
      dump,
      boilerplate.furnitureFor({ folder: "mithal" }),
      pipelineContext().dates,
      pipelineContext().prose,
    );
    expect(own.paragraphs).toEqual([P1, P2]);
    const other = parseTextDump(
      dump,
      boilerplate.furnitureFor({ folder: "other" }),
      pipelineContext().dates,
      pipelineContext().prose,
    );
    // Without the profile the promotion is a line of the text; what follows the text is not.
    expect(other.paragraphs).toEqual([P1, "حمّل تطبيق المثال", P2]);
  });
});

describe("the text parser, on any input", () => {
  const sentence = fc
    .array(
      fc.constantFrom(
        "القوات",
        "بغداد",
        "قال",
        "في",
        "من",
        "الحكومة",
        "اليوم",
        "خطة",
        "المصدر",
        "العراق",
        "2025",
        "“الاتفاق”",
        "و",
      ),
      { minLength: 8, maxLength: 30 },
    )
    .map((ws) => `${ws.join(" ")}.`);
  const furniture = fc.constantFrom(
    "شارك الخبر: فيسبوك تويتر",
    "اقرأ أيضا: خبر آخر مهم",
    "تابعونا على تويتر",
    "\u00A0",
    "",
    "جميع الحقوق محفوظة ©",
  );

  it("never throws anything but a rejection", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (dump) => {
        try {
          parse(dump);
        } catch (error) {
          expect(error).toBeInstanceOf(RejectedInput);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("never drops a body paragraph, whatever furniture surrounds it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sentence, fc.array(furniture, { maxLength: 2 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.boolean(),
        (body, withRelated) => {
          const lines = ["رئيس التحرير", "فلان الفلاني", "", "عنوان الخبر الرئيسي", ""];
          for (const [p, noise] of body) lines.push(p, "", ...noise, "");
          if (withRelated)
            lines.push("أخبار ذات صلة", "", "خبر ذو صلة", "", "آخر الأخبار", "شريط طويل...");
          const parsed = parse(lines.join("\n"));
          expect(parsed.headline).toBe("عنوان الخبر الرئيسي");
          expect(parsed.paragraphs).toEqual(body.map(([p]) => p));
        },
      ),
      { numRuns: 500 },
    );
  });
});
