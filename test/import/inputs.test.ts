import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { identifyDumps, readInputFolder } from "../../scripts/lib/import/inputs.ts";

describe("identifying dumps", () => {
  it("reads only the dumps not known from the last run, and lists all in the dumps' order", async () => {
    const read: string[] = [];
    const load = async (file: string) => {
      read.push(file);
      return { file, bytes: new TextEncoder().encode(`نص ${file}`) };
    };
    const known = (file: string) =>
      file === "b.txt" ? { input: "from-the-cache", group: "folder:x" } : undefined;
    const info = await identifyDumps(["a.txt", "b.txt", "c.txt"], load, known);
    expect(read).toEqual(["a.txt", "c.txt"]);
    expect([...info.keys()]).toEqual(["a.txt", "b.txt", "c.txt"]);
    expect(info.get("b.txt")).toEqual({ input: "from-the-cache", group: "folder:x" });
    expect(info.get("a.txt")?.input).not.toBe(info.get("c.txt")?.input);
  });
});

describe("a dump's text kept with it between the passes", () => {
  it("stays with a dump the folder holds, and with no other copy of it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nashra-held-"));
    writeFileSync(path.join(dir, "a.txt"), "خبر");
    const folder = await readInputFolder(dir);
    const held = await folder.loadDump("a.txt");
    const copy = { ...held };
    const decoded = { text: "خبر", encoding: "utf-8" };
    folder.keepDecoded(copy, decoded);
    expect(copy.decoded).toBeUndefined();
    folder.keepDecoded(held, decoded);
    // Extraction loads the same dump: its text comes with it.
    expect((await folder.loadDump("a.txt")).decoded).toBe(decoded);
    folder.release();
    expect((await folder.loadDump("a.txt")).decoded).toBeUndefined();
  });
});
