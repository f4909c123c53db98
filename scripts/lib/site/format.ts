import { DateTime } from "luxon";
import { fill } from "../../../layouts/i18n/fill.ts";
import type { Plural } from "../../../layouts/i18n/types.ts";

/**
 * How dates and counts read on the site: month and weekday names of the
 * configured locale through luxon, digits in the configured numbering system,
 * and the plural forms of the interface's dictionary (layouts/i18n/) chosen by
 * Intl.PluralRules of the locale. Nothing here reads the clock or the
 * machine's time zone: a day is formatted as a calendar day, an instant at the
 * offset it was published with.
 */

export interface FormatOptions {
  locale: string;
  numberingSystem: string;
  hijri?: boolean;
  /** A date with its time, from the interface's dictionary: «{date}، {time}». */
  dateTime: string;
}

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
    this.plainLocale = !/-u-/i.test(options.locale);
  }

  number(n: number): string {
    return this.numbers.format(n);
  }

  /** «مقال واحد», «مقالان», «٣ مقالات», «١١ مقالًا», «١٠٠ مقال»; "1 article", "18 articles". */
  count(n: number, noun: Plural): string {
    const form = (n === 0 ? noun.zero : undefined) ?? noun[this.plurals.select(n)] ?? noun.other;
    return fill(form, { n: this.number(n) });
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
      const day = this.spell(iso, {
        weekday: "long",
        day: "numeric",
        month: "long",
        year: "numeric",
      });
      if (iso.length === 10) return day;
      const time = this.spell(iso, { hour: "numeric", minute: "2-digit" });
      return fill(this.options.dateTime, { date: day, time });
    });
  }

  /**
   * A date (a calendar day, or an instant at its own offset) spelt in the
   * locale as luxon spells it: Intl's formatter of the locale and numbering
   * system, at the date's own offset. The wall clock an ISO date shows is its
   * fields, so they are formatted as a UTC time, by one formatter a set of
   * options: each date through luxon (parsed, given the locale, formatted by
   * a formatter luxon looks up again) took a tenth of a page's render.
   * Luxon joins the formatter's parts where it formats a shifted UTC time (a
   * calendar day, offset zero, an offset of part of an hour), and calls its
   * `format` at a whole hour's offset, whose text V8 gives with a plain space
   * where the parts have a narrow one («12:00 AM»): the same here, so that
   * the text is luxon's. Anything else — a locale with extensions of its
   * own, a date that is not a plain valid ISO date — goes through luxon.
   */
  private spell(iso: string, options: Intl.DateTimeFormatOptions): string {
    const date = this.plainLocale ? isoDateOf(iso) : undefined;
    if (date === undefined) return this.parse(iso).toLocaleString(options);
    const key = JSON.stringify(options);
    let formatter = this.formatters.get(key);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(`${this.locale}-u-nu-${this.numberingSystem}`, {
        ...options,
        timeZone: "UTC",
      });
      this.formatters.set(key, formatter);
    }
    const { wallClock, offset } = date;
    const wholeHours = offset !== undefined && offset !== 0 && offset % 60 === 0;
    return wholeHours && offset >= -12 * 60 && offset <= 14 * 60
      ? formatter.format(wallClock)
      : formatter
          .formatToParts(wallClock)
          .map((part) => part.value)
          .join("");
  }
  private readonly formatters = new Map<string, Intl.DateTimeFormat>();
  /** A locale without Unicode extensions of its own, to which the numbering system can be added. */
  private readonly plainLocale: boolean;

  /** «١٥ نوفمبر ٢٠٢٥» */
  day(iso: string): string {
    return this.memoised(`day ${iso.slice(0, 10)}`, () =>
      this.spell(iso.slice(0, 10), { day: "numeric", month: "long", year: "numeric" }),
    );
  }

  /** «نوفمبر ٢٠٢٥» for "2025-11" */
  month(yearMonth: string): string {
    return this.memoised(`month ${yearMonth}`, () =>
      this.spell(`${yearMonth}-01`, { month: "long", year: "numeric" }),
    );
  }

  /**
   * A date or name standing alone as a label or heading, first letter in
   * capitals where the script has them («Novembre 2025»: French writes month
   * names in lower case inside a sentence, not at the start of a heading).
   */
  label(text: string): string {
    const first = text.codePointAt(0);
    if (first === undefined) return text;
    const char = String.fromCodePoint(first);
    return char.toLocaleUpperCase(this.locale) + text.slice(char.length);
  }

  /** «نوفمبر» for "2025-11" */
  monthName(yearMonth: string): string {
    return this.memoised(`monthName ${yearMonth}`, () =>
      this.spell(`${yearMonth}-01`, { month: "long" }),
    );
  }

  /** «٢٥ جمادى الأولى ١٤٤٧ هـ» (Umm al-Qura) for the article's local day, when configured. */
  hijri(iso: string): string | undefined {
    if (!this.options.hijri) return undefined;
    return this.memoised(`hijri ${iso.slice(0, 10)}`, () => {
      const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
      // One formatter for every day (measured: making one 66 µs, a day's format under 1 µs).
      this.hijriDays ??= new Intl.DateTimeFormat(
        `${this.options.locale}-u-ca-islamic-umalqura-nu-${this.options.numberingSystem}`,
        { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" },
      );
      return this.hijriDays.format(Date.UTC(y, m - 1, d));
    });
  }
  private hijriDays: Intl.DateTimeFormat | undefined;

  /** «٢٠٢٥» */
  year(year: string): string {
    return this.memoised(`year ${year}`, () => this.spell(`${year}-01-01`, { year: "numeric" }));
  }
}

/**
 * The wall clock an ISO date shows, as milliseconds of a UTC time, and its
 * offset in minutes: a calendar day («2025-11-15», no offset) or a date and
 * time with its offset («…T14:05:00+02:00», «…Z»); undefined for anything
 * else, or a field out of range (31 February).
 */
export function isoDateOf(iso: string): { wallClock: number; offset?: number } | undefined {
  const m = ISO_DATE.exec(iso);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m
    .slice(1, 7)
    .map((f) => (f === undefined ? undefined : Number(f))) as [
    number,
    number,
    number,
    number?,
    number?,
    number?,
  ];
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(wallClock);
  // Date.UTC rolls a field over (31 February is 3 March): only dates it leaves as they are.
  if (
    year < 1000 ||
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    back.getUTCHours() !== hour ||
    back.getUTCMinutes() !== minute ||
    back.getUTCSeconds() !== second
  )
    return undefined;
  const zone = m[7];
  if (zone === undefined) return { wallClock };
  if (zone === "Z") return { wallClock, offset: 0 };
  const sign = zone[0] === "-" ? -1 : 1;
  return { wallClock, offset: sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) };
}
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
