import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { en } from "../../layouts/i18n/en.ts";
import { escapeHtml } from "../../scripts/lib/site/html.ts";
import { type StaticServer, serveStatic } from "../../scripts/lib/static-server.ts";
import { launchChromium } from "../helpers/browser.ts";
import { buildFixtureSite } from "../helpers/site.ts";

/** The search page, used as a reader uses it: typing, filtering, sorting, following, going back — by keyboard too. */

let browser: Browser;
/** The reader's browser profile: each test opens its own tab in it. */
let tabs: BrowserContext;
let server: StaticServer;
beforeAll(async () => {
  // A shard per year, so that newest-first and the year filter are seen across shards.
  server = await serveStatic(inject("prefixedSite"), "/archive/");
  browser = await launchChromium();
  tabs = await browser.newContext();
});
afterAll(() => server?.close());

async function open(query = ""): Promise<Page> {
  const page = await tabs.newPage();
  page.on("pageerror", (e) => {
    throw e;
  });
  await page.goto(`${server.origin}/archive/search/${query}`);
  return page;
}

const done = (page: Page) =>
  page.waitForFunction(() =>
    ["done", "idle"].includes(document.getElementById("search")?.dataset.state ?? ""),
  );
const titles = (page: Page) => page.locator("#search-results li h2 a").allTextContents();

/**
 * The search page served with a page of one result (its data-page-size): the
 * sample is too small for a page of twenty to leave a shard unread.
 */
const showingOneResultAPage = (page: Page) =>
  page.route("**/archive/search/*", async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('data-page-size="20"', 'data-page-size="1"');
    await route.fulfill({ response, body });
  });

describe("the search page, under a path prefix", () => {
  it("searches as the reader types, marks the words in the excerpts, and puts the query in the URL", async () => {
    const page = await open();
    await page.locator("#search-input").pressSequentially("بغداد");
    await page.waitForFunction(() => document.getElementById("search")?.dataset.state === "done");
    expect((await titles(page)).length).toBeGreaterThan(1);
    expect(await page.locator("#search-results mark").first().textContent()).toMatch(/بغداد/);
    expect(new URL(page.url()).searchParams.get("q")).toBe("بغداد");
    expect(await page.locator("#search-status").textContent()).toMatch(
      /^(?:نتيجتان|[٠-٩]+ نتائج|[٠-٩]+ نتيجة): «بغداد»$/,
    );
    await page.close();
  });

  it("searches once when the reader types a query and presses Enter", async () => {
    const page = await open();
    await page.evaluate(() => {
      const root = document.getElementById("search") as HTMLElement;
      const seen: string[] = [];
      Object.assign(window, { seenStates: seen });
      new MutationObserver(() => seen.push(root.dataset.state ?? "")).observe(root, {
        attributes: true,
        attributeFilter: ["data-state"],
      });
    });
    await page.locator("#search-input").fill("بغداد");
    await page.locator("#search-input").press("Enter");
    await done(page);
    // Longer than the wait before a search of the words being typed (250 ms).
    await page.waitForTimeout(600);
    const seen = await page.evaluate(
      () => (window as unknown as { seenStates: string[] }).seenStates,
    );
    expect(seen.filter((s) => s === "searching")).toHaveLength(1);
    expect(seen.at(-1)).toBe("done");
    await page.close();
  });

  it("loads Pagefind's WebAssembly once, however many shards it searches", async () => {
    // A fresh profile: nothing cached from the other tests.
    const reader = await browser.newContext();
    const page = await reader.newPage();
    const fetched: string[] = [];
    reader.on("requestfinished", (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${server.origin}/archive/search/?q=بغداد&sort=newest`);
    await done(page);
    const shards = new Set(
      fetched.filter((u) => u.endsWith(".pf_meta")).map((u) => u.split("/").at(-2)),
    );
    expect(shards.size).toBeGreaterThan(2);
    expect(fetched.filter((u) => /\/wasm\.[^/]+\.pagefind$/.test(u))).toHaveLength(1);
    // One index chunk per shard for the one word: the index is not stemmed, so
    // the word's stem is not looked up in a second chunk of every shard.
    const chunks = fetched.filter((u) => u.endsWith(".pf_index"));
    expect(new Set(chunks.map((u) => u.split("/").at(-3))).size).toBe(shards.size);
    expect(chunks).toHaveLength(shards.size);
    // The tag names the filter suggests are not part of a search.
    expect(fetched.filter((u) => u.endsWith("/search/tags.json"))).toEqual([]);
    await reader.close();
  });

  it("suggests the archive's tags in the tag box, loaded when the reader goes to it", async () => {
    const page = await open();
    const options = page.locator("#filter-tags option");
    expect(await options.count()).toBe(0);
    await page.locator("#filter-tag").focus();
    await page.waitForFunction(
      () => (document.getElementById("filter-tags")?.children.length ?? 0) > 0,
    );
    const names = await options.evaluateAll((els) =>
      els.map((el) => (el as HTMLOptionElement).value),
    );
    expect(names).toContain("الموصل");
    expect(new Set(names).size).toBe(names.length);
    await page.close();
  });

  it("shows an article's photo beside its result, loaded from under the prefix", async () => {
    const page = await open("?q=الأقصر");
    await done(page);
    const item = page.locator("#search-results li.with-thumb").first();
    await item.waitFor();
    expect(await item.locator("h2 a").textContent()).toMatch(/الأقصر/);
    const thumb = item.locator(".thumb img");
    expect(await thumb.getAttribute("src")).toMatch(
      /^\/archive\/img\/[0-9a-f]{24}-[0-9a-f]{6}-240\.jpg$/,
    );
    expect(await thumb.getAttribute("alt")).toBe("");
    await thumb.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () =>
        (document.querySelector("#search-results .thumb img") as HTMLImageElement)?.naturalWidth >
        0,
    );
    // Results without a photo have none.
    expect(await page.locator("#search-results li:not(.with-thumb) img").count()).toBe(0);
    await page.close();
  });

  it("filters by tag and sorts newest first, and the choice is in the URL", async () => {
    const page = await open("?q=العراق");
    await done(page);
    const relevance = await titles(page);
    await page.locator("#filter-sort").selectOption("newest");
    await page.waitForURL(/sort=newest/);
    await done(page);
    const newest = await page.locator("#search-results li .meta").allTextContents();
    expect(newest.length).toBe(relevance.length);
    // Dated results come newest first (years read off the displayed dates), undated last.
    const years = newest.map((m) =>
      (m.match(/[٠-٩]{4}/)?.[0] ?? "").replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)),
    );
    const dated = years.filter((y) => y !== "");
    // Years of more than one year must be there to be in order at all.
    expect(new Set(dated).size).toBeGreaterThan(1);
    expect(dated).toEqual([...dated].sort().reverse());
    await page.locator("#filter-tag").fill("الموصل");
    await page.locator("#filter-tag").press("Enter");
    await page.waitForURL(/tag=/);
    await done(page);
    const filtered = await titles(page);
    expect(filtered).toEqual([
      "اليونسكو واليونيسف تطلقان برنامجاً لإعادة تأهيل 120 مدرسة في الموصل ومحافظة نينوى",
    ]);
    expect(decodeURIComponent(page.url())).toContain("tag=الموصل");
    await page.close();
  });

  it("follows a result, and the back button returns to the same search", async () => {
    const page = await open("?q=الامريكية");
    await done(page);
    const first = page.locator("#search-results li h2 a").first();
    const title = await first.textContent();
    await first.click();
    await page.waitForURL(/\/archive\/articles\//);
    expect(await page.locator("h1").textContent()).toBe(title);
    await page.goBack();
    await done(page);
    expect(await page.locator("#search-input").inputValue()).toBe("الامريكية");
    expect(await titles(page)).toContain(title);
    await page.close();
  });

  it("works from the keyboard alone", async () => {
    const page = await open();
    await page.keyboard.press("Tab"); // skip link
    await page.keyboard.press("Tab"); // site title
    for (let i = 0; i < 12; i++) {
      if ((await page.evaluate(() => document.activeElement?.id)) === "search-input") break;
      await page.keyboard.press("Tab");
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-input");
    await page.keyboard.type("الاردن");
    await page.keyboard.press("Enter");
    await done(page);
    expect((await titles(page)).length).toBeGreaterThan(0);
    // Tab from the form reaches the first result link.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.closest("#search-results") !== null))
        break;
    }
    const href = await page.evaluate(
      () => (document.activeElement as HTMLAnchorElement | null)?.href ?? "",
    );
    expect(href).toContain("/archive/articles/");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/archive\/articles\//);
    await page.close();
  });

  it("counts the years it has read while older ones are unread, and reads them for more results", async () => {
    // «بغداد» is in 2025, 2024 and twice undated.
    const page = await tabs.newPage();
    await showingOneResultAPage(page);
    await page.goto(`${server.origin}/archive/search/?q=بغداد&sort=newest`);
    await done(page);
    const status = () => page.locator("#search-status").textContent();
    expect(await titles(page)).toHaveLength(1);
    expect(await status()).toMatch(/^نتيجة واحدة في ٢٠٢٥: «بغداد» — يُبحث في الأقدم/);
    await page.click("#search-more");
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 2);
    expect(await status()).toMatch(/^نتيجتان في ٢٠٢٤–٢٠٢٥: «بغداد» — /);
    for (const shown of [3, 4]) {
      await page.click("#search-more");
      await page.waitForFunction(
        (n) => document.querySelectorAll("#search-results li").length === n,
        shown,
      );
    }
    // Every shard read: the count is the archive's, and there is nothing more.
    expect(await status()).toBe("٤ نتائج: «بغداد»");
    await expect.poll(() => page.locator("#search-more").isHidden()).toBe(true);
    expect(new Set(await titles(page)).size).toBe(4);
    await page.close();
  });

  it("says so when an older shard cannot be read for more results, keeps what it shows, and tries again", async () => {
    const page = await tabs.newPage();
    await showingOneResultAPage(page);
    let offline = true;
    await page.route("**/pagefind/2024/**", (route) =>
      offline ? route.abort("failed") : route.continue(),
    );
    await page.goto(`${server.origin}/archive/search/?q=بغداد&sort=newest`);
    await done(page);
    expect(await titles(page)).toHaveLength(1);
    await page.click("#search-more");
    await expect
      .poll(() => page.locator("#search-status").textContent())
      .toContain("تعذّر تحميل فهرس البحث");
    expect(await titles(page)).toHaveLength(1);
    expect(await page.locator("#search-more").isVisible()).toBe(true);
    offline = false;
    await page.click("#search-more");
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 2);
    expect(await page.locator("#search-status").textContent()).toMatch(/^نتيجتان في ٢٠٢٤–٢٠٢٥/);
    await page.close();
  });

  it("says plainly when a word of the query is nowhere in the archive", async () => {
    const page = await open("?q=بغداد+نيويوركستان");
    await done(page);
    expect(await titles(page)).toEqual([]);
    expect(await page.locator("#search-status").textContent()).toContain("«نيويوركستان»");
    await page.close();
  });

  it("names a missing word as the reader typed it, not as it was folded", async () => {
    const page = await open("?q=مستشفى+نيويوركستانى");
    await done(page);
    const status = await page.locator("#search-status").textContent();
    expect(status).toContain("«نيويوركستانى»");
    expect(status).not.toContain("نيويوركستاني»");
    await page.close();
  });

  it("finds an article by its author's name, however the name is spelt", async () => {
    for (const query of ["محمد الخوالدة", "الخوالده"]) {
      const page = await open(`?q=${encodeURIComponent(query)}`);
      await done(page);
      const titles = await page.locator("#search-results li a").allTextContents();
      expect(titles.join(" "), query).toContain("مزارعو وادي الأردن");
      await page.close();
    }
  });

  it("says so when the index cannot be loaded, instead of searching forever", async () => {
    const page = await tabs.newPage();
    await page.route("**/pagefind/shards.json", (route) => route.abort("failed"));
    await page.goto(`${server.origin}/archive/search/?q=بغداد`);
    await page.waitForFunction(() => document.getElementById("search")?.dataset.state === "error");
    expect(await page.locator("#search-status").textContent()).toContain("تعذّر تحميل فهرس البحث");
    expect(await titles(page)).toEqual([]);
    await page.close();
  });

  it("speaks the configured language: dates, digits, counts and sentences from the page, not always Arabic", async () => {
    const page = await tabs.newPage();
    // The page as a build whose interface is English would write it (layouts/i18n/en.ts).
    await page.route("**/search/?*", async (route) => {
      const response = await route.fetch();
      const body = (await response.text())
        .replace('data-locale="ar"', 'data-locale="en"')
        .replace('data-numbering="arab"', 'data-numbering="latn"')
        .replace(/data-labels="[^"]*"/, `data-labels="${escapeHtml(JSON.stringify(en.script))}"`);
      await route.fulfill({ response, body });
    });
    await page.goto(`${server.origin}/archive/search/?q=بغداد&sort=newest`);
    await done(page);
    const meta = (await page.locator("#search-results li .meta").first().textContent()) ?? "";
    expect(meta).toMatch(
      /(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}/,
    );
    expect(await page.locator("#search-status").textContent()).toMatch(/^\d+ results: “بغداد”$/);
    expect(await page.title()).toBe("بغداد — Search");
    await page.goto(`${server.origin}/archive/search/?q=بغداد+زنجبار`);
    await done(page);
    expect(await page.locator("#search-status").textContent()).toBe(
      "0 results: nothing in the archive has “زنجبار”.",
    );
    await page.close();
  });

  it("folds the filters on a phone, so the first result shows without scrolling, and unfolds them when one is set", async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await phone.goto(`${server.origin}/archive/search/?q=بغداد`);
    await done(phone);
    expect(await phone.locator("#filter-year").isVisible()).toBe(false);
    const first = await phone.locator("#search-results li").first().boundingBox();
    expect(first && first.y + 40).toBeLessThan(740);
    await phone.locator("#search-filters summary").click();
    expect(await phone.locator("#filter-year").isVisible()).toBe(true);
    await phone.goto(`${server.origin}/archive/search/?q=بغداد&year=2025`);
    await done(phone);
    expect(await phone.locator("#filter-year").isVisible()).toBe(true);
    await phone.close();
    // On a wider screen they are always open, with no toggle.
    const page = await open("?q=بغداد");
    await done(page);
    expect(await page.locator("#filter-year").isVisible()).toBe(true);
    expect(await page.locator("#search-filters summary").isVisible()).toBe(false);
    await page.close();
  });

  it("tells readers without JavaScript how else to browse", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}/archive/search/?q=بغداد`);
    expect(await page.locator(".notice").textContent()).toContain("JavaScript");
    expect(await page.locator(".notice a").first().getAttribute("href")).toBe("/archive/archive/");
    await context.close();
  });
});

describe("search excerpts", () => {
  it("show the article's text as the reader sees it on the page: «&lt;script&gt;» stays so, «<b>» stays so", async () => {
    const site = await buildFixtureSite({
      "2025/01/entities.md":
        "---\ntitle: رموز في النص\ndate: 2025-01-05\nlang: ar\ndir: rtl\n---\n\nكتب المحرر الرمز &amp;lt;script&amp;gt; حرفيا ثم الوسم \\<b\\> ثم علامة & في خبر عن الميناء.\n",
    });
    const own = await serveStatic(site.output);
    const page = await tabs.newPage();
    try {
      await page.goto(`${own.origin}/articles/2025/01/entities/`);
      const shown = (await page.locator("article").first().textContent()) ?? "";
      expect(shown).toContain("&lt;script&gt;");
      expect(shown).toContain("<b>");
      await page.goto(`${own.origin}/search/?q=الميناء`);
      await done(page);
      const excerpt = (await page.locator("#search-results .excerpt").first().textContent()) ?? "";
      expect(excerpt).toContain("&lt;script&gt;");
      expect(excerpt).toContain("<b>");
      expect(excerpt).toContain("علامة &");
    } finally {
      await page.close();
      await own.close();
    }
  });
});
