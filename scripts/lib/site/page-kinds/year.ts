import type { YearSummary } from "../calendar.ts";
import { optional, pageKind } from "./kind.ts";

export interface YearPage {
  url: string;
  year: YearSummary;
  previous?: YearSummary;
  next?: YearSummary;
}

/** A year's months and days (not paginated: a year lists its days, not its articles). */
export const yearPages = pageKind({
  name: "year",
  pages: (ix): YearPage[] =>
    ix.years.map((year, i) => ({
      url: year.url,
      year,
      ...optional("previous", ix.years[i + 1]),
      ...optional("next", ix.years[i - 1]),
    })),
});
