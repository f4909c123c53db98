/**
 * `npm run eval:real [-- DIR] [--sets a,b] [--pages N] [--json FILE]`
 *
 * Imports real pages nobody on the project wrote — a folder laid out like
 * `../shared/realpages/` — and prints, per set, the figures its README defines
 * (ScrapingHub body F1, headlines, htmldate's dates, trafilatura's segments,
 * title, date and author) beside the reference figures on the same pages.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { evaluateSet, SET_NAMES, type SetName, type SetResult } from "./lib/evaluate-real/sets.ts";
import { loadPipelineContext } from "./lib/import/context.ts";
import { repoRoot } from "./lib/paths.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sets: { type: "string" },
    pages: { type: "string", default: "0" },
    every: { type: "string", default: "1" },
    json: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(`usage: npm run eval:real -- [DIR] [--sets ${SET_NAMES.join(",")}] [--pages N] [--every N] [--json FILE]
  DIR        a folder laid out like ../shared/realpages/ (the default)
  --sets     only these sets
  --pages N  list the N worst pages of each set
  --every N  only every N-th page of each set (a quick look; the figures are the full sets')
  --json F   write every set's figures and pages as JSON`);
  process.exit(0);
}

const dir = path.resolve(positionals[0] ?? path.join(repoRoot, "../shared/realpages"));
const wanted = values.sets ? values.sets.split(",").map((s) => s.trim()) : [...SET_NAMES];
const unknown = wanted.filter((s) => !(SET_NAMES as readonly string[]).includes(s));
if (unknown.length > 0) {
  console.error(`unknown set ${unknown.join(", ")}: the sets are ${SET_NAMES.join(", ")}`);
  process.exit(2);
}
const showPages = Number.parseInt(values.pages ?? "0", 10) || 0;

const ctx = loadPipelineContext();
const results: SetResult[] = [];
console.log(`real pages in ${dir}`);
for (const set of wanted as SetName[]) {
  const started = performance.now();
  const result = await evaluateSet(dir, set, ctx, {
    every: Number.parseInt(values.every ?? "1", 10) || 1,
  });
  const seconds = (performance.now() - started) / 1000;
  if (!result) {
    console.log(`\n== ${set}: not in this folder`);
    continue;
  }
  results.push(result);
  console.log(`\n== ${set} (${result.pages.length} pages, ${seconds.toFixed(1)} s)`);
  const width = Math.max(...result.figures.map((f) => f.label.length));
  for (const f of result.figures) {
    console.log(`${f.label.padEnd(width)}  ${f.value}${f.reference ? `    [${f.reference}]` : ""}`);
  }
  if (result.rejected.length > 0) {
    console.log(`rejected: ${result.rejected.length}`);
    for (const r of result.rejected) console.log(`  ${r.name}: ${r.reason}`);
  }
  if (showPages > 0) {
    const worst = [...result.pages].sort((a, b) => a.score - b.score).slice(0, showPages);
    console.log(`worst ${worst.length} pages:`);
    for (const p of worst) console.log(`  ${p.name}  ${p.detail}`);
  }
}
if (values.json) await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`, "utf8");
if (results.length === 0) {
  console.error(`no set of real pages found in ${dir}`);
  process.exit(1);
}
