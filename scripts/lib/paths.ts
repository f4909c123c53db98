import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository's top folder, wherever a command is started from: the
 * nearest folder above this module that holds the site's configuration. (This
 * module also runs from a bundle of the code, code-bundle.js, written elsewhere
 * in the repository.)
 */
export const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (
      existsSync(path.join(dir, "nashra.config.ts")) &&
      existsSync(path.join(dir, "package.json"))
    )
      return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`no repository (nashra.config.ts) above ${from}`);
  }
}

/** Whether one folder is the other or holds it (paths resolved first). */
function overlaps(a: string, b: string): boolean {
  const [x, y] = [path.resolve(a), path.resolve(b)];
  const inside = (p: string, q: string) =>
    p === q || p.startsWith(q.endsWith(path.sep) ? q : q + path.sep);
  return inside(x, y) || inside(y, x);
}

/**
 * Why a build may not write (and first empty) a folder: it is, holds or lies in
 * a folder of sources — the repository itself, the articles, the raw dumps,
 * the layouts or the code. Undefined when it may.
 */
export function unsafeOutput(output: string, sources: readonly string[]): string | undefined {
  const out = path.resolve(output);
  const root = path.resolve(repoRoot);
  // The repository's folder, a folder above it, or its .git.
  if (root.startsWith(out === path.sep ? out : out + path.sep) || out === root)
    return `${output} is or holds the repository`;
  if (overlaps(output, path.join(repoRoot, ".git"))) return `${output} is in the repository's .git`;
  const clash = sources.find((s) => overlaps(output, s));
  return clash
    ? `${output} would overlap ${path.relative(repoRoot, clash) || clash}, which holds sources`
    : undefined;
}
