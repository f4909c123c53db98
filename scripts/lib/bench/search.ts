import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
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

/**
 * What a fetched file is, for the breakdown of a search's bytes: Pagefind's
 * metadata (one a shard: every page's hash and sort key), index chunks (the
 * words), fragments (one a result), its script and WebAssembly, or the page
 * and its own assets.
 */
export function kindOfFile(url: string): string {
  const { pathname } = new URL(url);
  if (!pathname.includes("/pagefind/")) return "page";
  if (pathname.endsWith(".pf_meta")) return "metadata";
  if (pathname.endsWith(".pf_index")) return "index";
  if (pathname.endsWith(".pf_fragment")) return "fragments";
  if (pathname.endsWith(".pf_filter")) return "filters";
  if (/\/wasm\.[^/]+\.pagefind$/.test(pathname) || /\.js$/.test(pathname)) return "code";
  return "other";
}

export interface SearchMeasure {
  query: string;
  results: number;
  firstBytes: number;
  firstPagefindBytes: number;
  /** The first query's bytes by kind of file (kindOfFile). */
  firstByKind: Record<string, number>;
  firstRequests: number;
  firstMs: number;
  /** The first query's bytes as a host that compresses text serves them (servedCompressed). */
  firstCompressedBytes: number;
  secondQuery: string;
  secondBytes: number;
  secondCompressedBytes: number;
  secondRequests: number;
  secondMs: number;
}

/** Files sent gzip-compressed by static hosts (GitHub Pages, Netlify, Cloudflare Pages): text. */
const TEXT_FILE = /\.(?:html|js|mjs|css|json|xml|svg|txt)$/;

/**
 * A fetched file's size as a host that compresses text sends it: gzip (level
 * 6, the common default) for text files, as it is for the rest (Pagefind's
 * index, metadata, fragments and WebAssembly are compressed already). Read
 * from the site folder, by the URL's path.
 */
export function servedCompressed(siteDir: string, url: string, sentBytes: number): number {
  let file = decodeURIComponent(new URL(url).pathname);
  if (file.endsWith("/")) file += "index.html";
  if (!TEXT_FILE.test(file)) return sentBytes;
  try {
    return gzipSync(readFileSync(path.join(siteDir, file)), { level: 6 }).length;
  } catch {
    return sentBytes;
  }
}

/** How a search page is used: its URL for a query, and how to tell its results are shown. */
interface SearchPage {
  url(query: string): string;
  /** Waits for the results of the query in progress; resolves to how many are shown. */
  done(page: Page): Promise<number>;
  /** Types a second query on the same page. */
  ask(page: Page, query: string): Promise<void>;
}

/** The archive's own search page. */
const ARCHIVE_SEARCH: SearchPage = {
  url: (query) => `/search/?q=${encodeURIComponent(query)}`,
  done: async (page) => {
    await page.waitForFunction(
      () => document.getElementById("search")?.dataset.state === "done",
      null,
      { timeout: 120_000 },
    );
    return page.locator("#search-results li").count();
  },
  ask: async (page, query) => {
    await page.fill("#search-input", query);
    await page.evaluate(() => {
      const search = document.getElementById("search");
      if (search) search.dataset.state = "";
    });
    await page.press("#search-input", "Enter");
  },
};

/**
 * Stock Pagefind on the peer's site (Hugo's pages, one index): a page that
 * asks Pagefind's JavaScript API and loads the first 20 results' data, as a
 * results page shows them (written into the site by the benchmark).
 */
export const STOCK_SEARCH_PAGE = "nashra-bench-search.html";
const STOCK_SEARCH_HTML = `<!DOCTYPE html>
<html lang="ar"><meta charset="utf-8"><title>search</title>
<script type="module">
const pagefind = await import("/pagefind/pagefind.js");
await pagefind.init();
window.ask = async (query) => {
  document.body.dataset.state = "";
  const { results } = await pagefind.search(query);
  const shown = await Promise.all(results.slice(0, 20).map((r) => r.data()));
  document.body.dataset.shown = String(shown.length);
  document.body.dataset.state = "done";
};
await window.ask(new URLSearchParams(location.search).get("q") ?? "");
</script>
<body></body></html>
`;
const STOCK_SEARCH: SearchPage = {
  url: (query) => `/${STOCK_SEARCH_PAGE}?q=${encodeURIComponent(query)}`,
  done: async (page) => {
    await page.waitForFunction(() => document.body?.dataset.state === "done", null, {
      timeout: 120_000,
    });
    return Number(await page.evaluate(() => document.body.dataset.shown));
  },
  ask: async (page, query) => {
    await page.evaluate(`window.ask(${JSON.stringify(query)})`);
  },
};

/** The same measure with stock Pagefind over a site it indexed whole (the peer's). */
export async function measureStockPagefind(
  siteDir: string,
  queries: [string, string][],
): Promise<SearchMeasure[]> {
  writeFileSync(path.join(siteDir, STOCK_SEARCH_PAGE), STOCK_SEARCH_HTML);
  return measureWith(siteDir, queries, STOCK_SEARCH);
}

export async function measureSearch(
  siteDir: string,
  queries: [string, string][],
): Promise<SearchMeasure[]> {
  return measureWith(siteDir, queries, ARCHIVE_SEARCH);
}

async function measureWith(
  siteDir: string,
  queries: [string, string][],
  reader: SearchPage,
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
      let compressed = 0;
      let pagefindBytes = 0;
      let requests = 0;
      let byKind: Record<string, number> = {};
      const pending: Promise<void>[] = [];
      context.on("requestfinished", (request) => {
        requests++;
        pending.push(
          request.sizes().then((sizes) => {
            bytes += sizes.responseBodySize;
            compressed += servedCompressed(siteDir, request.url(), sizes.responseBodySize);
            if (request.url().includes("/pagefind/")) pagefindBytes += sizes.responseBodySize;
            const kind = kindOfFile(request.url());
            byKind[kind] = (byKind[kind] ?? 0) + sizes.responseBodySize;
          }),
        );
      });
      const settle = async () => {
        await Promise.all(pending);
        const counted = { bytes, compressed, pagefindBytes, requests, byKind };
        bytes = 0;
        compressed = 0;
        pagefindBytes = 0;
        requests = 0;
        byKind = {};
        return counted;
      };
      await page.goto(`${server.origin}${reader.url(query)}`);
      const results = await reader.done(page);
      const firstMs = await page.evaluate(() => performance.now());
      const first = await settle();

      const started = await page.evaluate(() => performance.now());
      await reader.ask(page, second);
      await reader.done(page);
      const secondMs = (await page.evaluate(() => performance.now())) - started;
      const after = await settle();
      out.push({
        query,
        results,
        firstBytes: first.bytes,
        firstPagefindBytes: first.pagefindBytes,
        firstByKind: first.byKind,
        firstRequests: first.requests,
        firstMs,
        firstCompressedBytes: first.compressed,
        secondQuery: second,
        secondBytes: after.bytes,
        secondCompressedBytes: after.compressed,
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
