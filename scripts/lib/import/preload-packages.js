/**
 * Imported by `npm run import` before tsx (package.json): the packages the
 * importer runs with, loaded while no loader hook sees them — under
 * `--import tsx` each of their modules would go through tsx's loader thread,
 * round trip by round trip (linkedom, parse5 and Readability alone: 0.3 s
 * that way). The TypeScript that imports them later gets the same modules.
 * Measured: the command's start (`--help`) 0.53–0.58 → 0.42–0.45 s; a
 * re-import of the benchmark's 10,700 unchanged dumps 1.18–1.25 →
 * 1.11–1.18 s. A test keeps this list, with LOADED_ON_FIRST_USE, equal to
 * the packages the import command's modules import.
 */
export const IMPORTER_PACKAGES = [
  "@mozilla/readability",
  "csv-parse/sync",
  "image-size",
  "js-yaml",
  "luxon",
  "parse5",
  "yaml",
];

/**
 * Packages the import loads only when it needs them (their modules import
 * their types alone): linkedom, when the first saved page is parsed
 * (html/dom.ts; ≈ 0.22 s of the start of every import, with or without a
 * page to parse), and esbuild, when code is to be bundled (code-bundle.js).
 */
export const LOADED_ON_FIRST_USE = ["esbuild", "linkedom"];

await Promise.all(IMPORTER_PACKAGES.map((name) => import(name)));
