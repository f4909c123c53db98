/**
 * Eleventy configuration. Run through tsx with `--config=.eleventy.ts`
 * (Eleventy 3 does not look for this name by itself): `npm run build`,
 * `npm run serve`.
 */
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import config from "./nashra.config.ts";
import { repoRoot } from "./scripts/lib/paths.ts";
import type { Archive } from "./scripts/lib/site/archive.ts";
import archiveData from "./scripts/lib/site/plugins/archive-data.ts";
import browserScripts from "./scripts/lib/site/plugins/browser-scripts.ts";
import renderPlan from "./scripts/lib/site/plugins/render-plan.ts";
import responsiveImages from "./scripts/lib/site/plugins/responsive-images.ts";
import searchIndex from "./scripts/lib/site/plugins/search-index.ts";
import typescriptTemplates from "./scripts/lib/site/plugins/typescript-templates.ts";
import { activePlan } from "./scripts/lib/site/render-plan.ts";
import { Site } from "./scripts/lib/site/site.ts";

export default function (eleventyConfig: UserConfig) {
  // `npm run build -- --input DIR --output DIR` passes other folders through the
  // environment: Eleventy lets a config's `dir` win over its own arguments.
  const input = process.env.NASHRA_CONTENT_DIR || "content";
  const output = process.env.NASHRA_OUTPUT_DIR || "_site";

  // Templates: pages and layouts in TypeScript.
  eleventyConfig.addPlugin(typescriptTemplates, { input });

  // Articles: the markdown files are the archive's data, read once by the
  // archive index (below); content/article.11ty.ts renders one page for each,
  // its body with the site's markdown-it (no raw HTML, {{ }} is text).
  eleventyConfig.ignores.add(path.join(input, "articles/**"));
  eleventyConfig.addWatchTarget(path.join(input, "articles/"));

  // Data: the site's settings, and the archive's indexes computed once per build.
  const site = new Site(config);
  eleventyConfig.addGlobalData("site", site);
  let archive: Archive | undefined;
  eleventyConfig.addPlugin(archiveData, {
    pageSize: config.site.pageSize,
    onLoad: (loaded) => {
      archive = loaded;
    },
  });

  // Assets: the stylesheet and icon as they are; the search page's script
  // bundled from TypeScript. (In a build split into parts, part 0 writes them.)
  if (activePlan()?.rendersSinglePages !== false) {
    eleventyConfig.addPassthroughCopy({
      "layouts/assets/site.css": "assets/site.css",
      "layouts/assets/favicon.svg": "assets/favicon.svg",
    });
    eleventyConfig.addPlugin(browserScripts, {
      entries: { "assets/search.js": "scripts/browser/search-page.ts" },
    });
  }
  eleventyConfig.addWatchTarget("layouts/");

  // After the pages are written, in order: an incremental build deletes the
  // pages that no longer exist and saves its page keys; the articles' photos
  // are made in their widths and formats; then Pagefind indexes every article page.
  // (Eleventy 3.1's type declarations omit this method of its UserConfig.)
  (
    eleventyConfig as UserConfig & { setEventEmitterMode(mode: "sequential"): void }
  ).setEventEmitterMode("sequential");
  eleventyConfig.addPlugin(renderPlan);
  eleventyConfig.addPlugin(responsiveImages, { archive: () => archive });
  eleventyConfig.addPlugin(searchIndex, { archive: () => archive });

  // Editors' notes inside content/ are not pages. The input is content/ alone, so
  // .gitignore says nothing about it (and would hide a benchmark's content under .bench/).
  eleventyConfig.ignores.add("**/README.md");
  eleventyConfig.setUseGitIgnore(false);

  return {
    dir: {
      input,
      output,
      includes: path.relative(path.resolve(input), path.join(repoRoot, "layouts")),
    },
    templateFormats: ["11ty.ts"],
    pathPrefix: site.pathPrefix,
  };
}
