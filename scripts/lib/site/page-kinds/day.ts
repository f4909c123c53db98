import { type DaySummary, groupBy } from "../calendar.ts";
import { type ListPage, neighbourLinks, pageKind, paginate } from "./kind.ts";

/**
 * What a day's page shows, and no more: the page's data is its key for an
 * incremental build (render-plan.ts), so a field the page does not show would
 * render it again for nothing (the day's month, the neighbours' counts).
 */
export interface DayPage extends ListPage {
  day: DaySummary;
  previous?: NeighbourDay;
  next?: NeighbourDay;
}

/** A day before or after, as its link shows it. */
export type NeighbourDay = Pick<DaySummary, "day" | "url">;

/** A day's articles, paginated, with the days before and after. */
export const dayPages = pageKind({
  name: "day",
  pages: (ix): DayPage[] => {
    const byDay = groupBy(ix.dated, (a) => a.day as string);
    const days = ix.years.flatMap((y) => y.months).flatMap((m) => m.days);
    return days.flatMap((day, i) =>
      paginate(byDay.get(day.day) ?? [], ix.pageSize, day.url).map((page) => ({
        ...page,
        day,
        ...neighbourLinks(days, i, "day"),
      })),
    );
  },
});
