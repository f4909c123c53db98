import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { renderCode } from "../render-code.ts";

export interface TypescriptTemplatesOptions {
  /** The content folder (Eleventy's input), relative to the repository. */
  input: string;
}

/**
 * Page templates and layouts written in TypeScript (`*.11ty.ts`): Eleventy
 * runs them as JavaScript templates; tsx (which runs the build) compiles them.
 * Types check the data each template reads; `html` templates escape by default.
 *
 * In a render part that runs bundled (site/render-code.ts), the templates are
 * the bundle's: each is given to Eleventy as a virtual template at its own
 * path, and the files are not read — the same pages, with no module loaded
 * through tsx.
 */
export default function typescriptTemplates(
  eleventyConfig: UserConfig,
  options: TypescriptTemplatesOptions,
): void {
  eleventyConfig.addExtension(["11ty.ts"], { key: "11ty.js" });
  eleventyConfig.addTemplateFormats("11ty.ts");
  const bundled = renderCode();
  if (!bundled) return;
  eleventyConfig.ignores.add(path.join(options.input, "**/*.11ty.ts"));
  // (Eleventy 3.1's type declarations omit this method of its UserConfig.)
  const virtual = eleventyConfig as UserConfig & {
    addTemplate(file: string, content: object): void;
  };
  for (const [file, template] of bundled.templates) virtual.addTemplate(file, template);
}
