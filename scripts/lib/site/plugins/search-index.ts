import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { repoRoot } from "../../paths.ts";
import { indexSite } from "../../search/index-site.ts";

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
    await indexSite(output, {
      expectedPages: options.expectedPages(),
      cacheDir: path.join(repoRoot, ".cache/pagefind"),
      keepServiceRunning: runMode !== "build",
    });
  });
}
