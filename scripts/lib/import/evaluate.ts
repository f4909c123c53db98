import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import type { Article } from "./article.ts";
import type { PipelineContext } from "./pipeline.ts";
import { type InputReport, inputId } from "./report.ts";
import { runImport } from "./run.ts";

/**
 * The import's evaluation: a set of varied dumps with hand-written gold
 * (test/fixtures/eval/), imported by the real command path (without writing),
 * and compared field by field.
 */

export interface GoldEntry {
  file: string;
  record?: number;
  expect: "article" | "rejected" | "duplicate";
  duplicate_of?: string;
  reason?: string;
  title?: string;
  date?: string | null;
  author?: string | null;
  source_name?: string;
  lang?: string;
  tags_include?: string[];
  tags_exclude?: string[];
  paragraphs?: string[];
  related?: string[];
  warnings_include?: string[];
}

export interface FieldScore {
  correct: number;
  total: number;
}

export interface Evaluation {
  fields: Record<string, FieldScore>;
  /** Output paragraphs that are not in the gold body: boilerplate (or damage) that reached an article. */
  extraParagraphs: number;
  misses: string[];
}

const DATE_KEYS = ["date"];

export async function evaluateImport(evalDir: string, ctx: PipelineContext): Promise<Evaluation> {
  const gold = YAML.parse(await readFile(path.join(evalDir, "gold.yaml"), "utf8")) as GoldEntry[];
  const articles = new Map<string, { input: InputReport; article: Article }>();
  const report = await runImport({
    ...ctx,
    inDir: path.join(evalDir, "dumps"),
    // Nothing is written; an empty output folder makes every article new.
    outDir: path.join(os.tmpdir(), `nashra-eval-${process.pid}-never-written`),
    dryRun: true,
    onArticle: (input, article) =>
      articles.set(inputId(input.file, input.record), { input, article }),
  });
  const inputs = new Map(report.inputs.map((i) => [inputId(i.file, i.record), i]));

  const fields: Record<string, FieldScore> = {};
  const misses: string[] = [];
  let extraParagraphs = 0;
  const score = (field: string, ok: boolean, id: string, detail: () => string) => {
    const f = fields[field] ?? { correct: 0, total: 0 };
    f.total++;
    if (ok) f.correct++;
    else misses.push(`${id} ${field}: ${detail()}`);
    fields[field] = f;
  };
  const show = (v: unknown) => JSON.stringify(v);

  for (const g of gold) {
    const id = inputId(g.file, g.record);
    const input = inputs.get(id);
    const outcome =
      input?.outcome === "rejected" || input?.outcome === "duplicate"
        ? input.outcome
        : input
          ? "article"
          : "missing";
    score(
      "outcome",
      outcome === g.expect,
      id,
      () => `expected ${g.expect}, got ${outcome}${input?.reason ? ` (${input.reason})` : ""}`,
    );
    if (g.expect === "duplicate") {
      score(
        "duplicate_of",
        input?.duplicateOf === g.duplicate_of,
        id,
        () => `expected ${g.duplicate_of}, got ${input?.duplicateOf}`,
      );
    }
    if (g.expect !== "article") continue;
    const a = articles.get(id)?.article;
    if (!a) continue;

    score(
      "title",
      a.title === g.title,
      id,
      () => `expected ${show(g.title)}, got ${show(a.title)}`,
    );
    for (const key of DATE_KEYS) {
      const got = a.date?.iso ?? null;
      score(key, got === (g.date ?? null), id, () => `expected ${g.date ?? null}, got ${got}`);
    }
    if (g.author !== undefined) {
      score(
        "author",
        (a.author ?? null) === g.author,
        id,
        () => `expected ${show(g.author)}, got ${show(a.author ?? null)}`,
      );
    }
    if (g.source_name !== undefined) {
      score(
        "source_name",
        a.source.name === g.source_name,
        id,
        () => `expected ${show(g.source_name)}, got ${show(a.source.name)}`,
      );
    }
    if (g.lang) score("lang", a.lang === g.lang, id, () => `expected ${g.lang}, got ${a.lang}`);
    if (g.paragraphs) {
      const goldSet = new Set(g.paragraphs);
      for (const p of g.paragraphs) {
        score("paragraphs", a.body.includes(p), id, () => `missing ${show(p.slice(0, 80))}`);
      }
      for (const p of a.body) {
        if (!goldSet.has(p)) {
          extraParagraphs++;
          misses.push(`${id} extra paragraph: ${show(p.slice(0, 100))}`);
        }
      }
      score("body exact", show(a.body) === show(g.paragraphs), id, () => "body differs from gold");
    }
    for (const tag of g.tags_include ?? []) {
      score(
        "tags found",
        a.tags.includes(tag),
        id,
        () => `missing tag ${tag} (got ${a.tags.join("، ")})`,
      );
    }
    for (const tag of g.tags_exclude ?? []) {
      score("tags avoided", !a.tags.includes(tag), id, () => `wrong tag ${tag}`);
    }
    if (g.related)
      score(
        "related",
        show(a.related) === show(g.related),
        id,
        () => `expected ${show(g.related)}, got ${show(a.related)}`,
      );
    for (const w of g.warnings_include ?? []) {
      const warnings = articles.get(id)?.input.warnings ?? [];
      score(
        "warnings",
        warnings.some((x) => x.includes(w)),
        id,
        () => `no warning «${w}» (got ${show(warnings)})`,
      );
    }
  }
  return { fields, extraParagraphs, misses };
}

export function percent(f: FieldScore | undefined): number {
  return f && f.total > 0 ? (100 * f.correct) / f.total : 100;
}
