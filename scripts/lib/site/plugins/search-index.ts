import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { repoRoot } from "../../paths.ts";
import { type IndexSiteResult, indexSite } from "../../search/index-site.ts";

/** The last index run of this process, for the build's report. */
export const lastIndex: { seconds?: number; result?: IndexSiteResult } = {};

export interface SearchIndexOptions {
  /** How many pages the index must hold (the archive's article count). */
  expectedPages: () => number;
}

/**
 * After Eleventy writes the site, Pagefind indexes its articles (through its
 * Node API) into year shards under `<output>/pagefind/`, reusing unchanged
 * shards from `.cache/pagefind/`. A build whose index misses pages fails.
 */
export default function searchIndex(eleventyConfig: UserConfig, options: SearchIndexOptions): void {
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }) => {
    const output = path.resolve(directories.output);
    const started = performance.now();
    lastIndex.result = await indexSite(output, {
      expectedPages: options.expectedPages(),
      cacheDir: path.join(
        process.env.NASHRA_CACHE_DIR ?? path.join(repoRoot, ".cache"),
        "pagefind",
      ),
      keepServiceRunning: runMode !== "build",
    });
    lastIndex.seconds = (performance.now() - started) / 1000;
  });
}
