import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDateLine, parseDateLine, parseIsoDate } from "../../scripts/lib/import/extract-date.ts";

const options = { defaultTimezone: "Africa/Cairo" };
const dateOf = (line: string) => parseDateLine(line, options)?.date;

describe("date lines", () => {
  it.each([
    ["2025-11-16", "2025-11-16"],
    ["16/11/2025", "2025-11-16"],
    ["بتاريخ 2025/06/01", "2025-06-01"],
    ["السبت 15 نوفمبر 2025", "2025-11-15"],
    ["١٤ نوفمبر ٢٠٢٥", "2025-11-14"],
    ["۱۴ نوفمبر ۲۰۲۵", "2025-11-14"],
    ["نشر في: 3 يناير 2024", "2024-01-03"],
    ["12 أيار 2024", "2024-05-12"],
    ["12 ايار 2024", "2024-05-12"],
    ["2 تشرين الثاني 2025", "2025-11-02"],
    ["5 جويلية 2024", "2024-07-05"],
    ["5 أوت 2024", "2024-08-05"],
    ["1 إبريل 2025", "2025-04-01"],
    ["1 ابريل 2025", "2025-04-01"],
    ["9 يونيه 2025", "2025-06-09"],
    ["Monday, 7 July 2025", "2025-07-07"],
    ["November 15, 2025", "2025-11-15"],
    ["\u200F١٥ نوفمبــر\u00A0٢٠٢٥\u200F", "2025-11-15"],
  ])("reads %s as the day %s", (line, iso) => {
    expect(dateOf(line)).toEqual({ kind: "day", iso });
    expect(isDateLine(line, options)).toBe(true);
  });

  it("keeps a time with the default zone's offset (Cairo, summer and winter)", () => {
    expect(dateOf("الأحد، 2 مارس 2025 - 10:30 ص")).toEqual({
      kind: "instant",
      iso: "2025-03-02T10:30:00+02:00",
    });
    expect(dateOf("15/07/2025 10:30 PM")).toEqual({
      kind: "instant",
      iso: "2025-07-15T22:30:00+03:00",
    });
    expect(dateOf("2025-11-16 12:05 م")).toEqual({
      kind: "instant",
      iso: "2025-11-16T12:05:00+02:00",
    });
  });

  it("keeps an explicit offset instead of the default zone", () => {
    expect(dateOf("2025-11-16T23:30:00+03:00")).toEqual({
      kind: "instant",
      iso: "2025-11-16T23:30:00+03:00",
    });
  });

  it("reports a weekday that does not fit the date, and still reads the date", () => {
    const m = parseDateLine("الجمعة 15 نوفمبر 2025", options);
    expect(m?.date).toEqual({ kind: "day", iso: "2025-11-15" });
    expect(m?.warnings.join()).toMatch(/weekday mismatch/);
    expect(parseDateLine("السبت 15 نوفمبر 2025", options)?.warnings).toEqual([]);
  });

  it("is not a date line when the line says more than a date", () => {
    const sentence = "ويتضمن التفاهم مرحلة أولى من 27 سبتمبر 2024 حتى سبتمبر 2025";
    expect(isDateLine(sentence, options)).toBe(false);
  });

  it.each([
    ["اليوم"],
    ["أمس"],
    ["منذ 3 ساعات"],
    ["31/02/2025"],
    ["30 صفر 1447 هـ"], // Safar 1447 has 29 days
    ["السبت"],
    ["رقم 2500"],
  ])("invents no date from %s", (line) => {
    expect(dateOf(line)).toBeUndefined();
  });

  it("converts a Hijri date with the Umm al-Qura calendar, and says so", () => {
    for (const line of [
      "الأحد 25 جمادى الأولى 1447 هـ",
      "25 جمادي الاولى 1447هـ",
      "1447/05/25 هـ",
      "٢٥ جمادى الأولى ١٤٤٧ هـ",
    ]) {
      const m = parseDateLine(line, options);
      expect(m?.date).toEqual({ kind: "day", iso: "2025-11-16" });
      expect(m?.warnings.join()).toMatch(/converted from the Hijri 25\/5\/1447/);
      expect(m?.rest).toBe("");
    }
    expect(dateOf("1 رمضان 1447 هـ")).toEqual({ kind: "day", iso: "2026-02-18" });
    expect(dateOf("1 محرم 1447 هـ")).toEqual({ kind: "day", iso: "2025-06-26" });
  });

  it("takes the Gregorian date when the Hijri one stands beside it, and checks they agree", () => {
    const m = parseDateLine("الأحد 25 جمادى الأولى 1447 هـ الموافق 16 نوفمبر 2025 م", options);
    expect(m?.date).toEqual({ kind: "day", iso: "2025-11-16" });
    expect(m?.warnings).toEqual([]);
    expect(m?.rest).toBe("");
    const wrong = parseDateLine("25 جمادى الأولى 1447 هـ - 20 نوفمبر 2025", options);
    expect(wrong?.date).toEqual({ kind: "day", iso: "2025-11-20" });
    expect(wrong?.warnings.join()).toMatch(/does not match/);
  });

  it("never throws, whatever the line", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (line) => {
        parseDateLine(line, options);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads sidecar dates as ISO 8601 only", () => {
    expect(parseIsoDate("2024-09-08", options)).toEqual({ kind: "day", iso: "2024-09-08" });
    expect(parseIsoDate("2024-09-08T08:00:00Z", options)?.iso).toBe("2024-09-08T08:00:00Z");
    expect(parseIsoDate("2024-09-08T08:00", options)?.iso).toBe("2024-09-08T08:00:00+03:00");
    expect(parseIsoDate("8 Sept", options)).toBeNull();
    expect(parseIsoDate("2024-02-30", options)).toBeNull();
  });
});
