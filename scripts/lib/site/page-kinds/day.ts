import { type DaySummary, groupBy, type MonthSummary } from "../calendar.ts";
import { type ListPage, optional, pageKind, paginate } from "./kind.ts";

export interface DayPage extends ListPage {
  month: MonthSummary;
  day: DaySummary;
  previous?: DaySummary;
  next?: DaySummary;
}

/** A day's articles, paginated, with the days before and after. */
export const dayPages = pageKind({
  name: "day",
  pages: (ix): DayPage[] => {
    const byDay = groupBy(ix.dated, (a) => a.day as string);
    const months = ix.years.flatMap((y) => y.months);
    const days = months.flatMap((m) => m.days);
    return days.flatMap((day, i) => {
      const month = months.find((m) => day.day.startsWith(m.month)) as MonthSummary;
      return paginate(byDay.get(day.day) ?? [], ix.pageSize, day.url).map((page) => ({
        ...page,
        month,
        day,
        ...optional("previous", days[i + 1]),
        ...optional("next", days[i - 1]),
      }));
    });
  },
});
