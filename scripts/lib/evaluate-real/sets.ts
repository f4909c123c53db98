import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseHTML } from "linkedom";
import type { Article } from "../import/article.ts";
import type { PipelineContext } from "../import/pipeline.ts";
import { inputId } from "../import/report.ts";
import { runImport } from "../import/run.ts";
import {
  aggregateSegments,
  aggregateShingles,
  type DateScore,
  type PrecisionRecall,
  type SegmentCounts,
  type SegmentScore,
  type ShingleScore,
  sameWords,
  scoreDates,
  segmentCounts,
  shingleScore,
  titleMatches,
  titleScores,
} from "./metrics.ts";

/**
 * Runs the importer, exactly as `npm run import` does, on a folder laid out
 * like `../shared/realpages/` (a set per sub-folder, pages gzipped or not, a
 * gold.json per set) and scores what it wrote against the gold.
 */

/** What the importer made of one page: its article (body as plain text, one block a line) or why not. */
export interface PageOutcome {
  name: string;
  article?: Article;
  body?: string;
  rejected?: string;
  warnings: string[];
}

export interface PageRow {
  name: string;
  /** One line on what went right or wrong, for the per-page listing. */
  detail: string;
  /** 0 (all wrong) … 1 (all right): pages are listed worst first. */
  score: number;
}

export interface SetResult {
  set: string;
  /** The headline figures as numbers (0–1, or counts), for tests and tools. */
  scores: Record<string, number>;
  /** What the set measures, one line per figure. */
  figures: Figure[];
  pages: PageRow[];
  rejected: { name: string; reason: string }[];
}

export interface Figure {
  label: string;
  value: string;
  /** Reference figures on the same pages, as the folder's README gives them. */
  reference?: string;
}

export const SET_NAMES = [
  "scrapinghub-html",
  "scrapinghub-text",
  "arabic-text",
  "arabic-html",
  "htmldate",
  "trafilatura",
] as const;
export type SetName = (typeof SET_NAMES)[number];

const pct = (x: number) => x.toFixed(3);

export interface EvaluateOptions {
  /** Only every n-th page of each set (in name order): a quick subset. */
  every?: number;
}

/** Reads a set's files (`name` without `.gz`) → bytes, gunzipping as needed. */
async function readPages(folder: string, every = 1): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  if (!existsSync(folder)) return out;
  const entries = (await readdir(folder)).sort().filter((_, i) => i % every === 0);
  for (const entry of entries) {
    const bytes = await readFile(path.join(folder, entry));
    if (entry.endsWith(".gz")) out.set(entry.slice(0, -3), gunzipSync(bytes));
    else out.set(entry, bytes);
  }
  return out;
}

/** Imports pages as one input folder (the corpus pass sees them together, as a user's raw/ would). */
export async function importPages(
  pages: ReadonlyMap<string, Uint8Array>,
  ctx: PipelineContext,
): Promise<Map<string, PageOutcome>> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "nashra-real-"));
  try {
    const inDir = path.join(tmp, "in");
    await mkdir(inDir);
    for (const [name, bytes] of pages) await writeFile(path.join(inDir, name), bytes);
    const articles = new Map<string, Article>();
    const report = await runImport({
      ...ctx,
      inDir,
      outDir: path.join(tmp, "never-written"),
      dryRun: true,
      cacheFile: null,
      workers: Math.min(os.availableParallelism(), pages.size >= 200 ? 4 : 1),
      onArticle: (input, article) => articles.set(inputId(input.file, input.record), article),
    });
    const out = new Map<string, PageOutcome>();
    for (const input of report.inputs) {
      const id = input.duplicateOf ?? inputId(input.file, input.record);
      const article = articles.get(id);
      out.set(input.file, {
        name: input.file,
        warnings: input.warnings,
        ...(article ? { article, body: bodyText(article) } : {}),
        ...(input.outcome === "rejected" ? { rejected: input.reason ?? "rejected" } : {}),
      });
    }
    return out;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The article's markdown body rendered to plain text: its paragraphs, one a line (no title). */
export function bodyText(article: Article): string {
  return article.body.join("\n");
}

/** A page's own headlines: og:title, twitter:title, meta title, every h1, <title>. */
export function headlineCandidates(html: string): string[] {
  const { document } = parseHTML(html);
  const out: string[] = [];
  for (const selector of [
    'meta[property="og:title"]',
    'meta[name="og:title"]',
    'meta[name="twitter:title"]',
    'meta[property="twitter:title"]',
    'meta[name="title"]',
  ]) {
    for (const el of document.querySelectorAll(selector)) {
      const v = el.getAttribute("content");
      if (v) out.push(v);
    }
  }
  for (const h1 of document.querySelectorAll("h1")) out.push(h1.textContent ?? "");
  const title = document.querySelector("title")?.textContent;
  if (title) out.push(title);
  return out.filter((t) => t.trim().length > 0);
}

type Gold = Record<string, Record<string, unknown>>;

async function readGold(dir: string, set: string): Promise<Gold | undefined> {
  const file = path.join(dir, set, "gold.json");
  return existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as Gold) : undefined;
}

const stemOf = (file: string) => file.replace(/\.[^.]+$/, "");
/** A gold field; an empty string means the benchmark gives none. */
const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

function rejectedOf(outcomes: Map<string, PageOutcome>): SetResult["rejected"] {
  return [...outcomes.values()]
    .filter((o) => o.rejected !== undefined)
    .map((o) => ({ name: o.name, reason: o.rejected as string }));
}

function bodyFigures(scores: ShingleScore[], reference?: string): Figure[] {
  const s: PrecisionRecall = aggregateShingles(scores);
  return [
    {
      label: `body F1 / P / R (${s.pages} pages)`,
      value: `${pct(s.f1)} / ${pct(s.precision)} / ${pct(s.recall)}`,
      ...(reference ? { reference } : {}),
    },
  ];
}

/** ScrapingHub: HTML pages or text dumps, body by 4-token shingles; text dumps also by headline. */
async function scrapinghub(
  dir: string,
  ctx: PipelineContext,
  kind: "html" | "text",
  every: number,
): Promise<SetResult | undefined> {
  const gold = await readGold(dir, "scrapinghub");
  const folder = path.join(dir, "scrapinghub", kind === "html" ? "pages" : "textdumps");
  const pages = await readPages(folder, every);
  if (!gold || pages.size === 0) return undefined;
  const outcomes = await importPages(pages, ctx);
  const html = kind === "text" ? await readPages(path.join(dir, "scrapinghub", "pages")) : pages;
  const scores: ShingleScore[] = [];
  const wholeDump: ShingleScore[] = [];
  const rows: PageRow[] = [];
  let titlesRight = 0;
  for (const [file, outcome] of outcomes) {
    const g = gold[stemOf(file)];
    const goldBody = str(g?.articleBody);
    if (goldBody === undefined) continue;
    const s = shingleScore(goldBody, outcome.body ?? "");
    scores.push(s);
    if (kind === "text") wholeDump.push(shingleScore(goldBody, decodeText(pages.get(file))));
    const p = s.tp + s.fp > 0 ? s.tp / (s.tp + s.fp) : 0;
    const r = s.tp + s.fn > 0 ? s.tp / (s.tp + s.fn) : 0;
    let detail = `P ${pct(p)} R ${pct(r)}`;
    let titleOk = true;
    if (kind === "text") {
      const page = html.get(`${stemOf(file)}.html`);
      const candidates = page ? headlineCandidates(decodeText(page)) : [];
      titleOk = outcome.article !== undefined && titleMatches(outcome.article.title, candidates);
      if (titleOk) titlesRight++;
      detail += ` title ${titleOk ? "ok" : "WRONG"} «${outcome.article?.title ?? ""}»`;
    }
    if (outcome.rejected) detail += ` rejected: ${outcome.rejected}`;
    rows.push({
      name: file,
      detail,
      score: (p + r) / 2 - (titleOk ? 0 : 0.5),
    });
  }
  const figures = bodyFigures(
    scores,
    kind === "html"
      ? "DEV: trafilatura 0.963, Readability.js 0.950, newspaper4k 0.950; all 181: trafilatura 0.958, Readability.js 0.947"
      : undefined,
  );
  if (kind === "text") {
    const whole = aggregateShingles(wholeDump);
    figures.push({
      label: "  the whole dump kept as the article",
      value: `${pct(whole.f1)} / ${pct(whole.precision)} / ${pct(whole.recall)}`,
      reference: "README: 0.687 / 0.526 / 0.993 on DEV",
    });
    figures.push({
      label: "headline right",
      value: `${titlesRight} of ${scores.length} (${((100 * titlesRight) / Math.max(1, scores.length)).toFixed(1)} %)`,
      reference: "target ≥ 90 %",
    });
  }
  const body = aggregateShingles(scores);
  return {
    set: `scrapinghub-${kind}`,
    scores: {
      bodyF1: body.f1,
      bodyPrecision: body.precision,
      bodyRecall: body.recall,
      pages: scores.length,
      rejected: rejectedOf(outcomes).length,
      ...(kind === "text" ? { headlineRight: titlesRight / Math.max(1, scores.length) } : {}),
    },
    figures,
    pages: rows,
    rejected: rejectedOf(outcomes),
  };
}

/** Arabic and Persian pages: title (by the page's own headlines), date, and body where the gold has one. */
async function arabic(
  dir: string,
  ctx: PipelineContext,
  kind: "html" | "text",
  every: number,
): Promise<SetResult | undefined> {
  const gold = await readGold(dir, "arabic");
  const pages = await readPages(
    path.join(dir, "arabic", kind === "html" ? "pages" : "textdumps"),
    every,
  );
  if (!gold || pages.size === 0) return undefined;
  const html = kind === "text" ? await readPages(path.join(dir, "arabic", "pages")) : pages;
  const outcomes = await importPages(pages, ctx);
  const rows: PageRow[] = [];
  let titles = 0;
  const dates: { gold: string | null; found: string | undefined }[] = [];
  const bodies: ShingleScore[] = [];
  for (const [file, outcome] of outcomes) {
    const g = gold[`${stemOf(file)}.html`] ?? gold[stemOf(file)];
    if (!g) continue;
    const page = html.get(`${stemOf(file)}.html`);
    const candidates = page ? headlineCandidates(decodeText(page)) : [];
    const title = outcome.article?.title;
    const ok = title !== undefined && titleMatches(title, candidates);
    if (ok) titles++;
    const found = outcome.article?.date?.iso;
    const goldDate = str(g.date) ?? null;
    dates.push({ gold: goldDate, found });
    const goldBody = str(g.articleBody) ?? str(g.body);
    if (goldBody !== undefined) bodies.push(shingleScore(goldBody, outcome.body ?? ""));
    const dateOk = found?.slice(0, 10) === goldDate;
    rows.push({
      name: file,
      detail: `title ${ok ? "ok" : "WRONG"} «${title ?? ""}»; date ${found?.slice(0, 10) ?? "none"} (gold ${goldDate})${outcome.rejected ? `; rejected: ${outcome.rejected}` : ""}; ${outcome.article?.body.length ?? 0} paragraphs, first «${(outcome.article?.body[0] ?? "").slice(0, 60)}»`,
      score: (ok ? 0.5 : 0) + (dateOk ? 0.5 : 0),
    });
  }
  const d = scoreDates(dates);
  const figures: Figure[] = [
    { label: "titles right", value: `${titles} of ${rows.length}`, reference: "target: every one" },
    { label: "date, exact day", value: `${d.tp} of ${d.pages}` },
  ];
  if (bodies.length > 0) figures.push(...bodyFigures(bodies));
  const bodyScore = bodies.length > 0 ? aggregateShingles(bodies).f1 : undefined;
  return {
    set: `arabic-${kind}`,
    scores: {
      titlesRight: titles,
      datesRight: d.tp,
      pages: rows.length,
      rejected: rejectedOf(outcomes).length,
      ...(bodyScore !== undefined ? { bodyF1: bodyScore } : {}),
    },
    figures,
    pages: rows,
    rejected: rejectedOf(outcomes),
  };
}

async function htmldate(
  dir: string,
  ctx: PipelineContext,
  every: number,
): Promise<SetResult | undefined> {
  const gold = await readGold(dir, "htmldate");
  const pages = await readPages(path.join(dir, "htmldate", "pages"), every);
  if (!gold || pages.size === 0) return undefined;
  const outcomes = await importPages(pages, ctx);
  const pairs: { gold: string | null; found: string | undefined }[] = [];
  const rows: PageRow[] = [];
  for (const [file, outcome] of outcomes) {
    const g = gold[file];
    if (!g) continue;
    const goldDate = str(g.date) ?? null;
    const found = outcome.article?.date?.iso;
    pairs.push({ gold: goldDate, found });
    const ok = goldDate !== null && found?.slice(0, 10) === goldDate;
    rows.push({
      name: file,
      detail: `found ${found ?? "none"}, gold ${goldDate} (${str(g.set)})${outcome.rejected ? `; rejected: ${outcome.rejected}` : ""}`,
      score: ok ? 1 : found ? 0 : 0.5,
    });
  }
  const s: DateScore = scoreDates(pairs);
  return {
    set: "htmldate",
    scores: {
      accuracy: s.accuracy,
      precision: s.precision,
      recall: s.recall,
      f: s.f,
      pages: s.pages,
      rejected: rejectedOf(outcomes).length,
    },
    figures: [
      {
        label: `date, exact day: P / R / accuracy / F (${s.pages} pages)`,
        value: `${pct(s.precision)} / ${pct(s.recall)} / ${pct(s.accuracy)} / ${pct(s.f)}`,
        reference:
          "all 1,000: htmldate extensive 0.908 / 0.993 / 0.903 / 0.949, newspaper4k 0.912 / 0.728 / 0.680 / 0.810",
      },
    ],
    pages: rows,
    rejected: rejectedOf(outcomes),
  };
}

async function trafilatura(
  dir: string,
  ctx: PipelineContext,
  every: number,
): Promise<SetResult | undefined> {
  const gold = await readGold(dir, "trafilatura");
  const pages = await readPages(path.join(dir, "trafilatura", "pages"), every);
  if (!gold || pages.size === 0) return undefined;
  const outcomes = await importPages(pages, ctx);
  const counts: SegmentCounts[] = [];
  const raw: SegmentCounts[] = [];
  const rows: PageRow[] = [];
  const title = { exact: 0, words: 0, total: 0 };
  const dates: { gold: string | null; found: string | undefined }[] = [];
  const author = { right: 0, total: 0 };
  for (const [file, outcome] of outcomes) {
    const g = gold[file];
    if (!g) continue;
    const wanted = (g.with as string[] | undefined) ?? [];
    const unwanted = (g.without as string[] | undefined) ?? [];
    const c = segmentCounts(outcome.body, wanted, unwanted);
    counts.push(c);
    raw.push(segmentCounts(decodeText(pages.get(file)), wanted, unwanted));
    const notes: string[] = [
      `with ${c.tp}/${wanted.length}, without kept ${c.fp}/${unwanted.length}`,
    ];
    const goldTitle = str(g.title);
    if (goldTitle !== undefined) {
      const t = titleScores(outcome.article?.title, goldTitle);
      title.total++;
      if (t.exact) title.exact++;
      if (t.words) title.words++;
      if (!t.words) notes.push(`title «${outcome.article?.title ?? ""}» ≠ «${goldTitle}»`);
    }
    const goldDate = str(g.date);
    if (goldDate !== undefined) {
      const found = outcome.article?.date?.iso;
      dates.push({ gold: goldDate.slice(0, 10), found });
      if (found?.slice(0, 10) !== goldDate.slice(0, 10))
        notes.push(`date ${found ?? "none"} ≠ ${goldDate}`);
    }
    const goldAuthor = str(g.author);
    if (goldAuthor !== undefined) {
      author.total++;
      if (sameWords(outcome.article?.author, goldAuthor)) author.right++;
      else notes.push(`author «${outcome.article?.author ?? ""}» ≠ «${goldAuthor}»`);
    }
    if (outcome.rejected) notes.push(`rejected: ${outcome.rejected}`);
    const n = wanted.length + unwanted.length;
    rows.push({ name: file, detail: notes.join("; "), score: n > 0 ? (c.tp + c.tn) / n : 1 });
  }
  const s: SegmentScore = aggregateSegments(counts);
  const r: SegmentScore = aggregateSegments(raw);
  const d = scoreDates(dates);
  const share = (n: number, total: number) =>
    `${pct(total > 0 ? n / total : 0)} (${n} of ${total})`;
  const ratio = (n: number, total: number) => (total > 0 ? n / total : 0);
  return {
    set: "trafilatura",
    scores: {
      bodyF: s.f,
      bodyPrecision: s.precision,
      bodyRecall: s.recall,
      titleExact: ratio(title.exact, title.total),
      titleWords: ratio(title.words, title.total),
      date: ratio(d.tp, d.pages),
      author: ratio(author.right, author.total),
      pages: counts.length,
      rejected: rejectedOf(outcomes).length,
    },
    figures: [
      {
        label: `body: P / R / accuracy / F (${counts.length} pages)`,
        value: `${pct(s.precision)} / ${pct(s.recall)} / ${pct(s.accuracy)} / ${pct(s.f)}`,
        reference: "all 990: trafilatura 2.2.0 0.906 / 0.943 / 0.923 / 0.924",
      },
      {
        label: "  the raw HTML kept whole",
        value: `${pct(r.precision)} / ${pct(r.recall)} / ${pct(r.accuracy)} / ${pct(r.f)}`,
        reference: "README: 0.525 / 0.909 / 0.544 / 0.666 on DEV",
      },
      { label: "title: exact", value: share(title.exact, title.total) },
      { label: "title: same words", value: share(title.words, title.total) },
      { label: "date: exact day", value: share(d.tp, d.pages) },
      { label: "author: same words", value: share(author.right, author.total) },
    ],
    pages: rows,
    rejected: rejectedOf(outcomes),
  };
}

function decodeText(bytes: Uint8Array | undefined): string {
  return bytes ? new TextDecoder("utf-8").decode(bytes) : "";
}

export async function evaluateSet(
  dir: string,
  set: SetName,
  ctx: PipelineContext,
  options: EvaluateOptions = {},
): Promise<SetResult | undefined> {
  const every = Math.max(1, options.every ?? 1);
  switch (set) {
    case "scrapinghub-html":
      return scrapinghub(dir, ctx, "html", every);
    case "scrapinghub-text":
      return scrapinghub(dir, ctx, "text", every);
    case "arabic-text":
      return arabic(dir, ctx, "text", every);
    case "arabic-html":
      return arabic(dir, ctx, "html", every);
    case "htmldate":
      return htmldate(dir, ctx, every);
    case "trafilatura":
      return trafilatura(dir, ctx, every);
  }
}
