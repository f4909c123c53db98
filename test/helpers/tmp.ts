import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

/** A fresh temporary folder, inside the test run's own (removed when the run ends: temp-root.ts). */
export function tempDir(prefix = "nashra-"): string {
  return mkdtempSync(path.join(runFolder("tempRoot") || os.tmpdir(), prefix));
}

/**
 * The run's folder (temp-root.ts), or "" outside a vitest run: the evaluation
 * scripts (`npm run eval:search`) build their sites with these helpers, and
 * vitest's `inject` throws where vitest is not running.
 */
function runFolder(key: "tempRoot" | "tempRootInOrderMade"): string {
  try {
    return inject(key) ?? "";
  } catch {
    return "";
  }
}

/**
 * A fresh temporary folder on a file system that lists a folder's entries in
 * the order they were made (tmpfs: /dev/shm on Linux), where one has room;
 * else as tempDir. On such a file system, a tool that walks a folder
 * (Pagefind) meets files in the order they were written: what ext4 (listing
 * by a hash of the names) hides.
 */
export function tempDirListedInOrderMade(prefix = "nashra-"): string {
  const inOrderMade = runFolder("tempRootInOrderMade");
  return inOrderMade ? mkdtempSync(path.join(inOrderMade, prefix)) : tempDir(prefix);
}

/** Writes a file under `root` (a path relative to it, "/"-separated), its folders made first. */
export function fileWriter(root: string): (rel: string, text: string) => void {
  return (rel, text) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
}
