import { mkdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { sourceOf } from "../article-file.ts";
import { listFiles, TEMPORARY_FILE, writeAtomically } from "../files.ts";
import { parseRedirects, REDIRECTS_FILE, serialiseRedirects, withMoves } from "../redirects.ts";
import type { ExistingArticles, Placement } from "./place.ts";
import { type InputReport, inputId } from "./report.ts";

/**
 * The writing stage, the only one that changes content/: one import at a time
 * per folder (a lock), every file written atomically, stale copies removed,
 * moves recorded as redirects. A failure to write is that input's outcome, not
 * the run's end.
 */

/** Another import is writing to the same folder. */
export class FolderLocked extends Error {}

const LOCK = ".nashra-import.lock";

/** Takes the folder's lock, or fails naming the import that holds it; a dead process's lock is taken over. */
export async function lockFolder(outDir: string): Promise<() => Promise<void>> {
  const file = path.join(outDir, LOCK);
  try {
    await mkdir(outDir, { recursive: true });
  } catch {
    // A folder that cannot be made cannot be written: each input will say so.
    return async () => {};
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return () => rm(file, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") return async () => {}; // read-only, full: inputs will say so
      const pid = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new FolderLocked(
          `another import (process ${pid}) is writing to ${outDir}; wait for it to finish, or remove ${file} if it is gone`,
        );
      }
      await rm(file, { force: true }); // left by an import that was killed
    }
  }
  throw new FolderLocked(`could not take the lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Deletes `*.nashra-tmp-PID` files under the folder (only its lock holder writes there). */
export async function removeStaleTemporaryFiles(outDir: string): Promise<string[]> {
  const stale: string[] = [];
  let entries: string[];
  try {
    entries = await listFiles(outDir, { hidden: true });
  } catch {
    return stale;
  }
  for (const rel of entries) {
    if (!TEMPORARY_FILE.test(rel)) continue;
    await rm(path.join(outDir, rel), { force: true });
    stale.push(rel);
  }
  return stale;
}

/**
 * Second files for one source: an untouched one is only a stale copy of the
 * import's own output and goes (its URL redirects to the article); one edited
 * by hand stays, and is reported (the site would show both).
 */
export async function removeStaleCopies(
  outDir: string,
  existing: ExistingArticles,
  taken: Set<string>,
  dryRun: boolean,
): Promise<{ duplicateFiles: string[]; movedFiles: [string, string][] }> {
  const duplicateFiles: string[] = [];
  const movedFiles: [string, string][] = [];
  for (const copy of existing.copies) {
    if (copy.untouched && !dryRun) {
      await rm(path.join(outDir, copy.path), { force: true });
      taken.delete(copy.path);
      await removeEmptyParents(outDir, copy.path);
      // The copy's URL was the article's (a move cut short): it redirects too.
      const id = sourceOf(copy.text);
      const kept = id && existing.bySource.get(inputId(id.file, id.record));
      if (kept) movedFiles.push([copy.path, kept.path]);
    }
    duplicateFiles.push(copy.path);
  }
  return { duplicateFiles, movedFiles };
}

/** Writes a placed article; a move deletes the old file and records the move (old path, new path). */
export async function writePlaced(
  outDir: string,
  report: InputReport,
  text: string,
  placement: Extract<Placement, { action: "write" }>,
  taken: Set<string>,
  movedFiles: [string, string][],
): Promise<void> {
  const { target, previous } = placement;
  try {
    await writeAtomically(insideFolder(outDir, target), text);
  } catch (error) {
    // A full or read-only disk: this input says so, and the others are still tried.
    report.outcome = "rejected";
    report.reason = `not written to ${target}: ${fileSystemError(error)}`;
    delete report.article;
    return;
  }
  if (previous && previous.path !== target) {
    await rm(path.join(outDir, previous.path));
    taken.delete(previous.path);
    await removeEmptyParents(outDir, previous.path);
    movedFiles.push([previous.path, target]);
  }
}

/** Adds this run's moves to the folder's redirects file (scripts/lib/redirects.ts), if anything changes. */
export async function recordMoves(
  outDir: string,
  movedFiles: readonly [string, string][],
  live: ReadonlySet<string>,
): Promise<void> {
  const file = path.join(outDir, REDIRECTS_FILE);
  let before = "";
  try {
    before = await readFile(file, "utf8");
  } catch {
    if (movedFiles.length === 0) return;
  }
  const moves = withMoves(before ? parseRedirects(before) : new Map(), movedFiles, live);
  const after = moves.size > 0 ? serialiseRedirects(moves) : "";
  if (after === before) return;
  if (after) await writeAtomically(file, after);
  else await rm(file, { force: true });
}

/** A path under root; throws if a relative path would leave it (defence in depth: slugs cannot). */
export function insideFolder(root: string, rel: string): string {
  const base = path.resolve(root);
  const full = path.resolve(base, rel);
  if (!full.startsWith(base + path.sep))
    throw new Error(`refusing to write outside ${root}: ${rel}`);
  return full;
}

/** A file-system failure in a reader's words: «no space left on the disk (ENOSPC)». */
export function fileSystemError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    ENOSPC: "no space left on the disk",
    EROFS: "the file system is read-only",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOTDIR: "a part of the path is a file, not a folder",
    EISDIR: "a folder is in the way",
    EDQUOT: "disk quota exceeded",
  };
  return e.code
    ? `${words[e.code] ?? e.message.split("\n")[0]} (${e.code})`
    : String(e.message ?? e);
}

async function removeEmptyParents(root: string, rel: string): Promise<void> {
  let dir = path.posix.dirname(rel);
  while (dir !== "." && dir !== "") {
    try {
      await rmdir(path.join(root, dir));
    } catch {
      return; // not empty
    }
    dir = path.posix.dirname(dir);
  }
}
