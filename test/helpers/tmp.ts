import { existsSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
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
  return tempDir(prefix, roomIn(IN_ORDER_MADE) >= ROOM_NEEDED ? IN_ORDER_MADE : os.tmpdir());
}
const IN_ORDER_MADE = "/dev/shm";
/** A container's /dev/shm is 64 MB unless told otherwise: the incremental tests use about 50. */
const ROOM_NEEDED = 256 * 2 ** 20;

/** Bytes free in a folder's file system (0 if there is no such folder). */
function roomIn(dir: string): number {
  if (!existsSync(dir)) return 0;
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize;
}

/** Writes a file under `root` (a path relative to it, "/"-separated), its folders made first. */
export function fileWriter(root: string): (rel: string, text: string) => void {
  return (rel, text) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
}
