import { createHash } from "node:crypto";
import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";
import { writeAtomicallySync } from "./files.ts";
import { repoRoot } from "./paths.ts";

/**
 * The repository's TypeScript for a worker thread, as one ES module that
 * plain Node runs. Under tsx, a thread resolves and loads each of its modules
 * through tsx's loader thread, round trip by round trip; bundled by esbuild
 * (≈ 50 ms), it loads one file. Measured on the benchmark's 10,000 dumps: the
 * import's two extraction workers cost 2 s less CPU, and the import took
 * 11.0–11.7 s instead of 12.3–12.6 s.
 *
 * Packages stay imports, resolved from the repository's node_modules, inside
 * which the bundle is written (node_modules/.cache/nashra/, where tools keep
 * what they make from the code). The file is named by its content, so two
 * runs of different code never share one; bundles unused for a day go when a
 * new one is written. Undefined when the bundle cannot be made or written (a
 * read-only checkout): the caller runs the TypeScript through tsx instead.
 */
export function bundledModule(entry: string, folder = BUNDLE_FOLDER): string | undefined {
  const name = path.basename(entry).replace(/\.ts$/, "");
  try {
    const { outputFiles } = buildSync({
      entryPoints: [path.resolve(repoRoot, entry)],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      write: false,
      logLevel: "silent",
    });
    const code = outputFiles[0]?.contents;
    if (!code) return undefined;
    const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
    const file = path.join(folder, `${name}-${hash}.mjs`);
    try {
      statSync(file);
    } catch {
      // Threads of one process (a test runner's) may write the same bundle at once: the same
      // content either way, so the last rename wins harmlessly, and no worker starts on half a file.
      writeAtomicallySync(file, code);
      removeOldBundles(folder, name, file);
    }
    return file;
  } catch {
    return undefined;
  }
}

const BUNDLE_FOLDER = path.join(repoRoot, "node_modules", ".cache", "nashra");

/** A bundle of older code is left for a day, in case a run started before the code changed still loads it. */
const KEEP_MS = 24 * 60 * 60 * 1000;

function removeOldBundles(folder: string, name: string, keep: string): void {
  const now = Date.now();
  for (const other of readdirSync(folder)) {
    const file = path.join(folder, other);
    if (file === keep || !other.startsWith(`${name}-`) || !other.endsWith(".mjs")) continue;
    try {
      if (now - statSync(file).mtimeMs > KEEP_MS) rmSync(file, { force: true });
    } catch {
      // Gone already (another run cleaned up).
    }
  }
}
