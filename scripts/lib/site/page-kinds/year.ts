import type { YearSummary } from "../calendar.ts";
import { neighbourLinks, pageKind } from "./kind.ts";

/** What a year's page shows: its calendar, and the years around it by name (its data is its key). */
export interface YearPage {
  url: string;
  year: YearSummary;
  previous?: NeighbourYear;
  next?: NeighbourYear;
}

/** A year before or after, as its link shows it. */
export type NeighbourYear = Pick<YearSummary, "year" | "url">;

/** A year's months and days (not paginated: a year lists its days, not its articles). */
export const yearPages = pageKind({
  name: "year",
  pages: (ix): YearPage[] => {
    return ix.years.map((year, i) => ({
      url: year.url,
      year,
      ...neighbourLinks(ix.years, i, "year"),
    }));
  },
});
