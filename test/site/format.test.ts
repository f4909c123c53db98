import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { Formatter, isoDateOf } from "../../scripts/lib/site/format.ts";

/**
 * Dates are spelt by Intl formatters the Formatter keeps, not through luxon
 * date by date: the same text as luxon's, for every date, offset and locale
 * the site can be given.
 */

const LOCALES = [
  { locale: "ar", numberingSystem: "arab" },
  { locale: "ar", numberingSystem: "latn" },
  { locale: "en", numberingSystem: "latn" },
  { locale: "fr", numberingSystem: "latn" },
  { locale: "ar-EG", numberingSystem: "arab" },
  { locale: "fa", numberingSystem: "arab" },
] as const;

/** What luxon writes (the Formatter's way before it kept its own formatters). */
function byLuxon(
  iso: string,
  locale: string,
  numberingSystem: string,
  options: Intl.DateTimeFormatOptions,
): string {
  const dt =
    iso.length === 10
      ? DateTime.fromISO(iso, { zone: "UTC" })
      : DateTime.fromISO(iso, { setZone: true });
  return dt.setLocale(locale).reconfigure({ numberingSystem }).toLocaleString(options);
}

const two = (n: number) => String(n).padStart(2, "0");
const day = fc
  .record({
    year: fc.integer({ min: 1000, max: 2999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ year, month, day }) => `${year}-${two(month)}-${two(day)}`);
const offset = fc.oneof(
  fc.constant("Z"),
  fc
    .record({
      sign: fc.constantFrom("+", "-"),
      hours: fc.integer({ min: 0, max: 14 }),
      minutes: fc.constantFrom(0, 30, 45),
    })
    .map(({ sign, hours, minutes }) => `${sign}${two(hours)}:${two(minutes)}`),
);
const instant = fc
  .record({
    day,
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }),
    offset,
  })
  .map(
    (t) =>
      `${t.day}T${two(t.hour)}:${two(t.minute)}${t.second === undefined ? "" : `:${two(t.second)}`}${t.offset}`,
  );

describe("dates as the site spells them", () => {
  it("spells every day and instant as luxon does, in each locale and numbering system", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.oneof(day, instant),
        ({ locale, numberingSystem }, iso) => {
          const format = new Formatter({ locale, numberingSystem, dateTime: "{date} {time}" });
          const luxon = (options: Intl.DateTimeFormatOptions) =>
            byLuxon(iso, locale, numberingSystem, options);
          const whole = luxon({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
          expect(format.date(iso)).toBe(
            iso.length === 10 ? whole : `${whole} ${luxon({ hour: "numeric", minute: "2-digit" })}`,
          );
          if (isoDateOf(iso) === undefined) return; // 31 February: not a day to list under
          const calendarDay = iso.slice(0, 10);
          expect(format.day(iso)).toBe(
            byLuxon(calendarDay, locale, numberingSystem, {
              day: "numeric",
              month: "long",
              year: "numeric",
            }),
          );
          expect(format.month(iso.slice(0, 7))).toBe(
            byLuxon(`${iso.slice(0, 7)}-01`, locale, numberingSystem, {
              month: "long",
              year: "numeric",
            }),
          );
          expect(format.year(iso.slice(0, 4))).toBe(
            byLuxon(`${iso.slice(0, 4)}-01-01`, locale, numberingSystem, { year: "numeric" }),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads the wall clock of a plain ISO date only, and only when every field is in range", () => {
    expect(isoDateOf("2025-11-15")).toEqual({ wallClock: Date.UTC(2025, 10, 15) });
    expect(isoDateOf("2025-11-15T23:30:00-05:00")).toEqual({
      wallClock: Date.UTC(2025, 10, 15, 23, 30),
      offset: -300,
    });
    expect(isoDateOf("2025-11-15T14:05+05:45")).toEqual({
      wallClock: Date.UTC(2025, 10, 15, 14, 5),
      offset: 345,
    });
    expect(isoDateOf("2025-11-15T14:05:09.5Z")).toEqual({
      wallClock: Date.UTC(2025, 10, 15, 14, 5, 9),
      offset: 0,
    });
    for (const odd of [
      "2025-02-29",
      "2025-02-31",
      "2025-13-01",
      "2025-11-15T24:00:00Z",
      "2025-11-15T14:60:00Z",
      "2025-11-15T14:05:00", // no offset: luxon's own reading
      "2025-11-15T14:05:00+0200",
      "0099-01-01",
      "2025-11-15 14:05",
    ])
      expect(isoDateOf(odd), odd).toBeUndefined();
  });

  it("leaves a locale with its own Unicode extensions to luxon, and spells it as luxon does", () => {
    const format = new Formatter({
      locale: "ar-u-ca-gregory",
      numberingSystem: "latn",
      dateTime: "{date} {time}",
    });
    expect(format.day("2025-11-15")).toBe(
      byLuxon("2025-11-15", "ar-u-ca-gregory", "latn", {
        day: "numeric",
        month: "long",
        year: "numeric",
      }),
    );
  });
});
