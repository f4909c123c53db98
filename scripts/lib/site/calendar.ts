import { compareStrings } from "../files.ts";
import type { ArchiveArticle } from "./archive-article.ts";
import { URLS } from "./urls.ts";

/** The archive's calendar: years, months and days that hold articles, newest first, with counts. */

export interface DaySummary {
  day: string;
  url: string;
  count: number;
}

export interface MonthSummary {
  /** "2025-11" */
  month: string;
  url: string;
  count: number;
  days: DaySummary[];
}

export interface YearSummary {
  year: string;
  url: string;
  count: number;
  months: MonthSummary[];
}

export function summariseDates(dated: ArchiveArticle[]): YearSummary[] {
  const years: YearSummary[] = [];
  for (const a of dated) {
    const day = a.day as string;
    const y = day.slice(0, 4);
    const m = day.slice(0, 7);
    let year = years.at(-1);
    if (year?.year !== y) {
      year = { year: y, url: URLS.year(y), count: 0, months: [] };
      years.push(year);
    }
    let month = year.months.at(-1);
    if (month?.month !== m) {
      month = { month: m, url: URLS.month(m), count: 0, days: [] };
      year.months.push(month);
    }
    let d = month.days.at(-1);
    if (d?.day !== day) {
      d = { day, url: URLS.day(day), count: 0 };
      month.days.push(d);
    }
    year.count++;
    month.count++;
    d.count++;
  }
  return years;
}

/** Newest day first; within a day, latest time first; then by path, for a total order. */
export function newestFirst(a: ArchiveArticle, b: ArchiveArticle): number {
  return (
    compareStrings(b.day as string, a.day as string) ||
    compareStrings(localTime(b), localTime(a)) ||
    compareStrings(a.path, b.path)
  );
}

function localTime(a: ArchiveArticle): string {
  return a.date && a.date.length > 10 ? a.date.slice(11, 19) : "";
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
