import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileStamp, readFileStamped } from "../../scripts/lib/files.ts";
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
