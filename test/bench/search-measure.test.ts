import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kindOfFile, servedCompressed } from "../../scripts/lib/bench/search.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("the benchmark's breakdown of a search's bytes", () => {
  it("tells Pagefind's metadata, index chunks, fragments, filters and code from the page's own files", () => {
    const at = (p: string) => kindOfFile(`http://127.0.0.1:8080${p}`);
    expect(at("/pagefind/2016-2021/pagefind.und_a58513186d4.pf_meta")).toBe("metadata");
    expect(at("/archive/pagefind/2026/index/und_313df07.pf_index")).toBe("index");
    expect(at("/pagefind/undated/fragment/und_8b26e76.pf_fragment")).toBe("fragments");
    expect(at("/pagefind/2026/filter/und_e3aa7f5.pf_filter")).toBe("filters");
    expect(at("/pagefind/2026/wasm.unknown.pagefind")).toBe("code");
    expect(at("/pagefind/2026/pagefind.js")).toBe("code");
    expect(at("/pagefind/2026/pagefind-entry.json?ts=1")).toBe("other");
    expect(at("/search/?q=%D8%A8")).toBe("page");
    expect(at("/assets/search.js")).toBe("page");
  });

  it("counts text files as a compressing host sends them, and Pagefind's compressed files as they are", () => {
    const site = tempDir();
    const script = "const searchWords = ['بغداد', 'القاهرة'];\n".repeat(200);
    mkdirSync(path.join(site, "assets"), { recursive: true });
    mkdirSync(path.join(site, "search"), { recursive: true });
    writeFileSync(path.join(site, "assets", "search.js"), script);
    writeFileSync(path.join(site, "search", "index.html"), `<p>${script}</p>`);
    const url = (p: string) => `http://127.0.0.1:8080${p}`;
    const sent = servedCompressed(site, url("/assets/search.js"), Buffer.byteLength(script));
    expect(sent).toBeLessThan(Buffer.byteLength(script) / 10);
    // A folder's URL is its index.html, whatever its query.
    expect(servedCompressed(site, url("/search/?q=%D8%A8"), 99_999)).toBeLessThan(1000);
    expect(servedCompressed(site, url("/pagefind/x/fragment/und_1.pf_fragment"), 2600)).toBe(2600);
    // A text file the folder does not have: as it was sent.
    expect(servedCompressed(site, url("/missing.js"), 1234)).toBe(1234);
  });
});
