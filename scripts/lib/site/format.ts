import { DateTime } from "luxon";

/**
 * How dates and counts read on the site: Arabic month and weekday names
 * through luxon, digits in the configured numbering system, and Arabic plural
 * forms chosen by Intl.PluralRules. Nothing here reads the clock or the
 * machine's time zone: a day is formatted as a calendar day, an instant at the
 * offset it was published with.
 */

export interface FormatOptions {
  locale: string;
  numberingSystem: string;
  hijri?: boolean;
}

export interface Noun {
  zero: string;
  one: string;
  two: string;
  /** 3–10: «٣ مقالات» */
  few: string;
  /** 11–99: «١١ مقالًا» */
  many: string;
  /** 100+: «١٠٠ مقال» */
  other: string;
}

export const ARTICLE_NOUN: Noun = {
  zero: "لا مقالات",
  one: "مقال واحد",
  two: "مقالان",
  few: "{n} مقالات",
  many: "{n} مقالًا",
  other: "{n} مقال",
};

export const TAG_NOUN: Noun = {
  zero: "لا وسوم",
  one: "وسم واحد",
  two: "وسمان",
  few: "{n} وسوم",
  many: "{n} وسمًا",
  other: "{n} وسم",
};

/** Search results; the search page hands these forms to its script. */
export const RESULT_NOUN: Noun = {
  zero: "لا نتائج",
  one: "نتيجة واحدة",
  two: "نتيجتان",
  few: "{n} نتائج",
  many: "{n} نتيجة",
  other: "{n} نتيجة",
};

export class Formatter {
  readonly numberingSystem: string;
  /** The locale dates and plurals are spelt in (the search page's script uses it too). */
  readonly locale: string;
  private readonly numbers: Intl.NumberFormat;
  private readonly plurals: Intl.PluralRules;

  constructor(private readonly options: FormatOptions) {
    this.numberingSystem = options.numberingSystem;
    this.locale = options.locale;
    this.numbers = new Intl.NumberFormat(options.locale, {
      numberingSystem: options.numberingSystem,
    });
    this.plurals = new Intl.PluralRules(options.locale);
  }

  number(n: number): string {
    return this.numbers.format(n);
  }

  /** «مقال واحد», «مقالان», «٣ مقالات», «١١ مقالًا», «١٠٠ مقال». */
  count(n: number, noun: Noun = ARTICLE_NOUN): string {
    const category = this.plurals.select(n) as keyof Noun;
    return (noun[category] ?? noun.other).replace("{n}", this.number(n));
  }

  private parse(iso: string): DateTime {
    // A bare day is a calendar day: read it in UTC so no zone can shift it.
    const dt =
      iso.length === 10
        ? DateTime.fromISO(iso, { zone: "UTC" })
        : DateTime.fromISO(iso, { setZone: true });
    return dt
      .setLocale(this.options.locale)
      .reconfigure({ numberingSystem: this.options.numberingSystem });
  }

  // The same dates appear on many pages (an article is listed on its day, month,
  // tags and the home page): each string is formatted once per build.
  private readonly memo = new Map<string, string>();
  private memoised(key: string, make: () => string): string {
    let value = this.memo.get(key);
    if (value === undefined) {
      value = make();
      this.memo.set(key, value);
    }
    return value;
  }

  /** «السبت، ١٥ نوفمبر ٢٠٢٥», with the time when the source gave one. */
  date(iso: string): string {
    return this.memoised(`date ${iso}`, () => {
      const dt = this.parse(iso);
      const day = dt.toLocaleString({
        weekday: "long",
        day: "numeric",
        month: "long",
        year: "numeric",
      });
      if (iso.length === 10) return day;
      return `${day}، ${dt.toLocaleString({ hour: "numeric", minute: "2-digit" })}`;
    });
  }

  /** «١٥ نوفمبر ٢٠٢٥» */
  day(iso: string): string {
    return this.memoised(`day ${iso.slice(0, 10)}`, () =>
      this.parse(iso.slice(0, 10)).toLocaleString({
        day: "numeric",
        month: "long",
        year: "numeric",
      }),
    );
  }

  /** «نوفمبر ٢٠٢٥» for "2025-11" */
  month(yearMonth: string): string {
    return this.memoised(`month ${yearMonth}`, () =>
      this.parse(`${yearMonth}-01`).toLocaleString({ month: "long", year: "numeric" }),
    );
  }

  /** «نوفمبر» for "2025-11" */
  monthName(yearMonth: string): string {
    return this.memoised(`monthName ${yearMonth}`, () =>
      this.parse(`${yearMonth}-01`).toLocaleString({ month: "long" }),
    );
  }

  /** «٢٥ جمادى الأولى ١٤٤٧ هـ» (Umm al-Qura) for the article's local day, when configured. */
  hijri(iso: string): string | undefined {
    if (!this.options.hijri) return undefined;
    return this.memoised(`hijri ${iso.slice(0, 10)}`, () => {
      const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
      return new Intl.DateTimeFormat(
        `${this.options.locale}-u-ca-islamic-umalqura-nu-${this.options.numberingSystem}`,
        { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" },
      ).format(Date.UTC(y, m - 1, d));
    });
  }

  /** «٢٠٢٥» */
  year(year: string): string {
    return this.memoised(`year ${year}`, () =>
      this.parse(`${year}-01-01`).toLocaleString({ year: "numeric" }),
    );
  }
}
