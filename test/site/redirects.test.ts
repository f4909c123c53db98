import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runImport } from "../../scripts/lib/import/run.ts";
import { parseRedirects, serialiseRedirects, withMoves } from "../../scripts/lib/redirects.ts";
import { pipelineContext } from "../helpers/context.ts";
import { buildFixtureSite } from "../helpers/site.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("moved articles", () => {
  it("record moves as chains that end where the article lives, and drop a path an article has again", () => {
    const live = new Set(["2025/11/c.md", "undated/b.md"]);
    const moves = withMoves(
      new Map([["undated/a.md", "2025/10/a.md"]]),
      [
        ["2025/10/a.md", "2025/11/c.md"],
        ["2024/01/b.md", "undated/b.md"],
        ["undated/b.md", "2025/01/b.md"],
      ],
      live,
    );
    expect([...moves]).toEqual([
      ["undated/a.md", "2025/11/c.md"],
      ["2025/10/a.md", "2025/11/c.md"],
      ["2024/01/b.md", "2025/01/b.md"],
    ]);
    expect(parseRedirects(serialiseRedirects(moves))).toEqual(moves);
  });

  it("keep their old URL working: the import records the move, the build makes a redirect page and _redirects", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "articles");
    mkdirSync(raw);
    const text = (date?: string) =>
      [
        "وفد وزاري في الموصل",
        "",
        ...(date ? [date, ""] : []),
        "وصل وفد وزاري إلى الموصل صباح اليوم لبحث مشاريع إعادة الإعمار.",
        "",
      ].join("\n");
    writeFileSync(path.join(raw, "a.txt"), text());
    await runImport({ ...pipelineContext(), inDir: raw, outDir: out });
    writeFileSync(path.join(raw, "a.txt"), text("2025-11-16"));
    await runImport({ ...pipelineContext(), inDir: raw, outDir: out });
    const redirects = readFileSync(path.join(out, "redirects.yaml"), "utf8");
    expect(redirects).toContain("undated/وفد-وزاري-في-الموصل.md: 2025/11/وفد-وزاري-في-الموصل.md");

    const files: Record<string, string> = {};
    for (const rel of readdirSync(out, { recursive: true }).map(String))
      if (/\.(md|yaml)$/.test(rel)) files[rel] = readFileSync(path.join(out, rel), "utf8");
    const site = await buildFixtureSite(files, { pathPrefix: "/archive/" });
    const old = readFileSync(
      path.join(site.output, "articles/undated/وفد-وزاري-في-الموصل/index.html"),
      "utf8",
    );
    expect(old).toContain(
      '<meta http-equiv="refresh" content="0; url=/archive/articles/2025/11/وفد-وزاري-في-الموصل/">',
    );
    expect(old).toMatch(
      /<link rel="canonical" href="https:\/\/[^"]+\/archive\/articles\/2025\/11\//,
    );
    expect(readFileSync(path.join(site.output, "_redirects"), "utf8")).toBe(
      `${encodeURI("/archive/articles/undated/وفد-وزاري-في-الموصل/")} ${encodeURI("/archive/articles/2025/11/وفد-وزاري-في-الموصل/")} 301\n`,
    );
  });
});
