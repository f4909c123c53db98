/**
 * `tsx scripts/lint-workflows.ts [DIR]` (part of `npm run check`)
 *
 * Validates the GitHub Actions workflows (default: .github/workflows/) with
 * GitHub's own workflow parser and schema, since they cannot run here.
 * Prints every error with its file and position; exits 1 if there is one.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { repoRoot } from "./lib/paths.ts";

const dir = path.resolve(process.argv[2] ?? path.join(repoRoot, ".github/workflows"));
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
let errors = 0;
for (const file of files) {
  const content = readFileSync(path.join(dir, file), "utf8");
  const result = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  for (const error of result.context.errors.getErrors()) {
    errors++;
    console.error(error.message);
  }
}
if (files.length === 0) {
  console.error(`no workflow files in ${dir}`);
  process.exit(1);
}
console.log(
  `${files.length} workflow${files.length === 1 ? "" : "s"} checked, ${errors} error${errors === 1 ? "" : "s"}`,
);
process.exitCode = errors > 0 ? 1 : 0; // not process.exit(): output into a pipe would be cut off
