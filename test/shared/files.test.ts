import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareStrings, fileStamp, listFiles, readFileStamped } from "../../scripts/lib/files.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("a file read with its stamp", () => {
  it("has the bytes a plain read gives, whatever its size, and the stamp fileStamp gives", () => {
    const dir = tempDir();
    const later = Date.now() + 60_000;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.integer({ min: 60_000, max: 200_000 }).map((n) => new Uint8Array(n).fill(0xd8)),
        ),
        (bytes) => {
          const file = path.join(dir, "f.bin");
          writeFileSync(file, bytes);
          const read = readFileStamped(file, later);
          expect(read.bytes.equals(readFileSync(file))).toBe(true);
          expect(read.stamp).toBe(fileStamp(file, later));
          expect(read.stamp).not.toBe("");
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses a file over 2 GiB, as readFileSync does, without reading it", () => {
    const file = path.join(tempDir(), "huge.txt");
    writeFileSync(file, "");
    truncateSync(file, 2 ** 31 + 1); // sparse: nothing written
    expect(() => readFileStamped(file, Date.now())).toThrow(/greater than 2 GiB/);
    expect(() => readFileSync(file)).toThrow(/greater than 2 GiB/);
  });

  it("has no stamp when the file changed in the last seconds", () => {
    const file = path.join(tempDir(), "f.txt");
    writeFileSync(file, "نص");
    expect(readFileStamped(file, Date.now()).stamp).toBe("");
  });
});

describe("the files under a folder", () => {
  it("are every file Node's recursive readdir finds, sorted, hidden ones only when asked for", async () => {
    const dir = tempDir();
    for (const rel of [
      "b.md",
      "a/z.md",
      "a/.hidden.md",
      ".git/x",
      "a/b/c/خبر.md",
      "a/b/d.md.nashra-tmp-1",
    ]) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), rel);
    }
    mkdirSync(path.join(dir, "empty"));
    const all = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      .sort(compareStrings);
    expect(await listFiles(dir, { hidden: true })).toEqual(all);
    expect(await listFiles(dir)).toEqual(
      all.filter((f) => !f.split("/").some((part) => part.startsWith("."))),
    );
    expect(await listFiles(dir)).toEqual([
      "a/b/c/خبر.md",
      "a/b/d.md.nashra-tmp-1",
      "a/z.md",
      "b.md",
    ]);
  });
});
