import type { LineShape } from "./prose.ts";

/**
 * Where the article is in a dump of lines without markup: the densest run of
 * prose. Lines are grouped into runs of prose that short gaps of other lines
 * (a subheading, a photo credit, a pull quote) do not break; a longer gap —
 * a menu, a list of headlines — does, and so does a section heading («أخبار
 * ذات صلة», "Related"). The run with the most prose is the article: a
 * cookie notice, a teaser or a comment is prose too, but a short one, apart.
 * (The idea of jusText and boilerpipe, smoothed over neighbouring lines.)
 */

export interface LineInfo {
  /** Index in the dump's lines. */
  index: number;
  text: string;
  shape: LineShape;
  /** Known furniture: a menu, a share bar, a line repeated in this dump or across its source. */
  furniture: boolean;
  /** A section heading that closes the article (related, latest news, keywords). */
  barrier: boolean;
}

export interface Block {
  /** Index (in the dump's lines) of the first and last prose line of the article. */
  first: number;
  last: number;
  /** Characters of prose in it. */
  weight: number;
  /** It starts right under a section heading: that section's content, not the article. */
  underHeading: boolean;
}

/** Lines of other kinds a run of prose may hold between two prose lines… */
const MAX_GAP_LINES = 3;
/** …and characters: a long non-prose stretch is a list of other things. */
const MAX_GAP_CHARS = 320;

export function proseRuns(lines: readonly LineInfo[]): Block[] {
  const runs: Block[] = [];
  let run: Block | null = null;
  let gapLines = 0;
  let gapChars = 0;
  let sinceHeading = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    sinceHeading = line.barrier ? 0 : sinceHeading + 1;
    const prose = line.shape.prose && !line.furniture && !line.barrier;
    if (prose) {
      if (run === null)
        run = { first: line.index, last: line.index, weight: 0, underHeading: sinceHeading === 1 };
      run.last = line.index;
      run.weight += line.shape.chars;
      gapLines = 0;
      gapChars = 0;
      continue;
    }
    if (run === null) continue;
    gapLines++;
    gapChars += line.shape.chars;
    if (line.barrier || gapLines > MAX_GAP_LINES || gapChars > MAX_GAP_CHARS) {
      runs.push(run);
      run = null;
    }
  }
  if (run) runs.push(run);
  return runs;
}

/**
 * The article's run: the one with the most prose (the first of equals). A run
 * that opens a section («آخر الأخبار» and its run-on ticker line, a related
 * list) is that section's content, never the article.
 */
export function mainBlock(lines: readonly LineInfo[]): Block | null {
  let best: Block | null = null;
  for (const run of proseRuns(lines)) {
    if (!run.underHeading && (!best || run.weight > best.weight)) best = run;
  }
  return best;
}
