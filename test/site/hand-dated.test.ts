import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ShardInfo, shardsToSearch } from "../../scripts/browser/search-client.ts";
import { buildFixtureSite } from "../helpers/site.ts";

describe("an article in undated/ given a date by hand", () => {
  it("is searched under its year: the shard that holds it lists that year", async () => {
    const site = await buildFixtureSite(
      {
        "2025/01/dated.md": "---\ntitle: خبر مؤرخ\ndate: 2025-01-05\n---\n\nنص عن الميناء.\n",
        "undated/hand-dated.md":
          "---\ntitle: خبر أرخه محرر\ndate: 2024-05-01\n---\n\nنص عن الميناء في مايو.\n",
      },
      // A shard a year and the undated/ folder apart: its shard's folder says no year.
      { env: { NASHRA_SHARD_MERGE_PAGES: "0" } },
    );
    const { shards } = JSON.parse(
      readFileSync(path.join(site.output, "pagefind", "shards.json"), "utf8"),
    ) as { shards: ShardInfo[] };
    const holding = shards.find((s) => s.id.startsWith("undated"));
    expect(holding?.years).toContain("2024");
    // The search page reads that shard for ?year=2024, and Pagefind's year filter picks the article.
    expect(shardsToSearch(shards, { year: "2024" }).map((s) => s.id)).toContain(holding?.id);
    const page = readFileSync(
      path.join(site.output, "articles", "undated", "hand-dated", "index.html"),
      "utf8",
    );
    expect(page).toMatch(/data-pagefind-filter="[^"]*year:2024/);
  });
});
