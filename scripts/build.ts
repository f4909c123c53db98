/**
 * `npm run build [-- --input DIR --output DIR --path-prefix /archive/ --base-url https://host]`
 *
 * Renders content/ to _site/ with Eleventy (config: .eleventy.ts), then
 * Pagefind indexes the articles (the search plugin, on `eleventy.after`).
 * The output folder is emptied first, so a build never keeps stale pages.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/paths.ts";

const { values } = parseArgs({
  options: {
    input: { type: "string", default: "content" },
    output: { type: "string", default: "_site" },
    "path-prefix": { type: "string" },
    "base-url": { type: "string" },
    incremental: { type: "boolean", default: false },
  },
});

// Folders are given to Eleventy relative to the repository: with an absolute
// input folder, Eleventy 3.1 does not find directory data files (articles.11tydata.json).
const input = path.relative(repoRoot, path.resolve(values.input)) || ".";
const output = path.relative(repoRoot, path.resolve(values.output)) || ".";
// Read by .eleventy.ts (folders) and nashra.config.ts (prefix), loaded below.
process.env.NASHRA_CONTENT_DIR = input;
process.env.NASHRA_OUTPUT_DIR = output;
if (values["path-prefix"]) process.env.NASHRA_PATH_PREFIX = values["path-prefix"];
if (values["base-url"]) process.env.NASHRA_BASE_URL = values["base-url"];
process.chdir(repoRoot);

const started = performance.now();
await rm(output, { recursive: true, force: true });
const { default: Eleventy } = await import("@11ty/eleventy");
const eleventy = new Eleventy(input, output, {
  configPath: path.join(repoRoot, ".eleventy.ts"),
  quietMode: true,
});
const written = (await eleventy.write()) as [unknown[], { outputPath: string | false }[]];
const pages = written[1].filter((t) => t.outputPath).length;
const seconds = (performance.now() - started) / 1000;
const { lastIndex } = await import("./lib/site/plugins/search-index.ts");
const indexed = lastIndex.result;
console.log(`Built ${pages} pages into ${output} in ${seconds.toFixed(1)} s`);
if (indexed && lastIndex.seconds !== undefined) {
  console.log(
    `  render ${(seconds - lastIndex.seconds).toFixed(1)} s, search index ${lastIndex.seconds.toFixed(1)} s ` +
      `(${indexed.pageCount} articles in ${indexed.shards.length} shards; ${indexed.indexed.length} indexed, the rest from the cache)`,
  );
}
