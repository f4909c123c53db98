import { describe, expect, it } from "vitest";
import { articleList } from "../../layouts/components.ts";
import config from "../../nashra.config.ts";
import { Archive } from "../../scripts/lib/site/archive.ts";
import { Site } from "../../scripts/lib/site/site.ts";
import { archiveArticle } from "../helpers/articles.ts";

const siteAt = (pathPrefix: string, lang: "ar" | "en" = "ar") =>
  new Site({ ...config, site: { ...config.site, pathPrefix, lang }, dates: { hijri: false } });

describe("an article list", () => {
  const listed = archiveArticle("2025/03/a.md", {
    title: "خبر <أول>",
    date: "2025-03-01",
    tags: ["بغداد"],
    excerpt: "نص الخبر",
  });
  const other = archiveArticle("2025/03/b.md", { title: "خبر آخر", date: "2025-03-02" });
  const archive = new Archive([listed, other], 20);

  it("shows an article the same on every listing of a site, as that site and archive link it", () => {
    const root = siteAt("/");
    const once = articleList(root, archive, [listed, other]).value;
    // The same article on another listing of the same build: the same item.
    expect(articleList(root, archive, [listed]).value).toBe(
      once.replace(/<li[\s\S]*?<\/li>\n/g, (item) => (item.includes("خبر آخر") ? "" : item)),
    );
    expect(once).toContain('<h2><a href="/articles/2025/03/a/">خبر &lt;أول&gt;</a></h2>');
    expect(once).toMatch(/<bdi><a href="\/tags\/[^"]+\/">بغداد<\/a><\/bdi>/);

    // Another archive, where the tag has no page: its name, not a link to nowhere.
    const without = new Archive([other], 20);
    expect(articleList(root, without, [listed]).value).toContain("<bdi>بغداد</bdi>");

    // Another site in the same process (a sub-path, another interface language):
    // its own links and labels, not the first site's item again.
    const sub = articleList(siteAt("/news/"), archive, [listed]).value;
    expect(sub).toContain('<h2><a href="/news/articles/2025/03/a/">');
    expect(sub).toMatch(/<bdi><a href="\/news\/tags\/[^"]+\/">بغداد<\/a><\/bdi>/);
    const english = articleList(siteAt("/", "en"), archive, [listed]).value;
    expect(english).toContain(">Saturday, March 1, 2025</time>");
    expect(english).toContain(' lang="ar" dir="rtl"');
  });
});
