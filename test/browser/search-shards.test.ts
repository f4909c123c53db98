import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { type StaticServer, serveStatic } from "../../scripts/lib/static-server.ts";
import { launchChromium } from "../helpers/browser.ts";

/**
 * The search client reads the archive's shards lazily: newest first, only as
 * many as the results asked for need. Driven directly (bundled here) so that
 * a page of one result can be asked for on the small sample archive, whose
 * search page shows twenty: the sample built with a shard a year (2025,
 * 2024, undated), where «بغداد» is in one article of 2025, one of 2024 and
 * two undated ones.
 */

let browser: Browser;
let server: StaticServer;
let client: string;
beforeAll(async () => {
  server = await serveStatic(inject("prefixedSite"), "/archive/");
  browser = await launchChromium();
  const bundle = await build({
    stdin: {
      // The client, and a query's first page through it.
      contents: `import { ShardedSearch } from "./scripts/browser/search-client.ts";
globalThis.ShardedSearch = ShardedSearch;
globalThis.firstPageOf = async (query, sort, firstPage) => {
  const search = await ShardedSearch.load("/archive/");
  const results = await search.search(query, {}, sort, firstPage);
  return { results, shown: await results.slice(0, firstPage) };
};`,
      resolveDir: repoRoot,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    write: false,
  });
  client = bundle.outputFiles[0]?.text ?? "";
});
afterAll(() => server?.close());

/** In the page: a query's first page through the client (bundled above). */
type FirstPageOf = (
  query: string,
  sort: "relevance" | "newest",
  firstPage: number,
) => Promise<{
  results: Awaited<
    ReturnType<
      InstanceType<typeof import("../../scripts/browser/search-client.ts").ShardedSearch>["search"]
    >
  >;
  shown: { url: string }[];
}>;

/** The archive's home page with the client loaded into it. */
async function withClient(page: Page): Promise<void> {
  await page.goto(`${server.origin}/archive/`);
  await page.addScriptTag({ type: "module", content: client });
  await page.waitForFunction(() => "ShardedSearch" in globalThis);
}

interface Stage {
  urls: string[];
  count: { total: number; approximate: boolean; complete: boolean; years: string[] };
  /** Shards whose metadata the reader had fetched by then. */
  shards: string[];
}

/**
 * A query through the client in a fresh browser profile: the first page
 * (`firstPage` results), then everything else; what was shown and which
 * shards were read at each stage.
 */
async function searchInStages(
  query: string,
  sort: "relevance" | "newest",
  firstPage: number,
): Promise<{ first: Stage; all: Stage }> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const fetched: string[] = [];
  context.on("requestfinished", (r) => fetched.push(new URL(r.url()).pathname));
  await withClient(page);
  const shardsRead = () =>
    fetched.filter((u) => u.endsWith(".pf_meta")).map((u) => u.split("/").at(-2) as string);
  await page.evaluate(
    async ({ query, sort, firstPage }) => {
      const { firstPageOf } = globalThis as unknown as { firstPageOf: FirstPageOf };
      const { results, shown } = await firstPageOf(query, sort, firstPage);
      Object.assign(globalThis, {
        results,
        stage: { urls: shown.map((h) => h.url), count: results.count() },
      });
    },
    { query, sort, firstPage },
  );
  const first = {
    ...((await page.evaluate(() => (globalThis as unknown as { stage: Stage }).stage)) as Stage),
    shards: shardsRead(),
  };
  const rest = await page.evaluate(async (from) => {
    const { results } = globalThis as unknown as {
      results: Awaited<
        ReturnType<
          InstanceType<
            typeof import("../../scripts/browser/search-client.ts").ShardedSearch
          >["search"]
        >
      >;
    };
    const more = await results.slice(from, 1000);
    return { urls: more.map((h) => h.url), count: results.count() };
  }, firstPage);
  const all = { urls: [...first.urls, ...rest.urls], count: rest.count, shards: shardsRead() };
  await context.close();
  return { first, all };
}

describe("a search reads the shards newest first, only as far as the results asked for", () => {
  it("shows a first page from the newest shard alone, and reads the older ones for more", async () => {
    const { first, all } = await searchInStages("بغداد", "relevance", 1);
    expect(first.shards).toEqual(["2025"]);
    expect(first.urls).toHaveLength(1);
    expect(first.urls[0]).toMatch(/\/archive\/articles\/2025\//);
    expect(first.count).toMatchObject({ complete: false, years: ["2025"] });
    // Asked for everything, it reads every shard and counts exactly.
    expect(new Set(all.shards)).toEqual(new Set(["2025", "2024", "undated"]));
    expect(all.count).toMatchObject({ total: 4, approximate: false, complete: true });
    expect(new Set(all.urls).size).toBe(4);
  });

  it("finds, lazily, the same results as a search that reads every shard at once — newest first in the same order", async () => {
    for (const sort of ["newest", "relevance"] as const) {
      const lazy = (await searchInStages("بغداد", sort, 1)).all;
      const eager = (await searchInStages("بغداد", sort, 50)).first;
      expect(eager.count.complete).toBe(true);
      if (sort === "newest") expect(lazy.urls).toEqual(eager.urls);
      else expect([...lazy.urls].sort()).toEqual([...eager.urls].sort());
      expect(lazy.count).toEqual(eager.count);
    }
  });

  it("reads older shards for the first page when the newest do not hold it", async () => {
    const { first } = await searchInStages("بغداد", "newest", 2);
    expect(first.shards).toEqual(["2025", "2024"]);
    expect(first.urls.map((u) => u.split("/")[3])).toEqual(["2025", "2024"]);
    expect(first.count).toMatchObject({ complete: false, years: ["2025", "2024"] });
  });
});

describe("the search page asks for what its search needs first while it loads", () => {
  /** The search page at a query: every file the browser fetched, in order, and the results shown. */
  async function openSearch(query: string): Promise<{ fetched: string[]; shown: number }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched: string[] = [];
    context.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${server.origin}/archive/search/?${query}`);
    await page.waitForFunction(() => document.getElementById("search")?.dataset.state === "done");
    const shown = await page.locator("#search-results li").count();
    await context.close();
    return { fetched, shown };
  }
  const count = (list: string[], path: string) => list.filter((p) => p === path).length;

  it("names the shard list and the newest shard's Pagefind script in the page, and fetches each once", async () => {
    const html = await (await fetch(`${server.origin}/archive/search/`)).text();
    expect(html).toContain(
      '<link rel="preload" href="/archive/pagefind/shards.json" as="fetch" crossorigin>',
    );
    expect(html).toContain('<link rel="modulepreload" href="/archive/pagefind/2025/pagefind.js">');
    const { fetched, shown } = await openSearch(`q=${encodeURIComponent("بغداد")}`);
    expect(shown).toBeGreaterThan(0);
    // A hint the script's own request did not match would fetch the file twice.
    expect(count(fetched, "/archive/pagefind/shards.json")).toBe(1);
    expect(count(fetched, "/archive/pagefind/2025/pagefind.js")).toBe(1);
    expect(fetched.filter((p) => p.endsWith("/pagefind.js"))).toHaveLength(1);
  });

  it("takes Pagefind's script from the newest shard when a search reads an older one first", async () => {
    // Filters alone, through the client itself: no word is looked for in the newest shard
    // first, the 2024 shard is the first read.
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched: string[] = [];
    context.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    await withClient(page);
    const shown = await page.evaluate(async () => {
      const { ShardedSearch } = globalThis as unknown as {
        ShardedSearch: typeof import("../../scripts/browser/search-client.ts").ShardedSearch;
      };
      const search = await ShardedSearch.load("/archive/");
      const results = await search.search("", { year: "2024" }, "newest", 5);
      return (await results.slice(0, 5)).length;
    });
    await context.close();
    expect(shown).toBeGreaterThan(0);
    expect(fetched.some((p) => /\/2024\/pagefind\.[^/]+\.pf_meta$/.test(p))).toBe(true);
    expect(fetched.filter((p) => p.endsWith("/pagefind.js"))).toEqual([
      "/archive/pagefind/2025/pagefind.js",
    ]);
  });
});

describe("a search reaches its first page in as few round trips as it can", () => {
  /**
   * The client on the archive's page, with Pagefind's script served through a
   * wrapper that records every term the client asks Pagefind for (the real
   * script is served beside it), and each shard's fragments held back by
   * `fragmentDelay` ms; requests are recorded by when they were made.
   */
  async function instrumented(fragmentDelay = 0) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const events: { at: number; what: string }[] = [];
    context.on("request", (r) =>
      events.push({ at: Date.now(), what: `request ${new URL(r.url()).pathname}` }),
    );
    const real = await (await fetch(`${server.origin}/archive/pagefind/2025/pagefind.js`)).text();
    await page.route("**/archive/pagefind/2025/pagefind.js", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: `import * as real from "./pagefind-real.js";
export const createInstance = (options) => {
  const instance = real.createInstance(options);
  const search = instance.search;
  instance.search = async (term, more) => {
    (globalThis.searchedTerms ??= []).push(term);
    const found = await search(term, more);
    // Each search's first five results, and each result whose data (its fragment) is loaded.
    const best = (found?.results ?? []).slice(0, 5).map((result) => result.id);
    (globalThis.searches ??= []).push(best);
    for (const result of found?.results ?? []) {
      const data = result.data;
      result.data = async () => {
        const d = await data();
        (globalThis.loaded ??= new Map()).set(d.url, result.id);
        return d;
      };
    }
    return found;
  };
  return instance;
};`,
      }),
    );
    await page.route("**/archive/pagefind/2025/pagefind-real.js", (route) =>
      route.fulfill({ contentType: "text/javascript", body: real }),
    );
    await page.route("**/*.pf_fragment", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, fragmentDelay));
      events.push({ at: Date.now(), what: `released ${new URL(route.request().url()).pathname}` });
      await route.continue();
    });
    await withClient(page);
    const search = (query: string, sort: "relevance" | "newest", firstPage: number) =>
      page.evaluate(
        async ({ query, sort, firstPage }) => {
          const { firstPageOf } = globalThis as unknown as { firstPageOf: FirstPageOf };
          const { results, shown } = await firstPageOf(query, sort, firstPage);
          const { searchedTerms, searches, loaded } = globalThis as unknown as {
            searchedTerms: string[];
            searches: string[][];
            loaded?: Map<string, string>;
          };
          return {
            urls: shown.map((h) => h.url),
            missing: results.missingWords,
            searchedTerms,
            searches,
            loaded: [...(loaded ?? [])],
          };
        },
        { query, sort, firstPage },
      );
    return { context, events, search };
  }

  it("asks Pagefind for the words together when the archive holds them as typed, one by one only when it does not", async () => {
    const held = await instrumented();
    const found = await held.search("بغداد نينوى", "relevance", 20);
    await held.context.close();
    expect(found.urls.length).toBeGreaterThan(0);
    // No word asked about on its own: each question would cost a round trip before the first page.
    expect(found.searchedTerms.length).toBeGreaterThan(0);
    for (const term of found.searchedTerms) expect(term?.split(" ")).toHaveLength(2);

    const lacking = await instrumented();
    const none = await lacking.search("بغداد قرقزستانيات", "relevance", 20);
    await lacking.context.close();
    expect(none.missing).toEqual(["قرقزستانيات"]);
    expect(none.urls).toEqual([]);
    expect(none.searchedTerms).toEqual(expect.arrayContaining(["بغداد", "قرقزستانيات"]));
  });

  it("checks no candidate of a shard holding fewer than a page before the next shard is read, beyond the few that tell the words are held", async () => {
    // «وقال» has 8 candidates in 2025 (the newest shard), fewer than a page of 9: the 2024
    // shard is read, and ranked with its articles one of 2025's is not on the page.
    const { context, search } = await instrumented();
    const { urls, searches, loaded } = await search("وقال", "relevance", 9);
    await context.close();
    expect(urls).toHaveLength(9);
    expect(urls.some((url) => url.includes("/articles/2024/"))).toBe(true);
    // Loaded and not shown: only the newest shard's best five, which the first search (the
    // words together, in the newest shard) checks to know that the archive holds them.
    for (const [url, id] of loaded) if (!urls.includes(url)) expect(searches[0]).toContain(id);
  });

  it("reads the next older shard beside the checks of a shard holding fewer candidates than a page", async () => {
    const { context, events, search } = await instrumented(1500);
    const { urls } = await search("بغداد", "newest", 2);
    await context.close();
    expect(urls.map((u) => u.split("/")[3])).toEqual(["2025", "2024"]);
    const at = (pattern: RegExp) => events.find((e) => pattern.test(e.what))?.at ?? Number.NaN;
    const olderShard = at(/^request .*\/2024\/pagefind\.[^/]+\.pf_meta$/);
    const firstChecked = at(/^released .*\/2025\/fragment\//);
    // Asked for while the newest shard's candidate was still being checked, not after.
    expect(olderShard).toBeLessThan(firstChecked);
  });
});
