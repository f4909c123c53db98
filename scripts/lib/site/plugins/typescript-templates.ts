import type { UserConfig } from "@11ty/eleventy";

/**
 * Page templates and layouts written in TypeScript (`*.11ty.ts`): Eleventy
 * runs them as JavaScript templates; tsx (which runs the build) compiles them.
 * Types check the data each template reads; `html` templates escape by default.
 */
export default function typescriptTemplates(eleventyConfig: UserConfig): void {
  eleventyConfig.addExtension(["11ty.ts"], { key: "11ty.js" });
  eleventyConfig.addTemplateFormats("11ty.ts");
}
