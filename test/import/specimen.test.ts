import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serialiseArticle } from "../../scripts/lib/import/serialise.ts";
import { extractOne, SPECIMEN } from "../helpers/context.ts";

const { article, warnings } = extractOne("000_de5a449507217197.txt", readFileSync(SPECIMEN));

describe("the specimen dump", () => {
  it("takes the headline as the title, not a masthead line", () => {
    expect(article.title).toBe(
      "حدث هام طال انتظاره.. العراق يشهد اليوم انسحاب القوات الأمريكية من بغداد",
    );
  });

  it("keeps exactly the nine body paragraphs, in order", () => {
    expect(article.body).toHaveLength(9);
    expect(article.body[0]?.startsWith("تنسحب اليوم السبت")).toBe(true);
    expect(article.body.at(-1)?.startsWith("وختم")).toBe(true);
  });

  it("folds runs of spaces and NBSP to one space but changes nothing else", () => {
    const joined = article.body.join("\n");
    expect(joined).not.toMatch(/\u00A0| {2}/);
    // Source typos and unbalanced quotes stay: this is an archive.
    expect(joined).toContain("سبتمير");
    expect(joined).toContain("ط 2500");
    expect(article.body[0]).toBe(
      "تنسحب اليوم السبت القوات الأمريكية من مقر قيادة العمليات المشتركة في بغداد بحسب ماصرح له مصدر أمني عراقي حيث ينسحب التحالف الدولي من عين الأسد ومطار بغداد وقيادة العمليات المشتركة باتجاه أربيل”.",
    );
    expect(article.body[1]).toContain("أيضا :انسحاب");
  });

  it("moves the eight related headlines to front matter, not the body", () => {
    expect(article.related).toHaveLength(8);
    expect(article.related[0]).toBe(
      "مفوض الأمم المتحدة لحقوق الإنسان: الفظائع في الفاشر بالسودان تعد أشد الجرائم خطورة",
    );
    expect(article.related).toContain(
      "شركة Changelabs تتعاون مع خمس من كبريات شركات التأمين في مصر لإطلاق برنامج مُسرّع للشركات",
    );
    for (const headline of article.related) expect(article.body).not.toContain(headline);
  });

  it("drops masthead and ticker text", () => {
    const body = article.body.join("\n");
    for (const furniture of [
      "الرئيس التنفيذي",
      "أشرف الحادي",
      "رئيس التحرير",
      "فاطمة مهران",
      "آخر الأخبار",
      "أخبار ذات صلة",
      "مونديال الراليات",
    ]) {
      expect(body).not.toContain(furniture);
    }
    expect(serialiseArticle(article)).not.toContain("مونديال الراليات");
  });

  it("is undated, in Arabic, right to left, with no author or URL", () => {
    expect(article.date).toBeUndefined();
    expect(warnings).toContain("no date");
    expect(article.lang).toBe("ar");
    expect(article.dir).toBe("rtl");
    expect(article.author).toBeUndefined();
    expect(article.source.url).toBeUndefined();
    expect(article.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is tagged with the places and organisations it names", () => {
    expect(article.tags).toEqual(
      expect.arrayContaining(["العراق", "بغداد", "واشنطن", "أربيل", "سوريا", "داعش"]),
    );
  });
});
