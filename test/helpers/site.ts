import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { tempDir } from "./tmp.ts";

const run = promisify(execFile);

export interface BuiltSite {
  root: string;
  content: string;
  output: string;
  stdout: string;
}

function linkTemplates(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) linkTemplates(path.join(from, entry.name), path.join(to, entry.name));
    else if (entry.name.endsWith(".11ty.ts"))
      symlinkSync(path.join(from, entry.name), path.join(to, entry.name));
    // Data files are copied: Eleventy matches directory data by the file's own path.
    else if (!entry.name.endsWith(".md"))
      copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
  }
}

/**
 * Builds a site from the repository's templates and the given article files
 * (path under content/articles → markdown), with the real build command.
 */
export async function buildFixtureSite(
  articles: Record<string, string>,
  options: { pathPrefix?: string } = {},
): Promise<BuiltSite> {
  const root = tempDir("nashra-site-");
  const content = path.join(root, "content");
  const output = path.join(root, "_site");
  // The repository's page templates, linked so that their imports resolve in
  // the repository; none of the repository's own articles.
  linkTemplates(path.join(repoRoot, "content"), content);
  for (const [rel, text] of Object.entries(articles)) {
    const file = path.join(content, "articles", rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const args = ["scripts/build.ts", "--input", content, "--output", output];
  if (options.pathPrefix) args.push("--path-prefix", options.pathPrefix);
  const { stdout } = await run(path.join(repoRoot, "node_modules/.bin/tsx"), args, {
    cwd: repoRoot,
    env: { ...process.env, NASHRA_PATH_PREFIX: "", NASHRA_CONTENT_DIR: "", NASHRA_OUTPUT_DIR: "" },
  });
  return { root, content, output, stdout };
}

/** Builds the repository's own archive (content/) into a temporary folder. */
export async function buildRepositorySite(
  options: { pathPrefix?: string } = {},
): Promise<BuiltSite> {
  const root = tempDir("nashra-repo-site-");
  const output = path.join(root, "_site");
  const args = ["scripts/build.ts", "--output", output];
  if (options.pathPrefix) args.push("--path-prefix", options.pathPrefix);
  const { stdout } = await run(path.join(repoRoot, "node_modules/.bin/tsx"), args, {
    cwd: repoRoot,
    env: { ...process.env, NASHRA_PATH_PREFIX: "", NASHRA_CONTENT_DIR: "", NASHRA_OUTPUT_DIR: "" },
  });
  return { root, content: path.join(repoRoot, "content"), output, stdout };
}
