import { groupBy, type MonthSummary } from "../calendar.ts";
import { type ListPage, neighbourLinks, pageKind, paginate } from "./kind.ts";

/**
 * What a month's page shows, and no more (its data is its key, as a day's
 * page's is): its days with their counts, its articles, the months around it
 * by name — not its year's calendar, which changed with every new day.
 */
export interface MonthPage extends ListPage {
  month: MonthSummary;
  previous?: NeighbourMonth;
  next?: NeighbourMonth;
}

/** A month before or after, as its link shows it. */
export type NeighbourMonth = Pick<MonthSummary, "month" | "url">;

/** A month's articles, paginated, with the months before and after. */
export const monthPages = pageKind({
  name: "month",
  pages: (ix): MonthPage[] => {
    const byMonth = groupBy(ix.dated, (a) => (a.day as string).slice(0, 7));
    const months = ix.years.flatMap((y) => y.months);
    return months.flatMap((month, i) =>
      paginate(byMonth.get(month.month) ?? [], ix.pageSize, month.url).map((page) => ({
        ...page,
        month,
        ...neighbourLinks(months, i, "month"),
      })),
    );
  },
});
