import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../chromium.ts";
import { serveStatic } from "../static-server.ts";

/**
 * What a reader's search costs on a built archive, measured in Chromium on a
 * loopback server (no network latency: the figures are the browser's work and
 * the bytes it fetched, as served without HTTP compression — Pagefind's index
 * files are compressed already, its scripts would shrink on a host that
 * compresses). For each query, a fresh browser
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
  firstRequests: number;
  firstMs: number;
  secondQuery: string;
  secondBytes: number;
  secondRequests: number;
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
      // Network events, not the page's resource timing: Pagefind fetches its
      // index chunks and fragments from a web worker, which resource timing
      // of the page does not see (and its buffer stops at 250 entries).
      let bytes = 0;
      let pagefindBytes = 0;
      let requests = 0;
      const pending: Promise<void>[] = [];
      context.on("requestfinished", (request) => {
        requests++;
        pending.push(
          request.sizes().then((sizes) => {
            bytes += sizes.responseBodySize;
            if (request.url().includes("/pagefind/")) pagefindBytes += sizes.responseBodySize;
          }),
        );
      });
      const settle = async () => {
        await Promise.all(pending);
        const counted = { bytes, pagefindBytes, requests };
        bytes = 0;
        pagefindBytes = 0;
        requests = 0;
        return counted;
      };
      const done = () =>
        page.waitForFunction(
          () => document.getElementById("search")?.dataset.state === "done",
          null,
          { timeout: 120_000 },
        );
      await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
      await done();
      const firstMs = await page.evaluate(() => performance.now());
      const first = await settle();
      const results = await page.locator("#search-results li").count();

      const started = await page.evaluate(() => performance.now());
      await page.fill("#search-input", second);
      await page.evaluate(() => {
        const search = document.getElementById("search");
        if (search) search.dataset.state = "";
      });
      await page.press("#search-input", "Enter");
      await done();
      const secondMs = (await page.evaluate(() => performance.now())) - started;
      const after = await settle();
      out.push({
        query,
        results,
        firstBytes: first.bytes,
        firstPagefindBytes: first.pagefindBytes,
        firstRequests: first.requests,
        firstMs,
        secondQuery: second,
        secondBytes: after.bytes,
        secondRequests: after.requests,
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
