import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { identifyDumps, readInputFolder } from "../../scripts/lib/import/inputs.ts";
import { tempDir } from "../helpers/tmp.ts";

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
    const dir = tempDir();
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

  it("holds a dump's bytes whatever the text kept, each up to its own budget", async () => {
    const dir = tempDir();
    for (const name of ["a.txt", "b.txt", "c.txt"]) writeFileSync(path.join(dir, name), "خبر");
    // Room for the bytes of two dumps (6 bytes each), and for one text of three letters.
    const folder = await readInputFolder(dir, Date.now(), { bytes: 12, text: 6 });
    const a = await folder.loadDump("a.txt");
    const text = (t: string) => ({ text: t, encoding: "utf-8" });
    folder.keepDecoded(a, text("خبر"));
    const b = await folder.loadDump("b.txt");
    folder.keepDecoded(b, text("خبر"));
    expect([a.decoded?.text, b.decoded?.text]).toEqual(["خبر", undefined]);
    // Both dumps held (the same dump at every load), the third past the budget (read again).
    expect(await folder.loadDump("b.txt")).toBe(b);
    expect(await folder.loadDump("c.txt")).not.toBe(await folder.loadDump("c.txt"));
  });
});
