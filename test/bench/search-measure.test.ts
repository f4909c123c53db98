import { describe, expect, it } from "vitest";
import { kindOfFile } from "../../scripts/lib/bench/search.ts";

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
});
