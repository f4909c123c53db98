import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { compareStrings } from "./files.ts";
import { repoRoot } from "./paths.ts";

/**
 * Cache keys derived from the code a cache actually depends on: the modules
 * its entry points import, followed import by import through the repository,
 * so that no hand-kept list of files can go stale. A module is found by its
 * static `import … from "./x.ts"` / `export … from` / `import("./x.ts")`
 * specifiers; packages are covered by `package-lock.json`.
 */

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** Every module specifier a TypeScript source imports (statically or by a literal dynamic import), packages included. */
export function specifiersOf(source: string): string[] {
  // Comments may show an import as an example: they are not code.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|\s)\/\/.*$/gm, "$1");
  return [...code.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
}

/** The relative module specifiers a source imports: the repository's own modules. */
export function importsOf(source: string): string[] {
  return specifiersOf(source).filter((spec) => spec.startsWith("."));
}

/**
 * Every repository module reachable from the entry files (paths relative to
 * the repository, "/"-separated), the entries included, sorted.
 */
export function modulesOf(entries: readonly string[], root = repoRoot): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const rel = queue.pop() as string;
    if (seen.has(rel)) continue;
    seen.add(rel);
    const source = readFileSync(path.join(root, rel), "utf8");
    for (const spec of importsOf(source)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
      if (/\.[cm]?[jt]s$/.test(target) && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen].sort(compareStrings);
}

/**
 * A short hash of the modules reachable from the entries, the other files
 * named (data the code reads at run time), and `package-lock.json`: change
 * any of them and the key changes.
 */
export function codeKeyOf(
  entries: readonly string[],
  data: readonly string[] = [],
  root = repoRoot,
): string {
  const hash = createHash("sha256");
  for (const rel of [...modulesOf(entries, root), ...[...data].sort(compareStrings)]) {
    hash.update(`${rel}\n`);
    hash.update(readFileSync(path.join(root, rel)));
  }
  hash.update(readFileSync(path.join(root, "package-lock.json")));
  return hash.digest("hex").slice(0, 16);
}
