import { createHash } from "node:crypto";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { repoRoot } from "../../paths.ts";
import type { Archive } from "../archive.ts";
import { loadArchive } from "../load.ts";

export interface ArchiveDataOptions {
  pageSize: number;
  /** Receives each build's archive (the search plugin checks its page count against it). */
  onLoad?: (archive: Archive) => void;
}

/** Where the front matter of an articles folder is cached between builds. */
export function archiveCacheFile(articlesDir: string): string {
  return path.join(
    process.env.NASHRA_CACHE_DIR ?? path.join(repoRoot, ".cache"),
    "archive",
    `${createHash("sha256").update(path.resolve(articlesDir)).digest("hex").slice(0, 16)}.v8`,
  );
}

/**
 * The archive of the last run, kept for the next Eleventy run of this
 * process when the build asked (keepArchiveBetweenRuns): a process that
 * renders several parts of one build, whose articles do not change between
 * its runs. Never otherwise: a watching server's next run must see the
 * articles as they are then.
 */
let kept: { key: string; archive: Promise<Archive> } | undefined;
let keepBetweenRuns = false;

/** This process's Eleventy runs are parts of one build: they share one archive. */
export function keepArchiveBetweenRuns(): void {
  keepBetweenRuns = true;
}

/**
 * Global data `archive`: every index of the site, computed in one pass over
 * the articles' front matter at the start of each build (unchanged files are
 * taken from the last build's cache, .cache/archive/).
 */
export default function archiveData(eleventyConfig: UserConfig, options: ArchiveDataOptions): void {
  eleventyConfig.addGlobalData("archive", async () => {
    const articlesDir = path.join(eleventyConfig.directories.input, "articles");
    const key = `${path.resolve(articlesDir)} ${options.pageSize}`;
    const load = () =>
      loadArchive(articlesDir, options.pageSize, { cacheFile: archiveCacheFile(articlesDir) });
    let loading: Promise<Archive>;
    if (keepBetweenRuns) {
      if (kept?.key !== key) kept = { key, archive: load() };
      loading = kept.archive;
    } else loading = load();
    const archive = await loading;
    options.onLoad?.(archive);
    return archive;
  });
}
