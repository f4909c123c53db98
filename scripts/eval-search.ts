/**
 * `npm run eval:search` — builds each search fixture archive
 * (test/fixtures/search: spelling variants, filters, order; and
 * test/fixtures/search-proclitics: words after a one-letter proclitic, from
 * articles of real pages), runs every query of its queries.yaml through the
 * real search page in Chromium, and prints recall@10, MRR and every miss.
 * With `--check` it exits 1 when a set misses its targets (CI runs it so; it
 * is not part of `npm test`, which it would slow by a minute).
 */
import path from "node:path";
import { countArticles, evaluateSearch, targetsMissed } from "../test/helpers/search-evaluation.ts";
import { repoRoot } from "./lib/paths.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const check = process.argv.includes("--check");
const missed: string[] = [];

for (const name of ["search", "search-proclitics"] as const) {
  const fixture = path.join(repoRoot, "test/fixtures", name);
  const result = await evaluateSearch(fixture);
  const kinds = new Map<string, { n: number; recall: number; ok: number }>();
  for (const o of result.outcomes) {
    const k = kinds.get(o.query.kind) ?? { n: 0, recall: 0, ok: 0 };
    k.n++;
    k.recall += o.recall;
    if (o.ok) k.ok++;
    kinds.set(o.query.kind, k);
  }
  console.log(
    `== test/fixtures/${name}: ${result.outcomes.length} queries over ${await countArticles(fixture)} articles`,
  );
  console.log("kind                  queries   recall@10   all found");
  for (const [kind, k] of [...kinds].sort()) {
    console.log(
      `${kind.padEnd(22)}${String(k.n).padStart(7)}   ${pct(k.recall / k.n).padStart(9)}   ${k.ok}/${k.n}`,
    );
  }
  console.log(
    `\nrecall@10 ${pct(result.recallAt10)}   MRR ${result.mrr.toFixed(3)}   must-find-nothing ${result.empty.ok}/${result.empty.total}   ` +
      `kept out ${result.excluded.ok}/${result.excluded.total}   newest-first order ${result.ordered.ok}/${result.ordered.total}`,
  );
  const misses = result.outcomes.filter((o) => !o.ok || o.reciprocalRank < 1);
  if (misses.length > 0) {
    console.log(`\n${misses.length} queries not perfect:`);
    for (const o of misses) {
      const f = o.query.filters ? ` ${JSON.stringify(o.query.filters)}` : "";
      console.log(
        `  [${o.query.kind}] «${o.query.query}»${f}${o.query.sort ? ` sort=${o.query.sort}` : ""}: expected ${JSON.stringify(o.query.expect)}, got ${JSON.stringify(o.results.slice(0, 10))}`,
      );
    }
  }
  console.log("");
  for (const why of targetsMissed(name, result)) missed.push(`test/fixtures/${name}: ${why}`);
}

if (missed.length > 0) {
  console.log(`Targets missed:\n${missed.map((m) => `  ${m}`).join("\n")}`);
  if (check) process.exitCode = 1;
} else console.log("Every target met.");
