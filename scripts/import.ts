/**
 * `npm run import [-- --in DIR --out DIR --force --report FILE.json]`
 *
 * Raw dumps → markdown articles. Prints one line per input and a summary;
 * exits 1 when an input was rejected (after writing every good one).
 */

import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import config from "../nashra.config.ts";
import { loadPipelineContext } from "./lib/import/context.ts";
import { type ImportReport, inputId, inSync } from "./lib/import/report.ts";
import { runImport } from "./lib/import/run.ts";
import { FolderLocked } from "./lib/import/write.ts";
import { repoRoot } from "./lib/paths.ts";

const { values } = parseArgs({
  options: {
    in: { type: "string" },
    out: { type: "string" },
    force: { type: "boolean", default: false },
    "force-file": { type: "string", multiple: true },
    check: { type: "boolean", default: false },
    report: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(`usage: npm run import -- [--in DIR] [--out DIR] [--force | --force-file FILE…] [--report FILE.json]
  --in DIR        folder of raw dumps (default: ${config.import.rawDir})
  --out DIR       folder of article markdown (default: ${config.import.articlesDir})
  --force         overwrite article files that were edited by hand
  --force-file F  overwrite only this one (an article path under --out, or a dump under --in; repeatable)
  --check         change nothing; exit 1 if content/ is not what an import would write
  --report FILE   write every input's outcome as JSON`);
  process.exit(0);
}

const inDir = path.resolve(values.in ?? path.join(repoRoot, config.import.rawDir));
const outDir = path.resolve(values.out ?? path.join(repoRoot, config.import.articlesDir));

const started = performance.now();
let report: ImportReport;
try {
  report = await runImport({
    ...loadPipelineContext(),
    inDir,
    outDir,
    force: values.force || forcedFiles(values["force-file"] ?? []),
    dryRun: values.check,
  });
} catch (error) {
  if (!(error instanceof FolderLocked)) throw error;
  console.error(`import: ${error.message}`);
  process.exit(2);
}
const seconds = (performance.now() - started) / 1000;

printReport(report, outDir);
console.log(`(${seconds.toFixed(2)} s)`);
if (values.report) {
  await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`, "utf8");
}
const failed = values.check ? !inSync(report) : report.inputs.some((i) => i.outcome === "rejected");
if (values.check) {
  console.log(
    failed
      ? "check: content is NOT in sync with the dumps: run `npm run import` and commit the result (nothing written)"
      : "check: content is in sync with the dumps (nothing written)",
  );
}
// The exit code, not process.exit(): a report longer than a pipe takes at once (64 KB) is
// still being written when the import is done, and exiting then would cut it off.
process.exitCode = failed ? 1 : 0;

/** A --force-file as written (an article path, a dump path) and relative to --out and --in. */
function forcedFiles(given: string[]): string[] {
  const posix = (p: string) => p.split(path.sep).join("/");
  return given.flatMap((f) => [
    posix(f),
    posix(path.relative(outDir, path.resolve(f))),
    posix(path.relative(inDir, path.resolve(f))),
  ]);
}

/**
 * Every input's line, then the summary, written at once: a write a line was a
 * tenth of a second of a day's import into 10,000 dumps.
 */
function printReport(r: ImportReport, out: string): void {
  const lines: string[] = [];
  const rel = path.relative(process.cwd(), out) || ".";
  const verb = (outcome: string) =>
    r.dryRun && (outcome === "imported" || outcome === "updated") ? `would be ${outcome}` : outcome;
  for (const input of r.inputs) {
    const target = input.article ? ` → ${rel}/${input.article}` : "";
    const reason = input.reason ? `: ${input.reason}` : "";
    const duplicate = input.duplicateOf ? ` (duplicate of ${input.duplicateOf})` : "";
    const warnings = input.warnings.length > 0 ? `  [${input.warnings.join("; ")}]` : "";
    lines.push(
      `${verb(input.outcome).padEnd(9)} ${inputId(input.file, input.record)}${target}${duplicate}${reason}${warnings}`,
    );
  }
  for (const stale of r.staleTemporaryFiles ?? []) {
    lines.push(`removed   ${rel}/${stale}: a temporary file an interrupted import left`);
  }
  for (const copy of r.duplicateFiles ?? []) {
    const gone = !existsSync(path.join(out, copy));
    lines.push(
      gone
        ? `removed   ${rel}/${copy}: a second copy of an article another file holds (left by an interrupted import)`
        : `copy      ${rel}/${copy}: edited by hand, but another file holds the same source: keep one (the site shows both)`,
    );
  }
  for (const unused of r.unusedMedia ?? []) {
    lines.push(
      r.dryRun
        ? `unused    media/${unused}: no article shows this photo (an import removes it)`
        : `removed   media/${unused}: no article shows this photo any more`,
    );
  }
  for (const orphan of r.orphans) {
    lines.push(
      `orphan    ${rel}/${orphan}: its source dump is no longer in the input folder (left in place)`,
    );
  }
  const counts = new Map<string, number>();
  for (const input of r.inputs) counts.set(input.outcome, (counts.get(input.outcome) ?? 0) + 1);
  const undated = r.inputs.filter((i) => i.warnings.includes("no date")).length;
  const parts = ["imported", "updated", "unchanged", "kept", "duplicate", "rejected"].map(
    (o) => `${counts.get(o) ?? 0} ${o}`,
  );
  if (counts.has("skipped")) parts.push(`${counts.get("skipped")} skipped`);
  lines.push(
    `${r.inputs.length} inputs: ${parts.join(", ")}; ${undated} undated; ${r.orphans.length} orphans`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}
