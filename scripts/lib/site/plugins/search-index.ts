import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import { repoRoot } from "../../paths.ts";
import { articlePageFile, type IndexSiteResult, indexSite } from "../../search/index-site.ts";
import { readArchiveVocabulary, vocabularyCacheFile } from "../../search/vocabulary.ts";
import type { Archive } from "../archive.ts";
import { activePlan, pageKeysOf, shardSizes } from "../render-plan.ts";

/** The last index run of this process, for the build's report. */
export const lastIndex: { seconds?: number; result?: IndexSiteResult } = {};

export interface SearchIndexOptions {
  /** The build's archive (the index must hold every article of it). */
  archive: () => Archive | undefined;
}

/** Where indexed shards are kept between builds, by content hash. */
export function searchCacheDir(): string {
  return path.join(process.env.NASHRA_CACHE_DIR ?? path.join(repoRoot, ".cache"), "pagefind");
}

/**
 * After Eleventy writes the site, Pagefind indexes its articles into year
 * shards under `<output>/pagefind/`, reusing unchanged shards from the cache
 * (scripts/lib/search/index-site.ts). A build whose index misses pages fails.
 * A part of a split build indexes its own shards, or none when the build that
 * runs the parts indexes them all at the end.
 */
export default function searchIndex(eleventyConfig: UserConfig, options: SearchIndexOptions): void {
  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    const plan = activePlan();
    if (plan && !plan.indexes) return;
    const articles = options.archive()?.articles ?? [];
    const partition = plan?.partitionFor(articles);
    const sizes = shardSizes(articles);
    const shards = partition?.shards;
    const started = performance.now();
    lastIndex.result = await indexSite(path.resolve(directories.output), {
      expectedPages: shards ? shards.reduce((n, s) => n + (sizes.get(s) ?? 0), 0) : articles.length,
      cacheDir: searchCacheDir(),
      vocabulary: readArchiveVocabulary(path.join(directories.input, "articles"), {
        cacheFile: vocabularyCacheFile(searchCacheDir()),
      }),
      ...(plan ? { pageKeys: pageKeysOf(plan.manifest()) } : {}),
      notArticles: (options.archive()?.redirects ?? []).map((r) => articlePageFile(r.url)),
      ...(shards ? { onlyShards: shards } : {}),
    });
    lastIndex.seconds = (performance.now() - started) / 1000;
  });
}
