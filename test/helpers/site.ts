import { type BuiltSite, buildSiteWith } from "./fixture-site.ts";
import { tempDir } from "./tmp.ts";

export type { BuiltSite };

/** Builds a site from the repository's templates and the given article files, in a folder removed after the tests. */
export async function buildFixtureSite(
  articles: Record<string, string>,
  options: {
    pathPrefix?: string;
    baseUrl?: string;
    files?: Record<string, Uint8Array>;
    env?: Record<string, string>;
  } = {},
): Promise<BuiltSite> {
  return buildSiteWith(articles, { ...options, root: tempDir("nashra-site-") });
}
