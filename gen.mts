import { loadPipelineContext } from "./scripts/lib/import/context.ts";
import { runImport } from "./scripts/lib/import/run.ts";

const ctx = loadPipelineContext();
const t1 = performance.now();
const r = await runImport({ ...ctx, inDir: "/tmp/b1k/raw", outDir: "/tmp/b1k/out3", dryRun: true });
console.log("import", (performance.now() - t1).toFixed(0), "ms", r.inputs.length);
