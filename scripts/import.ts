/**
 * `npm run import [-- --in DIR --out DIR --force --report FILE.json]`
 *
 * Raw dumps → markdown articles. Prints one line per input and a summary;
 * exits 1 when an input was rejected (after writing every good one).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import config from "../nashra.config.ts";
import { Gazetteer } from "./lib/import/gazetteer.ts";
import { type ImportReport, runImport } from "./lib/import/run.ts";
import { repoRoot } from "./lib/paths.ts";

const { values } = parseArgs({
  options: {
    in: { type: "string" },
    out: { type: "string" },
    force: { type: "boolean", default: false },
    report: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(`usage: npm run import -- [--in DIR] [--out DIR] [--force] [--report FILE.json]
  --in DIR        folder of raw dumps (default: ${config.import.rawDir})
  --out DIR       folder of article markdown (default: ${config.import.articlesDir})
  --force         overwrite article files that were edited by hand
  --report FILE   write every input's outcome as JSON`);
  process.exit(0);
}

const inDir = path.resolve(values.in ?? path.join(repoRoot, config.import.rawDir));
const outDir = path.resolve(values.out ?? path.join(repoRoot, config.import.articlesDir));

const started = performance.now();
const report = await runImport({
  inDir,
  outDir,
  force: values.force,
  gazetteer: Gazetteer.load(path.join(repoRoot, "scripts/data/gazetteer.yaml")),
  dates: { defaultTimezone: config.import.defaultTimezone },
  maxInputBytes: config.import.maxInputBytes,
});
const seconds = (performance.now() - started) / 1000;

printReport(report, outDir);
console.log(`(${seconds.toFixed(2)} s)`);
if (values.report) {
  await writeFile(values.report, `${JSON.stringify(report, null, 2)}\n`, "utf8");
}
process.exit(report.inputs.some((i) => i.outcome === "rejected") ? 1 : 0);

function printReport(r: ImportReport, out: string): void {
  const rel = path.relative(process.cwd(), out) || ".";
  for (const input of r.inputs) {
    const target = input.article ? ` → ${rel}/${input.article}` : "";
    const reason = input.reason ? `: ${input.reason}` : "";
    const warnings = input.warnings.length > 0 ? `  [${input.warnings.join("; ")}]` : "";
    console.log(`${input.outcome.padEnd(9)} ${input.file}${target}${reason}${warnings}`);
  }
  for (const orphan of r.orphans) {
    console.log(
      `orphan    ${rel}/${orphan}: its source dump is no longer in the input folder (left in place)`,
    );
  }
  const counts = new Map<string, number>();
  for (const input of r.inputs) counts.set(input.outcome, (counts.get(input.outcome) ?? 0) + 1);
  const undated = r.inputs.filter((i) => i.warnings.includes("no date")).length;
  const parts = ["imported", "updated", "unchanged", "kept", "rejected"].map(
    (o) => `${counts.get(o) ?? 0} ${o}`,
  );
  console.log(
    `${r.inputs.length} inputs: ${parts.join(", ")}; ${undated} undated; ${r.orphans.length} orphans`,
  );
}
