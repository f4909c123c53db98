import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(prefix = "nashra-", base = os.tmpdir()): string {
  const dir = mkdtempSync(path.join(base, prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A fresh temporary folder on a file system that lists a folder's entries in
 * the order they were made (tmpfs: /dev/shm on Linux), where one exists; else
 * as tempDir. On such a file system, a tool that walks a folder (Pagefind)
 * meets files in the order they were written: what ext4 (listing by a hash of
 * the names) hides.
 */
export function tempDirListedInOrderMade(prefix = "nashra-"): string {
  return tempDir(prefix, existsSync(IN_ORDER_MADE) ? IN_ORDER_MADE : os.tmpdir());
}
const IN_ORDER_MADE = "/dev/shm";

/** Writes a file under `root` (a path relative to it, "/"-separated), its folders made first. */
export function fileWriter(root: string): (rel: string, text: string) => void {
  return (rel, text) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
}
