/**
 * `npm run eval:import [-- SET…]` — imports the evaluation sets
 * (test/fixtures/eval/, the development set, and test/fixtures/eval-heldout/,
 * written afterwards by someone else and not tuned against) without writing
 * anything, and prints accuracy per field and every miss.
 */
import path from "node:path";
import { loadPipelineContext } from "./lib/import/context.ts";
import { evaluateImport, percent } from "./lib/import/evaluate.ts";
import { repoRoot } from "./lib/paths.ts";

const sets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["eval", "eval-heldout"];
const ctx = loadPipelineContext();
let failed = false;
for (const set of sets) {
  const result = await evaluateImport(path.join(repoRoot, "test/fixtures", set), ctx);
  console.log(`\n== test/fixtures/${set}\nfield            correct / total   accuracy`);
  for (const [field, f] of Object.entries(result.fields)) {
    console.log(
      `${field.padEnd(16)} ${String(f.correct).padStart(7)} / ${String(f.total).padEnd(7)} ${percent(f).toFixed(1).padStart(6)}%`,
    );
  }
  console.log(`boilerplate or foreign paragraphs in bodies: ${result.extraParagraphs}`);
  if (result.misses.length === 0) console.log("no misses");
  else {
    failed = true;
    console.log(`${result.misses.length} misses:`);
    for (const miss of result.misses) console.log(`  ${miss}`);
  }
}
process.exitCode = failed ? 1 : 0; // not process.exit(): a long report into a pipe would be cut off
