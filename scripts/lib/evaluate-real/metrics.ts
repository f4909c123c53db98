/**
 * The scoring rules of the public benchmarks in `../shared/realpages/`,
 * reproduced exactly as that folder's README states them. Pure functions on
 * strings; nothing here knows about the importer.
 */

/**
 * Python's `re.findall(r"\w+", text)` on a str: Unicode letters, digits
 * (every numeric category) and "_". Combining marks are not word characters,
 * so harakat split an Arabic word, as they do in the benchmark.
 */
const WORD = /[\p{L}\p{N}_]+/gu;

export function tokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Runs of 4 tokens as a multiset; a text of 1–3 tokens is one shorter shingle, an empty one none. */
export function shingles(text: string, n = 4): Map<string, number> {
  const toks = tokens(text);
  const out = new Map<string, number>();
  const count = Math.max(1, toks.length - n + 1);
  for (let i = 0; i < count; i++) {
    const shingle = toks.slice(i, i + n).join(" ");
    if (shingle) out.set(shingle, (out.get(shingle) ?? 0) + 1);
  }
  return out;
}

/** One page's shares of true positives, false positives and false negatives (they sum to 1, or are all 0). */
export interface ShingleScore {
  tp: number;
  fp: number;
  fn: number;
  /** The output had at least one shingle. */
  nonEmpty: boolean;
}

export function shingleScore(gold: string, output: string): ShingleScore {
  const g = shingles(gold);
  const o = shingles(output);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...g.keys(), ...o.keys()])) {
    const a = g.get(key) ?? 0;
    const b = o.get(key) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const sum = tp + fp + fn;
  return sum > 0
    ? { tp: tp / sum, fp: fp / sum, fn: fn / sum, nonEmpty: o.size > 0 }
    : { tp: 0, fp: 0, fn: 0, nonEmpty: o.size > 0 };
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

/**
 * ScrapingHub's aggregate: precision is the mean of tp/(tp+fp) over pages
 * with output, recall the mean of tp/(tp+fn) over all pages, F1 of the two means.
 */
export function aggregateShingles(scores: readonly ShingleScore[]): PrecisionRecall {
  const ratio = (a: number, b: number) => (a + b > 0 ? a / (a + b) : 0);
  const withOutput = scores.filter((s) => s.nonEmpty);
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(withOutput.map((s) => ratio(s.tp, s.fp)));
  const recall = mean(scores.map((s) => ratio(s.tp, s.fn)));
  return { precision, recall, f1: harmonic(precision, recall), pages: scores.length };
}

function harmonic(a: number, b: number): number {
  return a + b > 0 ? (2 * a * b) / (a + b) : 0;
}

/** Every run of white space one space, ends trimmed (trafilatura's evaluation). */
export function squash(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

export interface SegmentCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** `with` segments must be in the body, `without` segments must not; counted per segment. */
export function segmentCounts(
  body: string | undefined,
  wanted: readonly string[],
  unwanted: readonly string[],
): SegmentCounts {
  const text = squash(body ?? "");
  const has = (segment: string) => body !== undefined && text.includes(squash(segment));
  const tp = wanted.filter(has).length;
  const fp = unwanted.filter(has).length;
  return { tp, fn: wanted.length - tp, fp, tn: unwanted.length - fp };
}

export interface SegmentScore {
  precision: number;
  recall: number;
  accuracy: number;
  f: number;
}

export function aggregateSegments(counts: readonly SegmentCounts[]): SegmentScore {
  const sum = counts.reduce(
    (a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, tn: a.tn + c.tn, fn: a.fn + c.fn }),
    { tp: 0, fp: 0, tn: 0, fn: 0 },
  );
  const all = sum.tp + sum.fp + sum.tn + sum.fn;
  return {
    precision: sum.tp + sum.fp > 0 ? sum.tp / (sum.tp + sum.fp) : 0,
    recall: sum.tp + sum.fn > 0 ? sum.tp / (sum.tp + sum.fn) : 0,
    accuracy: all > 0 ? (sum.tp + sum.tn) / all : 0,
    f: 2 * sum.tp + sum.fp + sum.fn > 0 ? (2 * sum.tp) / (2 * sum.tp + sum.fp + sum.fn) : 0,
  };
}

/** htmldate's day scoring: the gold day is a hit, another day a false positive, none a miss. */
export interface DateScore {
  precision: number;
  recall: number;
  accuracy: number;
  f: number;
  tp: number;
  fp: number;
  fn: number;
  pages: number;
}

export function scoreDates(
  pairs: readonly { gold: string | null; found: string | undefined }[],
): DateScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { gold, found } of pairs) {
    const day = found?.slice(0, 10);
    if (!day) fn++;
    else if (gold !== null && day === gold) tp++;
    else fp++;
  }
  const pages = pairs.length;
  return {
    precision: tp + fp > 0 ? tp / (tp + fp) : 0,
    recall: tp + fn > 0 ? tp / (tp + fn) : 0,
    accuracy: pages > 0 ? tp / pages : 0,
    f: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0,
    tp,
    fp,
    fn,
    pages,
  };
}

/**
 * Whether a title matches one of a page's own headline candidates: lower-cased
 * and reduced to tokens, it equals one, or is a run of at least 4 tokens of one
 * (the headline without the site's name).
 */
export function titleMatches(title: string, candidates: readonly string[]): boolean {
  const t = tokens(title.toLowerCase());
  if (t.length === 0) return false;
  for (const candidate of candidates) {
    const c = tokens(candidate.toLowerCase());
    if (c.length === t.length && c.every((w, i) => w === t[i])) return true;
    if (t.length >= 4 && containsRun(c, t)) return true;
  }
  return false;
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** trafilatura's title check: exact after white-space normalisation, and the same words case-folded. */
export function titleScores(
  found: string | undefined,
  gold: string,
): { exact: boolean; words: boolean } {
  if (found === undefined) return { exact: false, words: false };
  const exact = squash(found) === squash(gold);
  const a = tokens(found.toLowerCase()).join(" ");
  const b = tokens(gold.toLowerCase()).join(" ");
  return { exact, words: a === b && a.length > 0 };
}

/** An author is right when the words, case-folded, are the same. */
export function sameWords(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = tokens(a.toLowerCase()).join(" ");
  return x.length > 0 && x === tokens(b.toLowerCase()).join(" ");
}
