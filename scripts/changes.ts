/**
 * `npm run changes -- [BASE] [HEAD] [--report import-report.json] [--link-base URL] [--max-length N]`
 *
 * A Markdown summary of what a change does to the archive, for a reviewer (CI
 * posts it on the pull request). BASE defaults to where this branch left main,
 * HEAD to the working tree.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { ImportReport } from "./lib/import/report.ts";
import { defaultBase, fitSummary, summariseChanges } from "./lib/review/changes.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    report: { type: "string" },
    "link-base": { type: "string" },
    "max-length": { type: "string" },
  },
});

const cwd = process.cwd();
const base = positionals[0] ?? defaultBase(cwd);
const head = positionals[1];
const report = values.report
  ? (JSON.parse(readFileSync(values.report, "utf8")) as ImportReport)
  : undefined;
const summary = summariseChanges({
  cwd,
  base,
  ...(head ? { head } : {}),
  ...(report ? { report } : {}),
  ...(values["link-base"] ? { linkBase: values["link-base"] } : {}),
});
const max = values["max-length"] ? Number(values["max-length"]) : Number.POSITIVE_INFINITY;
process.stdout.write(fitSummary(summary.markdown, max));
