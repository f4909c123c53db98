import path from "node:path";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { type BuiltSite, buildSiteWith, runBuild } from "../../scripts/lib/site/fixture-site.ts";
import { tempDir } from "./tmp.ts";

export type { BuiltSite };

/** Builds a site from the repository's templates and the given article files, in a folder removed after the tests. */
export async function buildFixtureSite(
  articles: Record<string, string>,
  options: { pathPrefix?: string; baseUrl?: string } = {},
): Promise<BuiltSite> {
  return buildSiteWith(articles, { ...options, root: tempDir("nashra-site-") });
}

/** Builds the repository's own archive (content/) into a temporary folder. */
export async function buildRepositorySite(
  options: { pathPrefix?: string; shardMergePages?: number } = {},
): Promise<BuiltSite> {
  const root = tempDir("nashra-repo-site-");
  const output = path.join(root, "_site");
  const args = ["--output", output];
  if (options.pathPrefix) args.push("--path-prefix", options.pathPrefix);
  const stdout = await runBuild(args, {
    NASHRA_SHARD_MERGE_PAGES: String(options.shardMergePages ?? ""),
  });
  return { root, content: path.join(repoRoot, "content"), output, stdout };
}
