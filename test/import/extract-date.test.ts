import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  isDateLine,
  isDatelineLike,
  isRealDay,
  parseDateLine,
  parseIsoDate,
} from "../../scripts/lib/import/extract-date.ts";
import { gregorianOfPersian } from "../../scripts/lib/import/hijri.ts";

const options = { defaultTimezone: "Africa/Cairo" };
const dateOf = (line: string) => parseDateLine(line, options)?.date;

describe("a real day", () => {
  it("is a day of Luxon's Gregorian calendar, within the years read", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1790, max: 2210 }),
        fc.integer({ min: -1, max: 14 }),
        fc.integer({ min: -1, max: 33 }),
        (year, month, day) => {
          const luxon =
            year >= 1800 && year <= 2199 && DateTime.fromObject({ year, month, day }).isValid;
          expect(isRealDay({ year, month, day })).toBe(luxon);
        },
      ),
      { numRuns: 3000 },
    );
    // The leap days of the calendar's exceptions.
    expect(isRealDay({ year: 2000, month: 2, day: 29 })).toBe(true);
    expect(isRealDay({ year: 1900, month: 2, day: 29 })).toBe(false);
    expect(isRealDay({ year: 2024, month: 2.5, day: 1 })).toBe(false);
  });
});

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

  it.each([
    ["Samstag, 19. Juli 2014", "2014-07-19"],
    ["Lübeck, 31. März 2003", "2003-03-31"],
    ["Par Matthieu Hy le 07 Mai 2020", "2020-05-07"],
    ["30 septembre 2018", "2018-09-30"],
    ["24 de abril de 2020", "2020-04-24"],
    ["14 gennaio 2020", "2020-01-14"],
    ["December 29th 2019", "2019-12-29"],
    ["Juli 12, 2017", "2017-07-12"],
    ["24 апреля 2020", "2020-04-24"],
    ["24 kwietnia 2020", "2020-04-24"],
    ["24 Nisan 2020", "2020-04-24"],
    ["2020年07月03日", "2020-07-03"],
    ["2020년 3월 4일", "2020-03-04"],
    ["02.12.19", "2019-12-02"],
    ["١ / ١٢ / ٢٠٢٠", "2020-12-01"],
    ["24 آوریل 2020", "2020-04-24"],
  ])("reads the other languages' %s as %s", (line, iso) => {
    expect(dateOf(line)).toEqual({ kind: "day", iso });
  });

  it("reads a date written with two month names, and knows the line as a dateline", () => {
    const line = "تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً";
    expect(dateOf(line)).toEqual({ kind: "instant", iso: "2020-04-24T21:22:00+02:00" });
    expect(isDatelineLike(line, options)).toBe(true);
    // A sentence that mentions a date is not a dateline.
    expect(
      isDatelineLike(
        "وقال الوزير إن الاتفاق الذي وقع في 24 نيسان 2020 سيدخل حيز التنفيذ خلال الأشهر المقبلة بعد مصادقة البرلمان عليه",
        options,
      ),
    ).toBe(false);
  });

  it("reads a year and a time printed with no space between them (two elements of a copied page)", () => {
    const line = "PUBLISHED TUE, NOV 19 20197:05 AM ESTUPDATED TUE, NOV 19 20197:16 AM EST";
    expect(dateOf(line)?.iso.slice(0, 10)).toBe("2019-11-19");
    expect(isDatelineLike(line, options)).toBe(true);
    // A longer run of digits is a number, not a year and a time.
    expect(dateOf("Order 120197:05")).toBeUndefined();
  });

  it("converts Solar Hijri dates (Persian month names or a Persian numeric date)", () => {
    expect(parseDateLine("۲۱ اردیبهشت ۱۳۹۹", options)).toMatchObject({
      date: { kind: "day", iso: "2020-05-10" },
      warnings: ["date converted from the Solar Hijri 21/2/1399"],
    });
    expect(dateOf("تاریخ انتشار: ۱۳۹۹/۰۲/۲۱")).toEqual({ kind: "day", iso: "2020-05-10" });
    expect(dateOf("1 فروردین 1404")).toEqual({ kind: "day", iso: "2025-03-21" });
    expect(dateOf("30 اسفند 1403")).toEqual({ kind: "day", iso: "2025-03-20" });
    // 31 Mehr does not exist (the second half of the year has 30-day months).
    expect(dateOf("31 مهر 1399")).toBeUndefined();
  });

  it("finds the Gregorian day of every Solar Hijri day (round trip through the platform's calendar)", () => {
    const persian = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", {
      year: "numeric",
      month: "numeric",
      day: "numeric",
      timeZone: "UTC",
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2060, 0, 1) }), (t) => {
        const day = new Date(Math.floor(t / 86_400_000) * 86_400_000);
        const parts = persian.formatToParts(day);
        const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
        expect(
          gregorianOfPersian({ year: get("year"), month: get("month"), day: get("day") }),
        ).toEqual({
          year: day.getUTCFullYear(),
          month: day.getUTCMonth() + 1,
          day: day.getUTCDate(),
        });
      }),
      { numRuns: 2000 },
    );
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
    // A time alone or a year alone is not a date (luxon would read today, or New Year's Day).
    expect(parseIsoDate("10:52", options)).toBeNull();
    expect(parseIsoDate("1988", options)).toBeNull();
    expect(parseIsoDate("2020-09-29 23:43:13", options)?.iso).toBe("2020-09-29T23:43:13+02:00");
  });
});

describe("a date line read again", () => {
  it("reads the same whoever changed what an earlier reading returned, in whichever time zone asked", () => {
    const line = "القاهرة: الأربعاء، 07 أكتوبر 2020 12:19 م";
    const first = parseDateLine(line, options);
    expect(first?.date).toEqual({ kind: "instant", iso: "2020-10-07T12:19:00+02:00" });
    if (!first) return;
    first.warnings.push("changed by a caller");
    (first.date as { iso: string }).iso = "1999-01-01";
    expect(parseDateLine(line, options)).toEqual({
      ...first,
      date: { kind: "instant", iso: "2020-10-07T12:19:00+02:00" },
      warnings: [],
    });
    // The same line in another zone is another reading.
    expect(parseDateLine(line, { defaultTimezone: "Asia/Baghdad" })?.date).toEqual({
      kind: "instant",
      iso: "2020-10-07T12:19:00+03:00",
    });
  });
});
