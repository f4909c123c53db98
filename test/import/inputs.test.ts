import { describe, expect, it } from "vitest";
import { identifyDumps } from "../../scripts/lib/import/inputs.ts";

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
