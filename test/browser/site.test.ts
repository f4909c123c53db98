import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type StaticServer, serveStatic } from "../../scripts/lib/static-server.ts";
import { launchChromium } from "../helpers/browser.ts";

const SPECIMEN_TITLE = "حدث هام طال انتظاره.. العراق يشهد اليوم انسحاب القوات الأمريكية من بغداد";
const SPECIMEN_URL = "/articles/undated/حدث-هام-طال-انتظاره-العراق-يشهد-اليوم-انسحاب-القوات/";

let context: BrowserContext;
let server: StaticServer;

beforeAll(async () => {
  server = await serveStatic(inject("rootSite"));
  // One context for the suite: a page of its own per test, without starting a browser profile each time.
  context = await (await launchChromium()).newContext();
});
afterAll(() => server?.close());

/** Opens a page and collects everything the console and the page report as errors. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("requestfailed", (r) => {
    // A request the page cancelled by navigating away (its favicon, fetched after load, when
    // the reader submits a search at once) is not a failure of the site; any other is.
    const why = r.failure()?.errorText ?? "";
    if (why !== "net::ERR_ABORTED") errors.push(`request failed: ${r.url()} ${why}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(server.origin + encodeURI(path), { waitUntil: "load" });
  return { page, errors };
}

describe("the sample archive in Chromium", () => {
  it("finds the specimen when searching «الامريكية» (no hamza)", async () => {
    const { page, errors } = await open("/search/?q=الامريكية");
    const first = page.locator("#search-results li h2 a").first();
    await first.waitFor({ timeout: 15_000 });
    const titles = await page.locator("#search-results li h2 a").allTextContents();
    expect(titles).toContain(SPECIMEN_TITLE);
    const marks = await page.locator("#search-results mark").allTextContents();
    expect(marks.some((m) => m.includes("الأمريكية"))).toBe(true);
    expect(await page.locator("#search-status").textContent()).toMatch(/نتيجة|نتائج|نتيجتان/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("searches as the reader types, keeps the query in the URL, and follows a result", async () => {
    const { page, errors } = await open("/search/");
    await page.locator("#search-input").fill("انسحاب القوات");
    await page.locator("#search-results li h2 a").first().waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get("q")).toBe("انسحاب القوات");
    await page.locator("#search-results li h2 a", { hasText: SPECIMEN_TITLE }).click();
    await page.waitForURL((url) => decodeURI(url.pathname) === SPECIMEN_URL);
    expect(await page.locator("h1").textContent()).toBe(SPECIMEN_TITLE);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lands on the search page from the header search box of any page", async () => {
    const { page, errors } = await open("/tags/");
    await page.locator("#site-search").fill("بغداد");
    await page.locator("#site-search").press("Enter");
    await page.waitForURL(/\/search\/\?q=/);
    await page.locator("#search-results li").first().waitFor({ timeout: 15_000 });
    expect(await page.locator("#search-input").inputValue()).toBe("بغداد");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lays an article out right to left", async () => {
    const { page, errors } = await open(SPECIMEN_URL);
    const direction = await page
      .locator(".article-body")
      .evaluate((el) => getComputedStyle(el).direction);
    expect(direction).toBe("rtl");
    const english = await open(
      "/articles/2025/07/suez-canal-reports-gradual-return-of-container-ships-as-red/",
    );
    expect(
      await english.page.locator(".article-body").evaluate((el) => getComputedStyle(el).direction),
    ).toBe("ltr");
    expect([...errors, ...english.errors]).toEqual([]);
    await page.close();
    await english.page.close();
  });

  it.each([
    ["home", "/"],
    ["article", SPECIMEN_URL],
    ["tag index", "/tags/"],
    ["tag", "/tags/العراق/"],
    ["date archive", "/archive/"],
    ["year", "/archive/2025/"],
    ["month", "/archive/2025/11/"],
    ["day", "/archive/2025/11/16/"],
    ["undated", "/archive/undated/"],
    ["search", "/search/?q=بغداد"],
    ["404", "/404.html"],
  ])("shows the %s page without a console error or failed request", async (_type, path) => {
    // A tab of its own: a request the previous page left unfinished must not count here.
    const { page, errors } = await open(path);
    // The search page fetches its index and results after the page has loaded.
    if (path.startsWith("/search/")) await page.waitForLoadState("networkidle");
    expect(await page.locator("h1").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
