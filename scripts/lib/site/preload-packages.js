/**
 * Imported by each render part before tsx (build.ts, runNode): the packages a
 * part renders with, loaded while no loader hook sees them. Under
 * `--import tsx` every module a process loads goes through tsx's loader
 * thread, round trip by round trip — Eleventy's own ~150 modules too, though
 * they are JavaScript. Loaded first, they are loaded once, by Node alone, and
 * the TypeScript that imports them later gets the same modules (measured on
 * the benchmark's archive: a part spends 0.35 s less CPU, a build of
 * nothing new 0.2 s less time).
 */
await Promise.all(
  ["@11ty/eleventy", "markdown-it", "luxon", "js-yaml", "yaml", "esbuild"].map(
    (name) => import(name),
  ),
);
