import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { loadArchive } from "../../scripts/lib/site/load.ts";
import { PAGE_KINDS } from "../../scripts/lib/site/page-kinds/index.ts";
import { SAMPLE_PAGES } from "../helpers/sample-pages.ts";

describe("the registry of page kinds", () => {
  it("gives every kind pages in the sample archive, and one of them a sample page the browser checks look at", async () => {
    const archive = await loadArchive(path.join(repoRoot, "content/articles"), 20);
    const sampled = new Set(SAMPLE_PAGES.map((p) => decodeURI(p.url.replace(/\?.*$/, ""))));
    for (const kind of PAGE_KINDS) {
      const urls = (archive.pages[kind.name] as { url: string }[]).map((p) => p.url);
      expect(urls.length, kind.name).toBeGreaterThan(0);
      expect(
        urls.some((u) => sampled.has(u)),
        `${kind.name}: add one of its pages to test/helpers/sample-pages.ts`,
      ).toBe(true);
    }
  });

  it("lists each page once in the sitemap, kind by kind", async () => {
    const archive = await loadArchive(path.join(repoRoot, "content/articles"), 20);
    const entries = archive.pageEntries().map((e) => e.url);
    expect(new Set(entries).size).toBe(entries.length);
    const total = PAGE_KINDS.reduce(
      (n, kind) => n + (archive.pages[kind.name] as unknown[]).length,
      0,
    );
    expect(entries).toHaveLength(total);
    expect(entries[0]).toBe("/");
  });
});
