/**
 * `npm run eval:import` — imports the evaluation set (test/fixtures/eval/)
 * without writing anything and prints accuracy per field and every miss.
 */
import path from "node:path";
import { loadPipelineContext } from "./lib/import/context.ts";
import { evaluateImport, percent } from "./lib/import/evaluate.ts";
import { repoRoot } from "./lib/paths.ts";

const evalDir = path.join(repoRoot, "test/fixtures/eval");
const result = await evaluateImport(evalDir, loadPipelineContext());

console.log("field            correct / total   accuracy");
for (const [field, f] of Object.entries(result.fields)) {
  console.log(
    `${field.padEnd(16)} ${String(f.correct).padStart(7)} / ${String(f.total).padEnd(7)} ${percent(f).toFixed(1).padStart(6)}%`,
  );
}
console.log(`boilerplate or foreign paragraphs in bodies: ${result.extraParagraphs}`);
if (result.misses.length > 0) {
  console.log(`\n${result.misses.length} misses:`);
  for (const miss of result.misses) console.log(`  ${miss}`);
} else {
  console.log("\nno misses");
}
