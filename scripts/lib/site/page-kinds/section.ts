import type { TagSummary } from "../tags.ts";
import { type ListPage, pageKind, paginate } from "./kind.ts";

export interface SectionPage extends ListPage {
  section: TagSummary;
}

/** Each section's articles (سياسة، اقتصاد، رياضة…), paginated. */
export const sectionPages = pageKind({
  name: "section",
  pages: (ix): SectionPage[] =>
    ix.sections.flatMap((section) =>
      paginate(ix.bySection.get(section) ?? [], ix.pageSize, section.url).map((page) => ({
        ...page,
        section,
      })),
    ),
});
