import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../chromium.ts";
import { serveStatic } from "../static-server.ts";

/**
 * What a reader's search costs on a built archive, measured in Chromium on a
 * loopback server (no network latency: the figures are the browser's work and
 * the bytes a real network would carry). For each query, a fresh browser
 * context (empty cache) opens the search page with the query in the URL:
 * the first query's bytes are everything the page fetched until the results
 * were shown, its time is from navigation to results. A second query typed in
 * the same page shows the cost once the shards' entry files are loaded.
 */

export interface SearchMeasure {
  query: string;
  results: number;
  firstBytes: number;
  firstPagefindBytes: number;
  firstMs: number;
  secondQuery: string;
  secondBytes: number;
  secondMs: number;
}

export async function measureSearch(
  siteDir: string,
  queries: [string, string][],
): Promise<SearchMeasure[]> {
  const server = await serveStatic(siteDir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const out: SearchMeasure[] = [];
  try {
    for (const [query, second] of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const done = () =>
        page.waitForFunction(
          () => document.getElementById("search")?.dataset.state === "done",
          null,
          {
            timeout: 120_000,
          },
        );
      const resources = () =>
        page.evaluate(() =>
          (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((r) => ({
            name: r.name,
            bytes: r.encodedBodySize,
          })),
        );
      await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
      await done();
      const firstMs = await page.evaluate(() => performance.now());
      const nav = await page.evaluate(
        () =>
          (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming)
            .encodedBodySize,
      );
      const first = await resources();
      const results = await page.locator("#search-results li").count();

      await page.evaluate(() => performance.clearResourceTimings());
      const started = await page.evaluate(() => performance.now());
      await page.fill("#search-input", second);
      await page.evaluate(() => {
        const search = document.getElementById("search");
        if (search) search.dataset.state = "";
      });
      await page.press("#search-input", "Enter");
      await done();
      const secondMs = (await page.evaluate(() => performance.now())) - started;
      const after = await resources();
      out.push({
        query,
        results,
        firstBytes: nav + first.reduce((n, r) => n + r.bytes, 0),
        firstPagefindBytes: first
          .filter((r) => r.name.includes("/pagefind/"))
          .reduce((n, r) => n + r.bytes, 0),
        firstMs,
        secondQuery: second,
        secondBytes: after.reduce((n, r) => n + r.bytes, 0),
        secondMs,
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
