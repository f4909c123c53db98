import { groupBy, type MonthSummary, type YearSummary } from "../calendar.ts";
import { type ListPage, optional, pageKind, paginate } from "./kind.ts";

export interface MonthPage extends ListPage {
  year: YearSummary;
  month: MonthSummary;
  previous?: MonthSummary;
  next?: MonthSummary;
}

/** A month's articles, paginated, with the months before and after. */
export const monthPages = pageKind({
  name: "month",
  pages: (ix): MonthPage[] => {
    const byMonth = groupBy(ix.dated, (a) => (a.day as string).slice(0, 7));
    const months = ix.years.flatMap((y) => y.months);
    return months.flatMap((month, i) => {
      const year = ix.years.find((y) => month.month.startsWith(y.year)) as YearSummary;
      return paginate(byMonth.get(month.month) ?? [], ix.pageSize, month.url).map((page) => ({
        ...page,
        year,
        month,
        ...optional("previous", months[i + 1]),
        ...optional("next", months[i - 1]),
      }));
    });
  },
});
