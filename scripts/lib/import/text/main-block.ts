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
  /** A masthead's role or name line («رئيس التحرير» and the name under it): never a headline. */
  masthead: boolean;
  /** A section heading that closes the article (related, latest news, keywords). */
  barrier: boolean;
  /** Of those, a related list («اقرأ أيضا»): printed inside articles too, the text goes on under it. */
  related: boolean;
  /** A date line or byline: it heads an article (or an item of a list), it does not stand between paragraphs. */
  header: boolean;
}

export interface Block {
  /** Index (in the dump's lines) of the first and last prose line of the article. */
  first: number;
  last: number;
  /** Characters of prose in it, less what the lines between its prose lines cost. */
  weight: number;
  proseLines: number;
  /** It starts right under a section heading: that section's content, not the article. */
  underHeading: boolean;
  /** What ended it: a section heading, a date line or byline (another item begins), or a long gap. */
  closedBy: "related" | "heading" | "header" | "gap" | "end";
  /** Non-empty lines between its last prose line and the next run. */
  gapAfter: number;
  /** Stretches (first and last line index) that interrupt the article: a box of other links. */
  holes: [number, number][];
}

/** Lines of other kinds a run of prose may hold between two prose lines… */
const MAX_GAP_LINES = 3;
/** …and characters: a long non-prose stretch is a list of other things. */
const MAX_GAP_CHARS = 320;
/**
 * What a line between two prose lines costs a run, besides its characters:
 * a list of teasers (headline, author, date, summary, again and again) is
 * prose in every fourth line, an article in nearly every line.
 */
const GAP_LINE_COST = 60;

function proseRuns(lines: readonly LineInfo[]): Block[] {
  const runs: Block[] = [];
  let run: Block | null = null;
  let gapLines = 0;
  let gapChars = 0;
  let gapCost = 0;
  let sinceHeading = Number.POSITIVE_INFINITY;
  let closed: Block | null = null;
  for (const line of lines) {
    sinceHeading = line.barrier ? 0 : sinceHeading + 1;
    const prose = line.shape.prose && !line.furniture && !line.barrier;
    if (closed) {
      if (prose) closed = null;
      else {
        closed.gapAfter++;
        if ((line.barrier && closed.gapAfter > 1) || line.header) closed = null;
      }
    }
    if (prose) {
      if (run === null)
        run = {
          first: line.index,
          last: line.index,
          weight: 0,
          proseLines: 0,
          underHeading: sinceHeading === 1,
          closedBy: "end",
          gapAfter: 0,
          holes: [],
        };
      run.last = line.index;
      run.weight += line.shape.chars;
      run.proseLines++;
      gapLines = 0;
      gapChars = 0;
      gapCost = 0;
      continue;
    }
    if (run === null) continue;
    gapLines++;
    gapChars += line.shape.chars;
    run.weight -= GAP_LINE_COST + line.shape.chars;
    gapCost += GAP_LINE_COST + line.shape.chars;
    if (line.barrier || line.header || gapLines > MAX_GAP_LINES || gapChars > MAX_GAP_CHARS) {
      // The gap after the last prose line is not the run's.
      run.weight += gapCost;
      run.closedBy = line.related
        ? "related"
        : line.barrier
          ? "heading"
          : line.header
            ? "header"
            : "gap";
      run.gapAfter = gapLines;
      if (run.closedBy === "gap" || run.closedBy === "related") closed = run;
      runs.push(run);
      run = null;
    }
  }
  if (run) run.weight += gapCost;
  if (run) runs.push(run);
  return runs;
}

/** A run with this share of the heaviest run's prose may still be the article (its headline decides). */
const CONTENDER_SHARE = 0.25;
const MAX_CONTENDERS = 4;

/**
 * Two runs separated only by a short stretch of other lines — a "Trending"
 * box, a "More:" list, an advertisement's labels — with no heading or date
 * line between them are one article interrupted.
 */
const MAX_INTERRUPTION_LINES = 8;
/**
 * Both sides of an interruption must be real text: an author's bio, a
 * teaser, a newsletter pitch after the article is one paragraph, not more.
 */
const MIN_CONTINUATION_WEIGHT = 200;
const MIN_CONTINUATION_LINES = 2;

/** A "read also" box inside an article: its heading and a few headlines, then the text again. */
const MAX_RELATED_BOX_LINES = 6;

function mergeInterrupted(runs: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const run of runs) {
    const previous = out[out.length - 1];
    const box =
      previous?.closedBy === "related" &&
      previous.gapAfter <= MAX_RELATED_BOX_LINES &&
      !run.underHeading;
    const interruption =
      previous?.closedBy === "gap" &&
      previous.gapAfter <= MAX_INTERRUPTION_LINES &&
      !run.underHeading &&
      Math.min(previous.weight, run.weight) >= MIN_CONTINUATION_WEIGHT &&
      Math.min(previous.proseLines, run.proseLines) >= MIN_CONTINUATION_LINES;
    if (previous && (box || interruption)) {
      out[out.length - 1] = {
        ...previous,
        // A box of links is dropped; a related box is read as such (its headlines are kept as related).
        holes: [
          ...previous.holes,
          ...(box ? [] : [[previous.last + 1, run.first - 1] as [number, number]]),
          ...run.holes,
        ],
        last: run.last,
        weight: previous.weight + run.weight,
        proseLines: previous.proseLines + run.proseLines,
        closedBy: run.closedBy,
        gapAfter: run.gapAfter,
      };
    } else out.push(run);
  }
  return out;
}

/**
 * The runs that may be the article, heaviest first: those with a good share
 * of the most prose. A run that opens a section («آخر الأخبار» and its run-on
 * ticker line, a related list) is that section's content, never the article.
 */
export function articleRuns(lines: readonly LineInfo[]): Block[] {
  const runs = mergeInterrupted(proseRuns(lines))
    .filter((r) => !r.underHeading)
    .sort((a, b) => b.weight - a.weight || a.first - b.first);
  const heaviest = runs[0]?.weight ?? 0;
  return runs
    .filter((r) => r === runs[0] || r.weight >= heaviest * CONTENDER_SHARE)
    .slice(0, MAX_CONTENDERS);
}
