import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixtureSite } from "../helpers/site.ts";

const article = (title: string, source: string) =>
  `---\ntitle: ${title}\ndate: 2025-03-01\ntags: [بغداد]\nsource:\n${source}\n---\n\nنص الخبر.\n`;

describe("an article page", () => {
  it("names the source as readers know it, never an internal file name, under a trail that ends at its day", async () => {
    const site = await buildFixtureSite({
      "2025/03/bare.md": article("خبر بلا مصدر معروف", "  file: 016_basra_gas_total.txt"),
      "2025/03/named.md": article(
        "خبر من وكالة",
        "  file: 017_agency.txt\n  name: وكالة الأنباء الوطنية",
      ),
      "2025/03/linked.md": article(
        "خبر له رابط",
        "  file: 018_linked.txt\n  name: جريدة الصباح\n  url: https://example.org/news/1",
      ),
    });
    const page = (slug: string) =>
      readFileSync(path.join(site.output, "articles/2025/03", slug, "index.html"), "utf8");
    expect(page("bare")).not.toContain("016_basra_gas_total");
    expect(page("bare")).not.toContain('class="source"');
    expect(page("named")).toContain('<p class="source">المصدر: وكالة الأنباء الوطنية</p>');
    expect(page("named")).not.toContain("017_agency");
    // The trail leads to the article's day; the headline is the <h1>, not a crumb again.
    const trail = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(page("named"))?.[0] ?? "";
    expect(trail).not.toContain("خبر من وكالة");
    expect(trail).not.toContain("aria-current");
    expect(trail).toMatch(/<li><a href="\/archive\/2025\/03\/01\/">[^<]+<\/a><\/li>\s*<\/ol>/);
    // Listings show each article's lead under its headline.
    const day = readFileSync(path.join(site.output, "archive/2025/03/01/index.html"), "utf8");
    expect(day.match(/<p class="excerpt">نص الخبر\.<\/p>/g)?.length).toBe(3);
    // …and its tags as links to their pages.
    expect(day).toMatch(
      /<p class="meta">[^\n]*<bdi><a href="\/tags\/[^"]+\/">بغداد<\/a><\/bdi><\/p>/,
    );
    expect(page("linked")).toMatch(
      /<p class="source">المصدر: <a href="https:\/\/example\.org\/news\/1"[^>]*>جريدة الصباح<\/a><\/p>/,
    );
  });
});
