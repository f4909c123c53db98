import { DateTime } from "luxon";
import { foldArabic, words } from "../arabic.ts";
import type { ArticleDate } from "./article.ts";
import { gregorianOfHijri, gregorianOfPersian } from "./hijri.ts";

/**
 * Publication dates written on a dump's date line, in the forms Arabic and
 * English news sites print them. A date is only ever read from the dump (or
 * its sidecar): never from the file system, git or the clock.
 */

export interface DateOptions {
  /** IANA zone applied to times written without an offset. */
  defaultTimezone: string;
}

export interface DateLineMatch {
  date: ArticleDate;
  /** What the line says besides the date (labels, weekday, time and separators removed). */
  rest: string;
  warnings: string[];
}

/**
 * Month names by region and language; values are month numbers. Keys are
 * folded (أ→ا, ة→ه, ى→ي, Latin lower case) when the table is built.
 */
const MONTH_NAMES: Record<string, number> = {
  // Egypt, the Gulf, most of the press
  يناير: 1,
  فبراير: 2,
  مارس: 3,
  ابريل: 4,
  مايو: 5,
  يونيو: 6,
  يونيه: 6,
  يوليو: 7,
  يوليه: 7,
  اغسطس: 8,
  سبتمبر: 9,
  اكتوبر: 10,
  نوفمبر: 11,
  ديسمبر: 12,
  // Levant and Iraq
  "كانون الثاني": 1,
  شباط: 2,
  اذار: 3,
  نيسان: 4,
  ايار: 5,
  حزيران: 6,
  تموز: 7,
  اب: 8,
  ايلول: 9,
  "تشرين الاول": 10,
  "تشرين الثاني": 11,
  "كانون الاول": 12,
  // Algeria and Tunisia
  جانفي: 1,
  فيفري: 2,
  افريل: 4,
  ماي: 5,
  جوان: 6,
  جويليه: 7,
  اوت: 8,
  // Morocco
  يوليوز: 7,
  غشت: 8,
  شتنبر: 9,
  نونبر: 11,
  دجنبر: 12,
  // English
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // German
  januar: 1,
  jänner: 1,
  februar: 2,
  märz: 3,
  maerz: 3,
  mrz: 3,
  mär: 3,
  mai: 5,
  juni: 6,
  juli: 7,
  oktober: 10,
  okt: 10,
  dezember: 12,
  dez: 12,
  // French
  janvier: 1,
  janv: 1,
  février: 2,
  fevrier: 2,
  févr: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  juin: 6,
  juillet: 7,
  juil: 7,
  août: 8,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  décembre: 12,
  decembre: 12,
  déc: 12,
  // Spanish, Italian, Portuguese
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
  gennaio: 1,
  febbraio: 2,
  aprile: 4,
  maggio: 5,
  giugno: 6,
  luglio: 7,
  settembre: 9,
  ottobre: 10,
  dicembre: 12,
  janeiro: 1,
  fevereiro: 2,
  março: 3,
  maio: 5,
  junho: 6,
  julho: 7,
  setembro: 9,
  outubro: 10,
  dezembro: 12,
  // Dutch
  januari: 1,
  februari: 2,
  maart: 3,
  mei: 5,
  augustus: 8,
  // Russian, Ukrainian, Polish (the genitive a date is written in)
  января: 1,
  февраля: 2,
  марта: 3,
  апреля: 4,
  мая: 5,
  июня: 6,
  июля: 7,
  августа: 8,
  сентября: 9,
  октября: 10,
  ноября: 11,
  декабря: 12,
  січня: 1,
  лютого: 2,
  березня: 3,
  квітня: 4,
  травня: 5,
  червня: 6,
  липня: 7,
  серпня: 8,
  вересня: 9,
  жовтня: 10,
  листопада: 11,
  грудня: 12,
  stycznia: 1,
  lutego: 2,
  marca: 3,
  kwietnia: 4,
  maja: 5,
  czerwca: 6,
  lipca: 7,
  sierpnia: 8,
  września: 9,
  października: 10,
  listopada: 11,
  grudnia: 12,
  // Turkish
  ocak: 1,
  şubat: 2,
  mart: 3,
  nisan: 4,
  mayıs: 5,
  haziran: 6,
  temmuz: 7,
  ağustos: 8,
  eylül: 9,
  ekim: 10,
  kasım: 11,
  aralık: 12,
  // Persian names of the Gregorian months
  ژانویه: 1,
  فوریه: 2,
  آوریل: 4,
  مه: 5,
  ژوئن: 6,
  ژوئیه: 7,
  سپتامبر: 9,
  اکتبر: 10,
  نوامبر: 11,
  دسامبر: 12,
};

const folded = (table: Record<string, number>) =>
  Object.fromEntries(Object.entries(table).map(([name, n]) => [foldArabic(name), n]));
const MONTHS: Record<string, number> = folded(MONTH_NAMES);

/** Solar Hijri months (Iran, Afghanistan): «۲۱ اردیبهشت ۱۳۹۹». */
const PERSIAN_MONTHS: Record<string, number> = folded({
  فروردین: 1,
  اردیبهشت: 2,
  خرداد: 3,
  تیر: 4,
  مرداد: 5,
  شهریور: 6,
  مهر: 7,
  آبان: 8,
  آذر: 9,
  دی: 10,
  بهمن: 11,
  اسفند: 12,
});

/** Hijri month names after folding → month number. */
const HIJRI_MONTHS: Record<string, number> = {
  محرم: 1,
  صفر: 2,
  "ربيع الاول": 3,
  "ربيع الاخر": 4,
  "ربيع الثاني": 4,
  "جمادي الاولي": 5,
  "جمادي الاول": 5,
  "جمادي الاخره": 6,
  "جمادي الاخر": 6,
  "جمادي الثانيه": 6,
  "جمادي الثاني": 6,
  رجب: 7,
  شعبان: 8,
  رمضان: 9,
  شوال: 10,
  "ذو القعده": 11,
  "ذي القعده": 11,
  "ذو الحجه": 12,
  "ذي الحجه": 12,
};

/** Weekday names after folding → ISO weekday (Monday = 1). */
const WEEKDAYS: Record<string, number> = {
  الاثنين: 1,
  الاتنين: 1,
  الثلاثاء: 2,
  الاربعاء: 3,
  الخميس: 4,
  الجمعه: 5,
  السبت: 6,
  الاحد: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

const ARABIC_WEEKDAY_NAMES = [
  "",
  "الاثنين",
  "الثلاثاء",
  "الأربعاء",
  "الخميس",
  "الجمعة",
  "السبت",
  "الأحد",
];

const LABELS = [
  "نشر في",
  "نشر بتاريخ",
  "تاريخ النشر",
  "اخر تحديث",
  "تم النشر",
  "تم التحديث",
  "تاريخ",
  "بتاريخ",
  "تحديث",
  "الساعه",
  "published on",
  "published",
  "updated on",
  "updated",
  "posted on",
  "posted",
  "date",
  "at",
];

const alternation = (names: string[]) =>
  [...names]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/ /g, "\\s+"))
    .join("|");

// Names are matched on folded text; a name must not be glued to other letters.
const NOT_LETTER_BEFORE = "(?<![\\p{L}\\p{M}])";
const NOT_LETTER_AFTER = "(?![\\p{L}\\p{M}])";
const MONTH = `${NOT_LETTER_BEFORE}(${alternation(Object.keys(MONTHS))})${NOT_LETTER_AFTER}`;
const WEEKDAY_RE = new RegExp(
  `${NOT_LETTER_BEFORE}(?:يوم\\s+)?(${alternation(Object.keys(WEEKDAYS))})${NOT_LETTER_AFTER}`,
  "u",
);
const LABEL_RE = new RegExp(
  `${NOT_LETTER_BEFORE}(?:${alternation(LABELS)})${NOT_LETTER_AFTER}`,
  "gu",
);
const TIME_RE = new RegExp(
  `(?<!\\d)(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?!\\d)\\s*(صباحا|مساء|ص|م|a\\.m\\.|p\\.m\\.|am|pm)?${NOT_LETTER_AFTER}`,
  "u",
);
const HIJRI_RE = new RegExp(
  `(?<!\\d)(\\d{1,2})\\s*(?:من\\s+)?${NOT_LETTER_BEFORE}(${alternation(Object.keys(HIJRI_MONTHS))})${NOT_LETTER_AFTER}[\\s,،]*(\\d{3,4})(?!\\d)\\s*(?:ه(?:جري(?:ه)?)?|ah)?${NOT_LETTER_AFTER}`,
  "u",
);
const SOLAR_HIJRI_RE = new RegExp(
  `(?<!\\d)(\\d{1,2})\\s*${NOT_LETTER_BEFORE}(${alternation(Object.keys(PERSIAN_MONTHS))})${NOT_LETTER_AFTER}[\\s,،]*(\\d{4})(?!\\d)`,
  "u",
);
/** A numeric year-first date of the Solar Hijri era (13xx–14xx): Iranian pages write «۱۳۹۹/۰۲/۲۱». */
const SOLAR_NUMERIC_RE = /(?<!\d)(1[34]\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/u;
/** Persian digits or letters Arabic does not use: the line is Persian. */
const PERSIAN_CUES = /[\u06F0-\u06F9\u067E\u0686\u0698\u06AF\u06A9\u06CC]/u;
/** A date marked Hijri: «1447 هـ», «1447/05/25 هـ» (tatweel is folded away, leaving ه). */
const HIJRI_YEAR_MARK = /\d\s*ه(?:جري(?:ه)?)?(?![\p{L}])/u;
const OFFSET_RE =
  /(?:\s*(?:gmt|utc)\s*([+-]\d{1,2})(?::?(\d{2}))?)|(?:\s*([+-]\d{2}):?(\d{2}))|(z)(?![\p{L}])/u;

type DatePattern = {
  re: RegExp;
  pick: (m: RegExpExecArray) => { year: number; month: number; day: number } | null;
};

const num = (s: string | undefined) => Number.parseInt(s ?? "", 10);

/** Tried in order; the first that matches a real calendar day wins. */
const DATE_PATTERNS: DatePattern[] = [
  // 2025-11-16, 2025/11/16, 2025.11.16 (ISO order is unambiguous)
  {
    re: /(?<!\d)(\d{4}) ?([-/.]) ?(\d{1,2}) ?\2 ?(\d{1,2})(?!\d)/u,
    pick: (m) => ({ year: num(m[1]), month: num(m[3]), day: num(m[4]) }),
  },
  // 16/11/2025, 16-11-2025, 16.11.2025: day first, as the Arab press writes it;
  // month first only when the first number cannot be a month.
  {
    re: /(?<!\d)(\d{1,2}) ?([-/.]) ?(\d{1,2}) ?\2 ?(\d{4})(?!\d)/u,
    pick: (m) => {
      const a = num(m[1]);
      const b = num(m[3]);
      const year = num(m[4]);
      if (b > 12 && a <= 12) return { year, month: a, day: b };
      return { year, month: b, day: a };
    },
  },
  // 16 نوفمبر 2025, 2 مارس، 2025, 15 November 2025, 16 نوفمبر/تشرين الثاني 2025
  {
    re: new RegExp(
      `(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s*(?:من\\s+|de\\s+)?${MONTH}\\.?(?:\\s*[/(]\\s*${MONTH}\\s*\\)?)?[\\s,،]*(?:de\\s+)?(\\d{4})(?!\\d)`,
      "u",
    ),
    pick: (m) => ({ year: num(m[4]), month: MONTHS[norm(m[2])] ?? 0, day: num(m[1]) }),
  },
  // 2020年07月03日 (Japanese, Chinese), 2020년 3월 4일 (Korean)
  {
    re: /(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/u,
    pick: (m) => ({ year: num(m[1]), month: num(m[2]), day: num(m[3]) }),
  },
  // November 15, 2025
  {
    re: new RegExp(`${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?[\\s,،]+(\\d{4})(?!\\d)`, "u"),
    pick: (m) => ({ year: num(m[3]), month: MONTHS[norm(m[1])] ?? 0, day: num(m[2]) }),
  },
  // 29.12.10, 02.12.19: day, month and a two-digit year, as German pages write them (dots only)
  {
    re: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])/u,
    pick: (m) => {
      const yy = num(m[3]);
      return { year: yy < 70 ? 2000 + yy : 1900 + yy, month: num(m[2]), day: num(m[1]) };
    },
  },
];

function norm(name: string | undefined): string {
  return (name ?? "").replace(/\s+/g, " ");
}

const ANY_DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/;

/** Years a news archive can plausibly hold (a Hijri year such as 1447 is not one). */
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

/**
 * Reads a date from one header line. Returns null when the line holds no date.
 * The caller decides whether the line *is* a date line (`rest` is empty) or
 * only mentions one.
 */
const YEAR_GLUED_TO_TIME = /(?<!\d)((?:19|20)\d\d)([0-2]?\d:[0-5]\d)(?!\d)/gu;

export function parseDateLine(line: string, options: DateOptions): DateLineMatch | null {
  // Every date this reads has digits (ASCII, Arabic-Indic, Persian): most lines have none.
  if (!ANY_DIGIT.test(line)) return null;
  // A dump's header lines are read when the parser looks for its header, again when it
  // collects the lines around the headline, and again when the date is chosen.
  // (A reading depends on the line and the zone, DateOptions' one field.)
  if (options.defaultTimezone !== recentZone) {
    recentZone = options.defaultTimezone;
    recentLines.clear();
  }
  let match = recentLines.get(line);
  if (match === undefined) {
    match = readDateLine(line, options);
    if (recentLines.size >= RECENT_LINES) recentLines.clear();
    recentLines.set(line, match);
  }
  // A copy: what a caller does with its match is not the next caller's.
  return match && { date: { ...match.date }, rest: match.rest, warnings: [...match.warnings] };
}

/** Lines parseDateLine read lately (in `recentZone`), and what it read in them. */
const recentLines = new Map<string, DateLineMatch | null>();
let recentZone: string | undefined;
const RECENT_LINES = 4096;

function readDateLine(line: string, options: DateOptions): DateLineMatch | null {
  // Folding keeps length-changing steps (NFKC, mark stripping) before matching,
  // so all indices below refer to `text`.
  let text = foldArabic(line)
    .replace(/\s+/g, " ")
    // A year and a time printed in two elements with no space between them (a
    // copied page's text): «NOV 19 20197:05 AM» is «NOV 19 2019 7:05 AM».
    .replace(YEAR_GLUED_TO_TIME, "$1 $2");
  const warnings: string[] = [];

  // A Hijri date is taken out first, so its numbers are never read as a Gregorian date.
  let hijri: { year: number; month: number; day: number } | null = null;
  let solar: { year: number; month: number; day: number } | null = null;
  const sh = SOLAR_HIJRI_RE.exec(text);
  const sn =
    sh || HIJRI_YEAR_MARK.test(text) || !PERSIAN_CUES.test(line)
      ? null
      : SOLAR_NUMERIC_RE.exec(text);
  const h = sh || sn ? null : HIJRI_RE.exec(text);
  if (sh) {
    solar = { year: num(sh[3]), month: PERSIAN_MONTHS[norm(sh[2])] ?? 0, day: num(sh[1]) };
    text = cut(text, sh.index, sh[0].length);
  } else if (sn) {
    solar = { year: num(sn[1]), month: num(sn[2]), day: num(sn[3]) };
    text = cut(text, sn.index, sn[0].length);
  } else if (h) {
    hijri = { year: num(h[3]), month: HIJRI_MONTHS[norm(h[2])] ?? 0, day: num(h[1]) };
    text = cut(text, h.index, h[0].length);
  } else if (HIJRI_YEAR_MARK.test(text)) {
    // A numeric Hijri date (1447/05/25 هـ): read as Hijri, never as Gregorian.
    const numeric =
      /(?<!\d)(\d{3,4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)|(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{3,4})(?!\d)/u.exec(
        text,
      );
    if (!numeric) return null;
    hijri = numeric[1]
      ? { year: num(numeric[1]), month: num(numeric[2]), day: num(numeric[3]) }
      : { year: num(numeric[6]), month: num(numeric[5]), day: num(numeric[4]) };
    text = cut(text, numeric.index, numeric[0].length);
  }

  let found: { year: number; month: number; day: number } | null = null;
  for (const pattern of DATE_PATTERNS) {
    const m = pattern.re.exec(text);
    if (!m) continue;
    const candidate = pattern.pick(m);
    if (!candidate || !isRealDay(candidate)) continue;
    found = candidate;
    text = cut(text, m.index, m[0].length);
    break;
  }
  if (solar && !found) {
    found = gregorianOfPersian(solar);
    if (!found) return null;
    warnings.push(`date converted from the Solar Hijri ${solar.day}/${solar.month}/${solar.year}`);
  }
  if (hijri) {
    const converted = gregorianOfHijri(hijri);
    if (!found) {
      if (!converted) return null;
      found = converted;
      warnings.push(
        `date converted from the Hijri ${hijri.day}/${hijri.month}/${hijri.year} (Umm al-Qura)`,
      );
    } else if (!converted || Math.abs(dayNumber(converted) - dayNumber(found)) > 1) {
      // Calendars differ by a day between countries; more is a contradiction worth a look.
      warnings.push(
        `the Hijri date ${hijri.day}/${hijri.month}/${hijri.year} does not match ${isoDay(found)}`,
      );
    }
  }
  if (!found) return null;

  let time: { hour: number; minute: number; second: number } | null = null;
  let offsetMinutes: number | null = null;
  const t = TIME_RE.exec(text);
  if (t) {
    let hour = num(t[1]);
    const minute = num(t[2]);
    const second = t[3] ? num(t[3]) : 0;
    const meridiem = t[4];
    if (meridiem) {
      const pm = ["م", "مساء", "pm", "p.m."].includes(meridiem);
      if (hour === 12) hour = pm ? 12 : 0;
      else if (pm) hour += 12;
    }
    if (hour <= 23 && minute <= 59 && second <= 59) {
      time = { hour, minute, second };
      text = cut(text, t.index, t[0].length);
      const after = OFFSET_RE.exec(text.slice(t.index));
      if (after && after.index === 0) {
        offsetMinutes = parseOffset(after);
        text = cut(text, t.index, after[0].length);
      }
    }
  }

  const w = WEEKDAY_RE.exec(text);
  if (w) {
    const said = WEEKDAYS[w[1] ?? ""] ?? 0;
    const actual = DateTime.fromObject(found, { zone: "UTC" }).weekday;
    if (said !== actual) {
      warnings.push(
        `weekday mismatch: the dump says ${w[1]} but ${isoDay(found)} is a ${ARABIC_WEEKDAY_NAMES[actual]}`,
      );
    }
    text = cut(text, w.index, w[0].length);
  }

  const rest = text
    .replace(LABEL_RE, " ")
    // era markers after a year (م، هـ), «الموافق» between two calendars, and separators
    .replace(/(?<![\p{L}])(?:م|ه|الموافق|موافق)(?![\p{L}])/gu, " ")
    .replace(/[\s,،:؛;|\-–—/()[\]«»"'.]+/g, " ")
    .trim();

  return { date: toArticleDate(found, time, offsetMinutes, options), rest, warnings };
}

const RELATIVE_DATE =
  /^(?:(?:نشر|تحديث|اخر تحديث)\s*:?\s*)?(?:منذ|قبل)\s+(?:\d+\s+)?(?:ثانيه|ثواني|ثوان|دقيقه|دقيقتين|دقايق|ساعه|ساعتين|ساعات|يوم|يومين|ايام|اسبوع|اسبوعين|اسابيع|شهر|شهرين|اشهر|سنه|سنوات)$|^(?:اليوم|امس|الان|البارحه)(?:\s*[-–—،,]?\s*(?:الساعه\s*)?\d{1,2}:\d{2}\s*(?:ص|م|صباحا|مساء)?)?$|^(?:\d+|an?|one)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?)\s+ago$|^(?:today|yesterday|just now)$/u;

/**
 * «منذ 3 ساعات», «أمس», "2 hours ago": a date relative to a moment the dump
 * does not record. Such a line is furniture; it never gives a date.
 */
export function isRelativeDateLine(line: string): boolean {
  // «اخر تحديث: منذ 3 ساعات» is the longest of them.
  if (line.length > 60) return false;
  return RELATIVE_DATE.test(
    foldArabic(line)
      .replace(/\s+/g, " ")
      .replace(/[.،,:]+$/u, "")
      .trim(),
  );
}

/** Whether a date line gives the publication (نشر، بتاريخ) or a later update (آخر تحديث), or does not say. */
export function dateLineKind(line: string): "published" | "updated" | "plain" {
  const folded = foldArabic(line);
  if (/(?:اخر تحديث|تم التحديث|تحديث|updated|last update)/u.test(folded)) return "updated";
  if (/(?:نشر|بتاريخ|تاريخ النشر|published|posted)/u.test(folded)) return "published";
  return "plain";
}

/** A line that is nothing but a date (with optional label, weekday and time). */
export function isDateLine(line: string, options: DateOptions): boolean {
  const m = parseDateLine(line, options);
  return m !== null && words(m.rest).length === 0;
}

/** A dateline may name the place, the agency or the writer beside the date: a few words, no more. */
const DATELINE_MAX_OTHER_WORDS = 6;
const DATELINE_MAX_CHARS = 140;

/**
 * A header line that carries the date: «Updated on: November 19, 2019 /
 * 10:07 AM / CBS News», «القاهرة: الأربعاء، 07 أكتوبر 2020 12:19 م». Shorter
 * than a sentence, and little besides the date.
 */
export function isDatelineLike(line: string, options: DateOptions): boolean {
  if (line.length > DATELINE_MAX_CHARS) return false;
  const m = parseDateLine(line, options);
  // A second date or time (the update) leaves numbers behind: they are not words.
  return (
    m !== null && words(m.rest).filter((w) => !/^\d+$/.test(w)).length <= DATELINE_MAX_OTHER_WORDS
  );
}

function dayNumber(d: { year: number; month: number; day: number }): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

function cut(text: string, index: number, length: number): string {
  return `${text.slice(0, index)} ${text.slice(index + length)}`;
}

/**
 * A day of the Gregorian calendar within the years read. Asked of every
 * candidate date of every line with digits: plain arithmetic, not a Luxon
 * DateTime made for each (that was about 2 % of a dump's extraction).
 */
export function isRealDay({
  year,
  month,
  day,
}: {
  year: number;
  month: number;
  day: number;
}): boolean {
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) return false;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  // Day 0 of the next month is this month's last day.
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
  );
}

function isoDay(d: { year: number; month: number; day: number }): string {
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

function parseOffset(m: RegExpExecArray): number {
  if (m[5]) return 0; // "Z"
  const hours = m[1] ?? m[3] ?? "0";
  const minutes = num(m[2] ?? m[4] ?? "0");
  const sign = hours.startsWith("-") ? -1 : 1;
  return sign * (Math.abs(num(hours)) * 60 + minutes);
}

function toArticleDate(
  day: { year: number; month: number; day: number },
  time: { hour: number; minute: number; second: number } | null,
  offsetMinutes: number | null,
  options: DateOptions,
): ArticleDate {
  if (!time) return { kind: "day", iso: isoDay(day) };
  const zone =
    offsetMinutes === null
      ? options.defaultTimezone
      : `UTC${offsetMinutes >= 0 ? "+" : "-"}${formatOffset(Math.abs(offsetMinutes))}`;
  const dt = DateTime.fromObject({ ...day, ...time }, { zone });
  if (!dt.isValid) throw new Error(`invalid zone ${zone}: ${dt.invalidExplanation ?? ""}`);
  return {
    kind: "instant",
    iso: dt.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? "",
  };
}

function formatOffset(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? String(h) : `${h}:${String(m).padStart(2, "0")}`;
}

/**
 * A date given in metadata (sidecar `published`, later HTML and JSON): ISO 8601
 * day or date-time. Returns null when it is not one.
 */
export function parseIsoDate(value: string, options: DateOptions): ArticleDate | null {
  const v = value.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (day) {
    const d = { year: num(day[1]), month: num(day[2]), day: num(day[3]) };
    return isRealDay(d) ? { kind: "day", iso: isoDay(d) } : null;
  }
  // A date and a time; luxon alone would also take "10:52" (today) or "1988" (New Year's Day).
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v)) return null;
  const hasOffset = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(v);
  const dt = DateTime.fromISO(
    v.replace(" ", "T"),
    hasOffset ? { setZone: true } : { zone: options.defaultTimezone },
  );
  if (!dt.isValid || dt.year < MIN_YEAR || dt.year > MAX_YEAR) return null;
  return {
    kind: "instant",
    iso: dt.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? "",
  };
}

/** The local calendar day an article is filed under: the day printed at its own offset. */
export function localDay(date: ArticleDate): string {
  return date.iso.slice(0, 10);
}
