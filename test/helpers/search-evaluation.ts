import { rmSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import YAML from "yaml";
import { CHROMIUM_ARGS, chromiumPath } from "../../scripts/lib/chromium.ts";
import { listFiles } from "../../scripts/lib/files.ts";
import { serveStatic } from "../../scripts/lib/static-server.ts";
import { buildSiteWith } from "./fixture-site.ts";

/**
 * The search evaluation: a fixture archive (test/fixtures/search/articles)
 * built by the real build, served on 127.0.0.1, and searched through the real
 * search page in Chromium — the bundle, the shards, the alias field and the
 * query folding exactly as readers get them. Each query's top ten results are
 * compared with the articles a reader would want.
 */

export interface SearchQuery {
  query: string;
  expect: string[];
  /** Articles that must not come back (a trap: another word that looks like the query). */
  exclude?: string[];
  kind: string;
  filters?: { tag?: string; year?: string; lang?: string; section?: string };
  sort?: "relevance" | "newest";
}

export interface QueryOutcome {
  query: SearchQuery;
  /** Article paths of the results, in order. */
  results: string[];
  recall: number;
  reciprocalRank: number;
  /** For queries that must find nothing: whether they did. */
  ok: boolean;
}

export interface SearchEvaluation {
  outcomes: QueryOutcome[];
  recallAt10: number;
  mrr: number;
  /** Queries that must find nothing and found nothing, of how many. */
  empty: { ok: number; total: number };
  /** Queries sorted newest first whose results came in the expected order. */
  ordered: { ok: number; total: number };
  /** Queries with articles that must not come back, and kept them out. */
  excluded: { ok: number; total: number };
}

export async function evaluateSearch(fixtureDir: string): Promise<SearchEvaluation> {
  const queries = YAML.parse(
    await readFile(path.join(fixtureDir, "queries.yaml"), "utf8"),
  ) as SearchQuery[];
  const articlesDir = path.join(fixtureDir, "articles");
  const articles: Record<string, string> = {};
  for (const rel of (await listFiles(articlesDir)).filter((f) => f.endsWith(".md"))) {
    articles[rel] = await readFile(path.join(articlesDir, rel), "utf8");
  }
  const site = await buildSiteWith(articles);
  const server = await serveStatic(site.output);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const outcomes: QueryOutcome[] = [];
  try {
    const page = await browser.newPage();
    for (const query of queries) {
      const params = new URLSearchParams({ q: query.query });
      for (const [k, v] of Object.entries(query.filters ?? {})) params.set(k, String(v));
      if (query.sort === "newest") params.set("sort", "newest");
      await page.goto(`${server.origin}/search/?${params}`);
      await page.waitForFunction(() =>
        ["done", "idle"].includes(document.getElementById("search")?.dataset.state ?? ""),
      );
      const hrefs = await page
        .locator("#search-results li h2 a")
        .evaluateAll((links) =>
          links.map((a) => decodeURIComponent(new URL((a as HTMLAnchorElement).href).pathname)),
        );
      const results = hrefs.map((h) => `${h.replace(/^\/articles\//, "").replace(/\/$/, "")}.md`);
      const top = results.slice(0, 10);
      const expected = query.expect;
      const found = expected.filter((e) => top.includes(e)).length;
      const firstRank = results.findIndex((r) => expected.includes(r));
      outcomes.push({
        query,
        results,
        recall: expected.length === 0 ? (results.length === 0 ? 1 : 0) : found / expected.length,
        reciprocalRank:
          expected.length === 0
            ? results.length === 0
              ? 1
              : 0
            : firstRank < 0
              ? 0
              : 1 / (firstRank + 1),
        ok:
          (expected.length === 0 ? results.length === 0 : found === expected.length) &&
          !(query.exclude ?? []).some((e) => results.includes(e)),
      });
    }
  } finally {
    await browser.close();
    await server.close();
    // Its own temporary site: run as `npm run eval:search`, no test run removes it.
    rmSync(site.root, { recursive: true, force: true });
  }
  const withExpectations = outcomes.filter((o) => o.query.expect.length > 0);
  const mean = (xs: number[]) => (xs.length === 0 ? 1 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const empties = outcomes.filter((o) => o.query.expect.length === 0);
  const sorted = outcomes.filter((o) => o.query.sort === "newest" && o.query.expect.length > 0);
  const traps = outcomes.filter((o) => (o.query.exclude ?? []).length > 0);
  return {
    outcomes,
    recallAt10: mean(withExpectations.map((o) => o.recall)),
    mrr: mean(withExpectations.map((o) => o.reciprocalRank)),
    empty: { ok: empties.filter((o) => o.ok).length, total: empties.length },
    ordered: {
      ok: sorted.filter(
        (o) =>
          JSON.stringify(o.results.filter((r) => o.query.expect.includes(r))) ===
          JSON.stringify(o.query.expect),
      ).length,
      total: sorted.length,
    },
    excluded: {
      ok: traps.filter((o) => !(o.query.exclude ?? []).some((e) => o.results.includes(e))).length,
      total: traps.length,
    },
  };
}

/** Sizes of the fixture, for the report. */
export async function countArticles(fixtureDir: string): Promise<number> {
  return (await readdir(path.join(fixtureDir, "articles"), { recursive: true })).filter((f) =>
    String(f).endsWith(".md"),
  ).length;
}

/**
 * What each evaluation set must keep (`npm run eval:search -- --check`, run by
 * CI): enough queries to mean something, recall@10 and MRR high, every query
 * that must find nothing finding nothing, newest-first in date order, and no
 * article a query must keep out. Returns what was missed, in words.
 */
export function targetsMissed(
  set: "search" | "search-proclitics",
  result: SearchEvaluation,
): string[] {
  const missed: string[] = [];
  const atLeast = (what: string, value: number, target: number) => {
    if (!(value >= target)) missed.push(`${what} ${value} < ${target}`);
  };
  if (set === "search") {
    atLeast("queries", result.outcomes.length, 40);
    atLeast("MRR", result.mrr, 0.9);
  } else {
    atLeast(
      "bare-word queries",
      result.outcomes.filter((o) => o.query.kind === "proclitic-bare").length,
      30,
    );
    atLeast("must-find-nothing queries", result.empty.total, 10);
  }
  atLeast("recall@10", result.recallAt10, 0.95);
  if (result.empty.ok < result.empty.total)
    missed.push(`must-find-nothing ${result.empty.ok}/${result.empty.total}`);
  if (result.ordered.ok < result.ordered.total)
    missed.push(`newest-first order ${result.ordered.ok}/${result.ordered.total}`);
  if (result.excluded.ok < result.excluded.total)
    missed.push(`kept out ${result.excluded.ok}/${result.excluded.total}`);
  return missed;
}
