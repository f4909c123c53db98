import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { activePlan, removePages, writeManifest } from "../render-plan.ts";

/** What the last build did with its plan, for the build's report. */
export const lastPlan: {
  pages?: number;
  rendered?: number;
  removed?: number;
  incremental?: boolean;
} = {};

/**
 * After Eleventy wrote the pages a build's plan selected (render-plan.ts), the
 * pages that no longer exist are deleted — before the search index reads the
 * articles — and the keys of this build are saved for the next. Builds without
 * a plan (`npm run serve`) render everything and save nothing.
 */
export default function renderPlan(eleventyConfig: UserConfig): void {
  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    const plan = activePlan();
    if (!plan) return;
    // A part of a build removes nothing: the build that runs the parts does, once they are all done.
    const removed = plan.part ? [] : plan.removed();
    await removePages(path.resolve(directories.output), removed);
    await writeManifest(plan.manifestPath, plan.manifest());
    Object.assign(lastPlan, {
      pages: plan.pageCount,
      rendered: plan.renderedCount,
      removed: removed.length,
      incremental: plan.incremental,
    });
  });
}
