import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type StaticServer, serveStatic } from "../../scripts/lib/static-server.ts";
import { launchChromium } from "../helpers/browser.ts";
import { htmlFiles } from "../helpers/links.ts";

/**
 * The page budget of an article with its photo, as a phone loads it: headless
 * Chromium at a phone's width and pixel density, every response weighed as a
 * host sends it (text gzipped, images as they are).
 *
 * The budget (docs/site-and-search.md#photos): an article page with its lead
 * photo transfers at most 150 KB to a 390 px phone at 2× — HTML, CSS and the
 * photo in the width the phone needs, nothing else.
 */
const PHOTO_PAGE_BUDGET = 150 * 1024;

const site = inject("rootSite");
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(site);
  browser = await launchChromium();
});
afterAll(async () => {
  await server?.close();
});

const TEXT = /^(?:text\/|application\/(?:javascript|json|xml))/;

/** What a phone downloads for a page: each response's URL, type and size as a host sends it. */
async function load(url: string, viewport: { width: number; height: number }, scale: number) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: scale, isMobile: true });
  const page = await context.newPage();
  const responses: { url: string; type: string; bytes: number }[] = [];
  page.on("response", async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    const type = response.headers()["content-type"] ?? "";
    responses.push({
      url: response.url(),
      type,
      bytes: TEXT.test(type) ? gzipSync(body).length : body.length,
    });
  });
  await page.goto(server.origin + encodeURI(url), { waitUntil: "networkidle" });
  const lead = await page.evaluate(() => {
    const img = document.querySelector<HTMLImageElement>(".lead-image img");
    return img ? { src: img.currentSrc, shown: img.getBoundingClientRect().width } : null;
  });
  await context.close();
  return { responses, lead, total: responses.reduce((n, r) => n + r.bytes, 0) };
}

describe("an article with its photo, on a phone", () => {
  const withPhoto = htmlFiles(site).find(
    (f) =>
      f.startsWith("articles/") &&
      readFileSync(path.join(site, f), "utf8").includes('class="lead-image"'),
  );
  const url = `/${withPhoto?.replace(/index\.html$/, "")}`;

  it("the sample archive has one", () => {
    expect(withPhoto).toBeDefined();
  });

  it.each([
    [{ width: 390, height: 844 }, 2, 960],
    [{ width: 360, height: 740 }, 1, 480],
  ])(
    "at %o, %i×: the photo in AVIF at the width the screen needs, within the budget",
    async (viewport, scale, width) => {
      const { responses, lead, total } = await load(url, viewport, scale);
      expect(lead?.src).toMatch(new RegExp(`-${width}\\.avif$`));
      // As wide as the screen needs (its CSS width times its density), not wider than the next step.
      expect(width).toBeGreaterThanOrEqual((lead?.shown ?? 0) * scale);
      // One photo is fetched, the one shown; nothing else but the page and its stylesheet.
      const images = responses.filter(
        (r) => r.type.startsWith("image/") && !r.url.endsWith(".svg"),
      );
      expect(images.map((r) => r.url)).toEqual([lead?.src]);
      expect(total).toBeLessThanOrEqual(PHOTO_PAGE_BUDGET);
      console.info(
        `[budget] ${viewport.width}px ${scale}x: ${(total / 1024).toFixed(1)} KB transferred (${responses
          .map(
            (r) =>
              `${r.url.replace(server.origin, "").slice(-40)} ${(r.bytes / 1024).toFixed(1)} KB`,
          )
          .join(", ")})`,
      );
    },
  );
});
