import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
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
    const code = esbuildModule({ entryPoints: [path.resolve(root, entry)] });
    if (!code) return undefined;
    writeNew(file, code);
    removeOldBundles(folder, name, file);
    return file;
  } catch {
    return undefined;
  }
}

/**
 * A render part's code as one module: the build script with Eleventy's
 * configuration and every page template (`*.11ty.ts`) of the content folder
 * `input`, registered before the build script runs (site/render-code.ts), so
 * that the part runs without tsx. Named by the code it is made from and the
 * templates' paths and bytes (a content folder may be another's, or link the
 * repository's templates, as the benchmark's does). Also writes the small
 * configuration file Eleventy is given in such a part (`config`), which
 * hands Eleventy the registered configuration. Undefined where a bundle cannot
 * be made or written: the parts then run through tsx.
 * @param {{ root: string, input: string, folder?: string }} where the repository, the content folder, and the bundles' folder (bundleFolder)
 * @returns {{ module: string, config: string } | undefined}
 */
export function renderBundle({ root, input, folder = bundleFolder(root) }) {
  try {
    const templates = pageTemplates(path.resolve(root, input));
    const hash = createHash("sha256")
      .update(`${sourceKey("scripts/build.ts", root)}\n`)
      .update(readFileSync(path.join(root, ".eleventy.ts")));
    for (const [rel, file] of templates)
      hash.update(`\n\0\n${rel}\n${path.relative(root, file)}\n`).update(readFileSync(file));
    const key = hash.digest("hex").slice(0, 16);
    const config = path.join(folder, "eleventy-render-config.mjs");
    const module = path.join(folder, `render-${key}.mjs`);
    if (!existsSync(config)) writeNew(config, RENDER_CONFIG);
    if (existsSync(module)) return { module, config };
    const abs = (/** @type {string} */ file) => JSON.stringify(file.split(path.sep).join("/"));
    // The registration is a module of its own, imported before the build script: ES modules run
    // in the order they are imported, so the code is registered before the build starts.
    const registration = [
      `import { registerRenderCode } from ${abs(path.join(root, "scripts/lib/site/render-code.ts"))};`,
      `import config from ${abs(path.join(root, ".eleventy.ts"))};`,
      ...templates.map(([, file], i) => `import * as t${i} from ${abs(file)};`),
      `const templates = new Map([${templates.map(([rel], i) => `[${JSON.stringify(rel)}, t${i}]`).join(", ")}]);`,
      `registerRenderCode({ config, templates, configFile: ${JSON.stringify(config)} });`,
      "",
    ].join("\n");
    // A name of this process's own: another may be bundling the same code at this moment.
    const registrationFile = path.join(
      folder,
      `registration-${key}-${process.pid}-${Math.random().toString(36).slice(2)}.ts`,
    );
    writeNew(registrationFile, registration);
    let code;
    try {
      code = esbuildModule({
        stdin: {
          contents: `import ${abs(registrationFile)};\nimport ${abs(path.join(root, "scripts/build.ts"))};\n`,
          resolveDir: root,
          sourcefile: "render-entry.ts",
          loader: "ts",
        },
      });
    } finally {
      rmSync(registrationFile, { force: true });
    }
    if (!code) return undefined;
    writeNew(module, code);
    removeOldBundles(folder, "render", module);
    return { module, config };
  } catch {
    return undefined;
  }
}

/** What Eleventy is given as its configuration file in a bundled render part (renderBundle). */
const RENDER_CONFIG = `// Eleventy's configuration in a render part that runs bundled: .eleventy.ts, as the
// part's bundle registered it (scripts/lib/site/render-code.ts). Written by code-bundle.js.
export default function (eleventyConfig) {
  return globalThis[Symbol.for("nashra.render-code")].config(eleventyConfig);
}
`;

/**
 * The page templates of a content folder, by path in it ("archive/day.11ty.ts"),
 * sorted, with their files: every \`*.11ty.ts\` outside its articles/ folder.
 * @param {string} contentDir
 * @returns {[string, string][]}
 */
function pageTemplates(contentDir) {
  /** @type {[string, string][]} */
  const out = [];
  /** @param {string} rel */
  const walk = (rel) => {
    const entries = readdirSync(path.join(contentDir, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const sub = rel ? `${rel}/${entry.name}` : entry.name;
      if (sub === "articles" || entry.name === "node_modules") continue;
      const full = path.join(contentDir, sub);
      // Only a link is asked what it is (a folder of photos is not stat-ed file by file).
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(full).isDirectory()))
        walk(sub);
      else if (entry.name.endsWith(".11ty.ts")) out.push([sub, realpathSync(full)]);
    }
  };
  walk("");
  return out;
}

/**
 * One ES module for Node of an entry and the repository's code it imports
 * (packages stay imports), or undefined.
 * @param {import("esbuild").BuildOptions} entry `entryPoints` or `stdin`
 * @returns {Uint8Array | undefined}
 */
function esbuildModule(entry) {
  // esbuild only when there is something to bundle: loading it is a part of its start.
  /** @type {typeof import("esbuild")} */
  const esbuild = createRequire(import.meta.url)("esbuild");
  const { outputFiles } = esbuild.buildSync({
    ...entry,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    write: false,
    logLevel: "silent",
  });
  return outputFiles?.[0]?.contents;
}

/**
 * A file written whole under a name of its own, then renamed: threads or
 * processes writing the same content at once (a test runner's) leave one whole
 * file, and no one loads half a file.
 * @param {string} file
 * @param {string | Uint8Array} content
 */
function writeNew(file, content) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
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
