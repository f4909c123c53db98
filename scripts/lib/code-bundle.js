import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The repository's TypeScript as one ES module that plain Node runs: a
 * command (run-bundled.js) or the import's worker threads. Under tsx, a
 * process or a thread resolves and compiles each of its modules through tsx's
 * loader thread, round trip by round trip; bundled, it loads one file.
 * Measured on the benchmark's 10,000 dumps: the import's two extraction
 * workers cost 2 s less CPU, and the import took 11.0–11.7 s instead of
 * 12.3–12.6 s; the import command starts in 0.35–0.43 s instead of 0.62–0.75.
 *
 * A bundle is named by the code it is made from (sourceKey), so a run never
 * uses a bundle of other code, and an unchanged checkout bundles nothing:
 * reading and hashing the sources takes milliseconds, bundling about 0.2 s
 * (esbuild's start). Packages stay imports, resolved from the repository's
 * node_modules, inside which bundles are written (node_modules/.cache/nashra/,
 * where tools keep what they make from the code); bundles unused for a day go
 * when a new one is written. This module is JavaScript so that the command
 * launcher can use it before any TypeScript runs.
 */

/** What a bundle is made from: every module a command can import, and how TypeScript is compiled. */
export const BUNDLE_SOURCES = ["scripts", "layouts", "nashra.config.ts", "tsconfig.json"];

/**
 * A hash of what a bundle of `entry` is made from: the entry, the paths and
 * bytes of every file of BUNDLE_SOURCES under `root`, in a fixed order, and
 * esbuild's version.
 * @param {string} entry a path relative to `root`
 * @param {string} root the repository
 * @returns {string}
 */
export function sourceKey(entry, root) {
  const hash = createHash("sha256").update(`${entry}\n${esbuildVersion(root)}\n`);
  /** @param {string} rel */
  const add = (rel) => {
    const full = path.join(root, rel);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(`${rel}/${name}`);
      return;
    }
    hash.update(`${rel}\n`).update(readFileSync(full)).update("\n\0\n");
  };
  for (const source of BUNDLE_SOURCES) add(source);
  return hash.digest("hex").slice(0, 16);
}

/** @param {string} root */
function esbuildVersion(root) {
  try {
    return JSON.parse(readFileSync(path.join(root, "node_modules/esbuild/package.json"), "utf8"))
      .version;
  } catch {
    return "";
  }
}

/** Where bundles are kept, in a repository. @param {string} root */
export function bundleFolder(root) {
  return path.join(root, "node_modules", ".cache", "nashra");
}

/**
 * The bundle of `entry` (a path relative to the repository), made if there
 * is none of this code yet. Undefined when it cannot be made (a syntax error:
 * tsx then reports it with its place) or written (a read-only checkout): the
 * caller runs the TypeScript through tsx instead.
 * @param {string} entry
 * @param {{ root: string, folder?: string }} where the repository, and the bundles' folder (bundleFolder)
 * @returns {string | undefined}
 */
export function bundledModule(entry, { root, folder = bundleFolder(root) }) {
  const name = path.basename(entry).replace(/\.[cm]?ts$/, "");
  try {
    const file = path.join(folder, `${name}-${sourceKey(entry, root)}.mjs`);
    if (existsSync(file)) return file;
    // esbuild only when there is something to bundle: loading it is a part of its start.
    /** @type {typeof import("esbuild")} */
    const esbuild = createRequire(import.meta.url)("esbuild");
    const { outputFiles } = esbuild.buildSync({
      entryPoints: [path.resolve(root, entry)],
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
    // Threads of one process (a test runner's) may write the same bundle at once: the same
    // content either way, so the last rename wins harmlessly, and no one loads half a file.
    mkdirSync(folder, { recursive: true });
    const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
    removeOldBundles(folder, name, file);
    return file;
  } catch {
    return undefined;
  }
}

/** A bundle of older code is left for a day, in case a run started before the code changed still loads it. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * @param {string} folder
 * @param {string} name
 * @param {string} keep
 */
function removeOldBundles(folder, name, keep) {
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
