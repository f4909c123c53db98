import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { indexSite } from "../../scripts/lib/search/index-site.ts";
import { fileWriter, tempDir } from "../helpers/tmp.ts";

/**
 * When the index prepares its shards (their pages written out for Pagefind)
 * and what is left of them when a Pagefind fails. Pagefind here is a script
 * that notes what the cache folder holds when it starts, waits a moment for
 * the other shards' pages, and then runs the real binary (or fails, when
 * told to), set as Pagefind's own npm script is told where its binary is.
 */

const root = tempDir();
const log = path.join(root, "pagefind.log");
const fake = path.join(root, "pagefind");
const real = createRequire(path.join(repoRoot, "package.json")).resolve(
  `@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`,
);
writeFileSync(
  fake,
  `#!/bin/sh
# --site <cache>/<shard>-<hash>.tmp-<pid>-pages: the shards' pages folders beside it, counted
# (the first Pagefind waits up to 3 s for them)
cache=$(dirname "$2")
i=0
[ -s "$FAKE_PAGEFIND_LOG" ] && i=30
n=$(ls -d "$cache"/*-pages 2>/dev/null | wc -l)
while [ $i -lt 30 ]; do
  n=$(ls -d "$cache"/*-pages 2>/dev/null | wc -l)
  [ "$n" -ge "$FAKE_PAGEFIND_WAIT_FOR" ] && break
  sleep 0.1
  i=$((i + 1))
done
echo "$n" >> "$FAKE_PAGEFIND_LOG"
[ -n "$FAKE_PAGEFIND_SITES" ] && basename "$2" >> "$FAKE_PAGEFIND_SITES"
if [ -n "$FAKE_PAGEFIND_FAIL" ]; then echo "fake failure" >&2; exit 1; fi
exec "${real}" "$@"
`,
);
chmodSync(fake, 0o755);

beforeAll(() => {
  vi.stubEnv("PAGEFIND_EXTENDED_BINARY_PATH", fake);
  vi.stubEnv("FAKE_PAGEFIND_LOG", log);
  vi.stubEnv("FAKE_PAGEFIND_WAIT_FOR", "3");
  vi.stubEnv("NASHRA_SHARD_MERGE_PAGES", "0"); // a shard a year
});
// Test files share their worker's modules and environment (vitest.config.ts).
afterAll(() => {
  vi.unstubAllEnvs();
});

/** A site of one article page in each of 2020, 2021 and 2022: three shards. */
function threeYears(): { site: string; cacheDir: string } {
  const dir = tempDir();
  const write = fileWriter(path.join(dir, "site"));
  for (const year of ["2020", "2021", "2022"])
    write(
      `articles/${year}/01/news/index.html`,
      `<!doctype html><html lang="ar"><body><article data-pagefind-body data-pagefind-filter="year:${year}"><h1>خبر ${year}</h1><p>انطلق المؤتمر في بغداد</p></article></body></html>`,
    );
  return { site: path.join(dir, "site"), cacheDir: path.join(dir, "cache") };
}

describe("the index's shards", () => {
  it("are all prepared while the first Pagefind runs, not each when a Pagefind is free", async () => {
    writeFileSync(log, "");
    const { site, cacheDir } = threeYears();
    const result = await indexSite(site, { expectedPages: 3, cacheDir, concurrency: 1 });
    expect(result.indexed).toEqual(["2020", "2021", "2022"]);
    // Its own pages and the two other shards': prepared one at a time, each when its Pagefind
    // was free, the first Pagefind would have seen only its own (and waited its 3 s).
    const seen = readFileSync(log, "utf8").trim().split("\n").map(Number);
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBe(3);
    expect(readdirSync(cacheDir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  }, 60_000);

  it("of an update's new articles are indexed before the other article pages' keys have come", async () => {
    writeFileSync(log, "");
    const sites = path.join(root, "sites.log");
    writeFileSync(sites, "");
    vi.stubEnv("FAKE_PAGEFIND_WAIT_FOR", "1");
    vi.stubEnv("FAKE_PAGEFIND_SITES", sites);
    const { site, cacheDir } = threeYears();
    const years = ["2020", "2021", "2022"];
    const keyOf = (year: string) => ({ [`/articles/${year}/01/news/`]: `key ${year}` });
    // The other pages' keys come once a Pagefind has started (or, if none starts without
    // them, after 20 s: the test then fails).
    const started = () => readFileSync(sites, "utf8").trim() !== "";
    let startedBefore = false;
    const allKeys = new Promise<Record<string, string>>((resolve) => {
      const give = () => {
        clearInterval(watch);
        clearTimeout(deadline);
        startedBefore = started();
        resolve(Object.assign({}, ...years.map(keyOf)));
      };
      const watch = setInterval(() => started() && give(), 50);
      const deadline = setTimeout(give, 20_000);
    });
    try {
      const result = await indexSite(site, {
        expectedPages: 3,
        cacheDir,
        concurrency: 1,
        staged: {
          pages: years.map((y) => `articles/${y}/01/news/index.html`),
          first: new Set(["2021"]),
          firstKeys: Promise.resolve(keyOf("2021")),
          allKeys,
        },
      });
      expect(startedBefore).toBe(true);
      expect(readFileSync(sites, "utf8").split("\n")[0]).toMatch(/^2021-/);
      expect(result.indexed).toEqual(years);
      expect(result.pageCount).toBe(3);
    } finally {
      vi.stubEnv("FAKE_PAGEFIND_WAIT_FOR", "3");
      vi.stubEnv("FAKE_PAGEFIND_SITES", "");
    }
  }, 60_000);

  it("leave no pages in the cache when a Pagefind fails, and the failure names its shard", async () => {
    writeFileSync(log, "");
    vi.stubEnv("FAKE_PAGEFIND_FAIL", "1");
    const { site, cacheDir } = threeYears();
    try {
      await expect(indexSite(site, { expectedPages: 3, cacheDir, concurrency: 1 })).rejects.toThrow(
        /^Pagefind \(shard 20(20|21|22)\): fake failure$/,
      );
    } finally {
      vi.stubEnv("FAKE_PAGEFIND_FAIL", "");
    }
    // One Pagefind ran (the others were not started), once every shard was prepared.
    expect(readFileSync(log, "utf8").trim().split("\n").map(Number)).toEqual([3]);
    expect(readdirSync(cacheDir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  }, 60_000);
});
