/**
 * Hijri (Islamic) dates in the Umm al-Qura calendar, the official calendar of
 * Saudi Arabia and the one most Arab newsrooms print, and Solar Hijri dates,
 * the calendar of Iran and Afghanistan (Persian pages). Conversion uses the
 * calendar data of the platform's ICU (Intl, `islamic-umalqura`, `persian`):
 * Gregorian → Hijri directly, Hijri → Gregorian by stepping from an estimate.
 */

export interface YMD {
  year: number;
  month: number;
  day: number;
}

const HIJRI = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", {
  year: "numeric",
  month: "numeric",
  day: "numeric",
  timeZone: "UTC",
});

const DAY_MS = 86_400_000;

export function hijriOf(gregorian: YMD): YMD {
  const parts = HIJRI.formatToParts(Date.UTC(gregorian.year, gregorian.month - 1, gregorian.day));
  const get = (type: string) =>
    Number.parseInt(parts.find((p) => p.type === type)?.value ?? "", 10);
  return { year: get("year"), month: get("month"), day: get("day") };
}

/** A rough ordinal of a Hijri day, for stepping towards it. */
function ordinal(h: YMD): number {
  return h.year * 354.367 + (h.month - 1) * 29.53 + h.day;
}

/** The Gregorian day of a Hijri date, or null when that Hijri day does not exist (e.g. 30 of a 29-day month). */
export function gregorianOfHijri(hijri: YMD): YMD | null {
  if (hijri.month < 1 || hijri.month > 12 || hijri.day < 1 || hijri.day > 30) return null;
  // 1 Muharram 1 AH ≈ 16 July 622 (Julian); ICU's Umm al-Qura data covers 1300–1600 AH exactly.
  let t =
    Date.UTC(622, 6, 19) +
    Math.round((ordinal(hijri) - ordinal({ year: 1, month: 1, day: 1 })) * DAY_MS);
  for (let step = 0; step < 20; step++) {
    const d = new Date(t);
    const current = hijriOf({
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
    });
    if (current.year === hijri.year && current.month === hijri.month && current.day === hijri.day) {
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    }
    const delta = Math.round(ordinal(hijri) - ordinal(current));
    // Near the target the estimate can oscillate around a missing day 30: step one day at a time.
    t += (Math.abs(delta) <= 2 ? Math.sign(delta) || 1 : delta) * DAY_MS;
    if (step > 15 && Math.abs(delta) <= 1) return null;
  }
  return null;
}

const PERSIAN = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", {
  year: "numeric",
  month: "numeric",
  day: "numeric",
  timeZone: "UTC",
});

function persianOf(t: number): YMD {
  const parts = PERSIAN.formatToParts(t);
  const get = (type: string) =>
    Number.parseInt(parts.find((p) => p.type === type)?.value ?? "", 10);
  return { year: get("year"), month: get("month"), day: get("day") };
}

/** Day of the Solar Hijri year: six months of 31 days, five of 30, then Esfand. */
function persianOrdinal(p: YMD): number {
  const month = p.month <= 6 ? (p.month - 1) * 31 : 186 + (p.month - 7) * 30;
  return p.year * 365.2422 + month + p.day;
}

/** The Gregorian day of a Solar Hijri date (1 Farvardin is the March equinox), or null if there is none. */
export function gregorianOfPersian(persian: YMD): YMD | null {
  const { month, day } = persian;
  if (month < 1 || month > 12 || day < 1 || day > (month <= 6 ? 31 : 30)) return null;
  // 1 Farvardin 1399 was 20 March 2020.
  const anchor = { year: 1399, month: 1, day: 1 };
  let t =
    Date.UTC(2020, 2, 20) + Math.round((persianOrdinal(persian) - persianOrdinal(anchor)) * DAY_MS);
  for (let step = 0; step < 8; step++) {
    const current = persianOf(t);
    if (current.year === persian.year && current.month === month && current.day === day) {
      const d = new Date(t);
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    }
    // The estimate's fractional years round to nothing near a year's end: then a day at a time.
    const delta =
      Math.round(persianOrdinal(persian) - persianOrdinal(current)) ||
      Math.sign(persian.year - current.year || month - current.month || day - current.day);
    t += delta * DAY_MS;
  }
  return null;
}
