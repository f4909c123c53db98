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
import { forgetFrontMatter, parseFrontMatter } from "./scripts/lib/site/front-matter.ts";
import { createMarkdown } from "./scripts/lib/site/markdown.ts";
import archiveData from "./scripts/lib/site/plugins/archive-data.ts";
import browserScripts from "./scripts/lib/site/plugins/browser-scripts.ts";
import searchIndex from "./scripts/lib/site/plugins/search-index.ts";
import typescriptTemplates from "./scripts/lib/site/plugins/typescript-templates.ts";
import { Site } from "./scripts/lib/site/site.ts";

// `npm run build -- --input DIR --output DIR` passes other folders through the
// environment: Eleventy lets a config's `dir` win over its own arguments.
const input = process.env.NASHRA_CONTENT_DIR || "content";
const output = process.env.NASHRA_OUTPUT_DIR || "_site";

export default function (eleventyConfig: UserConfig) {
  // Templates: markdown articles; pages and layouts in TypeScript.
  eleventyConfig.addPlugin(typescriptTemplates);

  // Markdown: no raw HTML, no template language inside articles ({{ }} is text).
  eleventyConfig.setLibrary("md", createMarkdown());

  // Front matter: YAML 1.2 (the importer's own library), so `date` stays the
  // string the importer wrote — a day, or a time with its original offset.
  // Parsed once: the archive index already read it (scripts/lib/site/front-matter.ts).
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: parseFrontMatter } });
  eleventyConfig.on("eleventy.after", forgetFrontMatter);

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

  // Assets: the stylesheet and icon as they are; the search page's script bundled from TypeScript.
  eleventyConfig.addPassthroughCopy({
    "layouts/assets/site.css": "assets/site.css",
    "layouts/assets/favicon.svg": "assets/favicon.svg",
  });
  eleventyConfig.addPlugin(browserScripts, {
    entries: { "assets/search.js": "layouts/assets/search.ts" },
  });
  eleventyConfig.addWatchTarget("layouts/");

  // Search: Pagefind indexes every article page after each build.
  eleventyConfig.addPlugin(searchIndex, { expectedPages: () => archive?.articles.length ?? 0 });

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
    templateFormats: ["md", "11ty.ts"],
    markdownTemplateEngine: false,
    htmlTemplateEngine: false,
    pathPrefix: site.pathPrefix,
  };
}
