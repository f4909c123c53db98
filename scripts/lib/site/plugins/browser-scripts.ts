import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { build } from "esbuild";

export interface BrowserScriptsOptions {
  /** TypeScript entry points, relative to the repository, by output path under the site. */
  entries: Record<string, string>;
}

/**
 * The search page's script is TypeScript that shares its Arabic folding with
 * the importer (scripts/lib/arabic.ts); esbuild bundles it into one small
 * ES module per build. No source map and no timestamps: the output is the
 * same bytes for the same sources.
 */
export default function browserScripts(
  eleventyConfig: UserConfig,
  options: BrowserScriptsOptions,
): void {
  for (const source of Object.values(options.entries)) eleventyConfig.addWatchTarget(source);
  eleventyConfig.on("eleventy.before", async ({ directories }) => {
    for (const [output, source] of Object.entries(options.entries)) {
      await build({
        entryPoints: [source],
        outfile: path.join(directories.output, output),
        bundle: true,
        format: "esm",
        target: "es2022",
        minify: true,
        legalComments: "none",
        logLevel: "error",
      });
    }
  });
}
