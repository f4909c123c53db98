import { readFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";

export interface IndexSiteOptions {
  expectedPages: number;
  /** In watch/serve mode the Pagefind service is reused between rebuilds. */
  keepServiceRunning?: boolean;
}

export interface IndexSiteResult {
  pageCount: number;
  outputPath: string;
}

/**
 * Indexes a built site with Pagefind. Only elements marked
 * `data-pagefind-body` (the article itself) are indexed; the language comes
 * from each page's `<html lang>`. Any Pagefind error, or a page count that is
 * not the archive's article count, fails the build.
 */
export async function indexSite(
  siteDir: string,
  options: IndexSiteOptions,
): Promise<IndexSiteResult> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index || errors.length > 0) throw new Error(`Pagefind: ${errors.join("; ") || "no index"}`);
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join("; ")}`);
    const outputPath = path.join(siteDir, "pagefind");
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join("; ")}`);
    // addDirectory counts every HTML file it read; the entry file counts the
    // pages that were indexed (those with data-pagefind-body).
    const pageCount = await indexedPageCount(outputPath);
    if (pageCount !== options.expectedPages) {
      throw new Error(
        `Pagefind indexed ${pageCount} pages but the archive has ${options.expectedPages} articles`,
      );
    }
    return { pageCount, outputPath };
  } finally {
    await index.deleteIndex();
    if (!options.keepServiceRunning) await pagefind.close();
  }
}

/** Pages in a written Pagefind bundle, all languages together. */
export async function indexedPageCount(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(bundleDir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, lang) => sum + lang.page_count, 0);
}
