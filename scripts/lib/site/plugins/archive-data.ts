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
    `${createHash("sha256").update(path.resolve(articlesDir)).digest("hex").slice(0, 16)}.json`,
  );
}

/**
 * Global data `archive`: every index of the site, computed in one pass over
 * the articles' front matter at the start of each build (unchanged files are
 * taken from the last build's cache, .cache/archive/).
 */
export default function archiveData(eleventyConfig: UserConfig, options: ArchiveDataOptions): void {
  eleventyConfig.addGlobalData("archive", async () => {
    const articlesDir = path.join(eleventyConfig.directories.input, "articles");
    const archive = await loadArchive(articlesDir, options.pageSize, {
      cacheFile: archiveCacheFile(articlesDir),
    });
    options.onLoad?.(archive);
    return archive;
  });
}
