/**
 * Fixture inputs written as the importer meets them. A text dump in the
 * specimen's layout: a masthead (role over name), the headline, the date line
 * if any, and each paragraph followed by a separator line of a no-break space.
 */
export function mastheadDump(headline: string, body: string[], dateLine?: string): string {
  return [
    "رئيس التحرير",
    "فلان الفلاني",
    "",
    headline,
    "",
    ...(dateLine ? [dateLine, ""] : []),
    ...body.flatMap((p) => [p, "\u00A0", ""]),
  ].join("\n");
}

/** A saved page's story (English), for the HTML extraction tests: its headline and paragraphs. */
export const BUDGET_STORY = {
  headline: "Budget to be balanced next year",
  paragraphs: [
    "The finance minister told parliament on Tuesday that the budget would be balanced by the end of next year, after two years of deficits.",
    "He said new taxes on fuel and tobacco would bring in more than two billion dollars, and that spending on public salaries would be frozen.",
    "Opposition members said the plan would hurt the poorest families, and called for a separate vote on the fuel tax before it comes into force.",
    "The central bank, which had warned about the deficit for months, welcomed the plan in a short statement published after the session.",
  ],
  /** Its lead (standfirst), printed between the headline and the text. */
  lead: "The government wants to close the gap within a year, and the opposition says the poorest will pay for it.",
};
