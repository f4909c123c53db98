import {
  type BigIntStats,
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { threadId } from "node:worker_threads";

/**
 * File and ordering helpers shared by the importer, the site build, search
 * indexing, the review summary and the benchmark: below all of them, so none
 * of them loads another's code to list a folder.
 */

/** Code-unit order: the same on every machine, whatever its locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Files under a folder, relative, "/"-separated, sorted; hidden files and
 * folders are not inputs (unless asked for). A folder at a time: Node 20's
 * `readdir(…, { recursive: true })` stats every entry again, and took 215–232 ms
 * on the benchmark's 10,400 articles, this 40–59 ms.
 */
export async function listFiles(
  root: string,
  options: { hidden?: boolean } = {},
): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith(".") && !options.hidden) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.push(child);
    }
  }
  await walk("");
  return out.sort(compareStrings);
}

/**
 * A temporary file writeAtomically leaves when the process is killed midway:
 * `<target>.nashra-tmp-PID`, or `…-PID-THREAD` when a worker thread wrote it.
 */
export const TEMPORARY_FILE = /\.nashra-tmp-\d+(?:-\d+)?$/;

/** Write to a temporary file beside the target, then rename: readers never see half a file. */
export async function writeAtomically(file: string, text: string | Uint8Array): Promise<void> {
  writeAtomicallySync(file, text);
}

// Folders made (or found) by this process: a folder is made once, not before each of its files.
const madeFolders = new Set<string>();

/**
 * writeAtomically without the promise: an import writes thousands of small
 * files one after another, and a synchronous write of a few kilobytes costs
 * less than the round trip through the thread pool around an async one.
 */
export function writeAtomicallySync(file: string, text: string | Uint8Array, again = false): void {
  const resolved = path.resolve(file);
  const folder = path.dirname(resolved);
  if (again || !madeFolders.has(folder)) {
    mkdirSync(folder, { recursive: true });
    madeFolders.add(folder);
  }
  // A name of this thread's own: threads of one process (a test runner's, the import's workers)
  // may write the same file at once, and none may rename another's half-written file.
  const tmp = `${resolved}.nashra-tmp-${process.pid}${threadId === 0 ? "" : `-${threadId}`}`;
  try {
    writeFileSync(tmp, text, "utf8");
    faultPoint("before-rename");
    renameSync(tmp, resolved);
    faultPoint("after-rename");
  } catch (error) {
    rmSync(tmp, { force: true });
    // A folder removed since (an emptied month, a test's temporary folder) is made again.
    if (!again && (error as NodeJS.ErrnoException).code === "ENOENT" && madeFolders.has(folder)) {
      writeAtomicallySync(file, text, true);
      return;
    }
    throw error;
  }
}

/**
 * Fault injection for the tests that kill an import midway:
 * NASHRA_FAULT=N:before-rename (or N:after-rename) kills this process with
 * SIGKILL at that point of its Nth file write. Unset, it does nothing.
 */
const FAULT = /^(\d+):(before-rename|after-rename)$/.exec(process.env.NASHRA_FAULT ?? "");
let writes = 0;
function faultPoint(point: "before-rename" | "after-rename"): void {
  if (!FAULT) return;
  if (point === "before-rename") writes++;
  if (FAULT[2] === point && writes === Number(FAULT[1])) process.kill(process.pid, "SIGKILL");
}

/** A text file as read: its text, the SHA-1 of it (base64url), and its stamp (fileStamp) from before the read. */
export interface ReadSource {
  text: string;
  hash: string;
  stamp: string;
}

/**
 * What says a file is the one read last time without reading it: its size,
 * inode and change time (which any write moves, and no one sets by hand),
 * as git's index and make trust them. Its hash is kept with what was read from it, for
 * page keys and search; a file written again with the same text (a checkout) is read
 * once and hashes the same. 10,000 files: stat in 0.1 s, read and hash in 0.5 s.
 *
 * File times move in coarse ticks: a file changed in the last seconds could
 * be written again, at the same size, within the same tick after this read
 * (git's "racy" files). Such a file gets no stamp (""): it is read next time.
 */
export function fileStamp(file: string, now: number): string {
  return stampOf(statSync(file, { bigint: true }), now);
}

function stampOf(s: BigIntStats, now: number): string {
  if (Number(s.ctimeNs / 1_000_000n) > now - RACY_MS) return "";
  return `${s.size}:${s.ino}:${s.ctimeNs}:${s.mtimeNs}`;
}

/**
 * A file's bytes with its stamp (fileStamp) as it was when it was opened, for
 * the stat a read makes anyway: a file changed while it is read has a stamp
 * older than its bytes, and is read again next time.
 */
export function readFileStamped(file: string, now: number): { bytes: Buffer; stamp: string } {
  const fd = openSync(file, "r");
  try {
    const s = fstatSync(fd, { bigint: true });
    // readFileSync's limit, and its words: no buffer of gigabytes for a dump.
    if (s.size > MAX_READ_BYTES)
      throw new RangeError(`File size (${s.size}) is greater than 2 GiB`);
    // The bytes the file had when it was opened (as readFileSync reads them): one that
    // grows meanwhile has another stamp next time, and is read again then.
    const bytes = Buffer.allocUnsafe(Number(s.size));
    let filled = 0;
    while (filled < bytes.length) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return {
      bytes: filled < bytes.length ? bytes.subarray(0, filled) : bytes,
      stamp: stampOf(s, now),
    };
  } finally {
    closeSync(fd);
  }
}
const RACY_MS = 3000;
const MAX_READ_BYTES = 2n ** 31n - 1n;

/**
 * Whether a cache of many files' facts (fileStamp) is worth writing again after a
 * run that found `changed` of its `total` files new, changed or gone: when at
 * least a tenth did. Writing the archive's cache costs about what reading a
 * tenth of its files again does (10,000 articles: 0.2 s in each render part),
 * so a day's hundred new articles are read again by the next builds, until a
 * tenth of the archive is, instead of every update rewriting it whole. (The
 * search vocabulary's cache, whose files cost more to read again and which
 * costs less to write, is written for any change: vocabulary.ts.)
 */
export function worthRewriting(changed: number, total: number): boolean {
  return changed > 0 && changed * 10 >= total;
}
