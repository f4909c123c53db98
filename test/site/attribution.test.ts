import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixtureSite } from "../helpers/site.ts";

const article = (title: string, source: string) =>
  `---\ntitle: ${title}\ndate: 2025-03-01\nsource:\n${source}\n---\n\nنص الخبر.\n`;

describe("an article's source on its page", () => {
  it("is the source's name, linked when its address is known, and never an internal file name", async () => {
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
    expect(page("linked")).toMatch(
      /<p class="source">المصدر: <a href="https:\/\/example\.org\/news\/1"[^>]*>جريدة الصباح<\/a><\/p>/,
    );
  });
});
