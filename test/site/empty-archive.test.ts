import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixtureSite } from "../helpers/site.ts";

describe("an archive with no article yet", () => {
  it("builds: a home page that says so, empty feeds and an empty search index", async () => {
    const site = await buildFixtureSite({});
    const home = readFileSync(path.join(site.output, "index.html"), "utf8");
    expect(home).toContain("لا مقالات هنا بعد");
    expect(readFileSync(path.join(site.output, "feed.xml"), "utf8")).not.toContain("<entry>");
    expect(existsSync(path.join(site.output, "search/index.html"))).toBe(true);
    expect(site.stdout).toMatch(/0 articles in 0 shards/);
  });
});

describe("a build for publishing", () => {
  it("warns while the base URL is still a placeholder, and not once it is set", async () => {
    const placeholder = await buildFixtureSite({});
    expect(placeholder.stdout).toMatch(
      /warning: the base URL is https:\/\/nashra\.example\.org, a placeholder/,
    );
    const published = await buildFixtureSite({}, { baseUrl: "https://archive.news-site.net" });
    expect(published.stdout).not.toContain("warning: the base URL");
  });
});
