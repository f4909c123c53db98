import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import axe from "axe-core";
import { HtmlValidate } from "html-validate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import config from "../../nashra.config.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { type StaticServer, serveStatic } from "../../scripts/lib/static-server.ts";
import { launchChromium } from "../helpers/browser.ts";
import { crawl } from "../helpers/crawl.ts";
import { htmlFiles } from "../helpers/links.ts";
import { SAMPLE_PAGES } from "../helpers/sample-pages.ts";

/**
 * The published sample archive, checked as a reader and a host would see
 * it: served by a real static file server at the root and under a path
 * prefix, crawled link by link, validated, audited for accessibility in
 * Chromium, and weighed.
 */

const PAGE_TYPES = SAMPLE_PAGES.map((p) => [p.type, p.url] as [string, string]);

const root = { output: inject("rootSite") };
const prefixed = { output: inject("prefixedSite") };
let server: StaticServer;
let prefixedServer: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(root.output);
  prefixedServer = await serveStatic(prefixed.output, "/archive/");
  browser = await launchChromium();
});
afterAll(async () => {
  await server?.close();
  await prefixedServer?.close();
});

describe.each([
  ["at the root", "/", () => ({ site: root, server })],
  ["under /archive/", "/archive/", () => ({ site: prefixed, server: prefixedServer })],
])("the sample archive served %s", (_where, prefix, get) => {
  it("has no broken internal link or missing asset, and every page is reachable", async () => {
    const { site, server } = get();
    const result = await crawl(server.origin, prefix, config.site.baseUrl);
    expect(result.broken).toEqual([]);
    const reached = new Set(result.pages.map((p) => decodeURIComponent(p.split("?")[0] as string)));
    const files = htmlFiles(site.output).filter((f) => f !== "404.html");
    const unreached = files.filter((f) => !reached.has(prefix + f.replace(/index\.html$/, "")));
    expect(unreached).toEqual([]);
    // The search bundle, the feeds and the sitemap resolve too.
    const { shards } = JSON.parse(
      readFileSync(path.join(site.output, "pagefind/shards.json"), "utf8"),
    ) as { shards: { path: string }[] };
    // (The sample archive is one shard at the root, a shard a year under /archive/.)
    expect(shards.length).toBeGreaterThan(prefix === "/" ? 0 : 1);
    for (const key of [
      `${prefix}pagefind/shards.json`,
      ...shards.map((s) => `${prefix}${s.path.slice(1)}pagefind.js`),
      `${prefix}assets/search.js`,
      `${prefix}feed.xml`,
      `${prefix}feed.json`,
      `${prefix}assets/site.css`,
    ]) {
      expect(result.statuses.get(key), key).toBe(200);
    }
  });

  it("lists in its sitemap only pages that exist", async () => {
    const { server } = get();
    const sitemap = await (await fetch(`${server.origin}${prefix}sitemap.xml`)).text();
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
    expect(locs.length).toBeGreaterThan(50);
    for (const loc of locs) {
      expect(loc.startsWith(`${config.site.baseUrl}${prefix}`), loc).toBe(true);
      const response = await fetch(server.origin + loc.slice(config.site.baseUrl.length));
      expect(response.status, loc).toBe(200);
    }
  });
});

describe("the sample archive's pages", () => {
  let auditTab: Page | undefined;
  let phoneTab: Page | undefined;
  it("are valid HTML (html-validate, recommended rules)", async () => {
    const validator = new HtmlValidate(
      JSON.parse(readFileSync(path.join(repoRoot, ".htmlvalidate.json"), "utf8")),
    );
    const errors: string[] = [];
    const files = htmlFiles(root.output);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const report = await validator.validateString(
        readFileSync(path.join(root.output, file), "utf8"),
        file,
      );
      for (const m of report.results.flatMap((r) => r.messages))
        errors.push(`${file}:${m.line}: ${m.ruleId} ${m.message}`);
    }
    expect(errors).toEqual([]);
  });

  it("weigh at most 20 KB transferred for an article (HTML and CSS, gzip)", () => {
    const css = gzipSync(readFileSync(path.join(root.output, "assets/site.css"))).length;
    const articles = htmlFiles(root.output).filter((f) => f.startsWith("articles/"));
    const heaviest = Math.max(
      ...articles.map((f) => gzipSync(readFileSync(path.join(root.output, f))).length),
    );
    expect(heaviest + css).toBeLessThanOrEqual(20 * 1024);
  });

  it.each(PAGE_TYPES)(
    "%s: no accessibility violation (axe-core), in light and dark mode",
    async (_type, url) => {
      // One tab goes from page to page; the colour scheme is set on it for each run of axe.
      auditTab ??= await browser.newPage();
      const page = auditTab;
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(server.origin + encodeURI(url), { waitUntil: "load" });
      if (url.startsWith("/search/")) await page.locator("#search-results li").first().waitFor();
      await page.addScriptTag({ content: axe.source });
      // The same page in both schemes: the media query switches the colours, nothing else.
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
          return result.violations.map(
            (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
          );
        });
        expect(violations, colorScheme).toEqual([]);
      }
    },
  );

  it.each(PAGE_TYPES)(
    "%s: fits a 360 px phone without sideways scrolling, and runs a script only if it is the search page",
    async (type, url) => {
      phoneTab ??= await browser.newPage({ viewport: { width: 360, height: 740 } });
      const page = phoneTab;
      // Off the previous page first, so that nothing it still requests is counted here.
      await page.goto("about:blank");
      page.removeAllListeners("request");
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(r.url());
      });
      await page.goto(server.origin + encodeURI(url), { waitUntil: "load" });
      if (type === "search") {
        // Its results are laid out too before the width is measured.
        await page.locator("#search-results li").first().waitFor();
        expect(scripts.some((s) => s.endsWith("/assets/search.js"))).toBe(true);
      } else expect(scripts, type).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    },
  );
});
