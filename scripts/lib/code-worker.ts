import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { bundledModule } from "./code-bundle.js";
import { repoRoot } from "./paths.ts";

/**
 * A worker thread running one of the repository's TypeScript modules
 * (`entry`, relative to the repository): its code bundled (code-bundle.js),
 * run by plain Node — a worker inherits the process's options, `--import tsx`
 * among them, and a bundle loads in a fraction of tsx's time — or, where no
 * bundle can be written, through tsx: a worker does not inherit the parent's
 * loader, so it registers tsx's own, then imports the module.
 */
export function codeWorker(entry: string, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  const bundle = bundledModule(entry, { root: repoRoot });
  if (bundle) return new Worker(bundle, { ...options, execArgv: [] });
  const module = pathToFileURL(path.join(repoRoot, entry)).href;
  const source = `import(${JSON.stringify(TSX_API)})
  .then((tsx) => tsx.register())
  .then(() => import(${JSON.stringify(module)}));`;
  return new Worker(source, { ...options, eval: true });
}

const TSX_API = pathToFileURL(
  path.join(
    path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")),
    "dist/esm/api/index.mjs",
  ),
).href;
