import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { viaTsx } from "./command.ts";
import { tempDir } from "./tmp.ts";

const run = promisify(execFile);

export interface BuiltSite {
  root: string;
  content: string;
  output: string;
  stdout: string;
}

/** The repository's page templates in another content folder: linked, so their imports resolve in the repository. */
export function linkTemplates(from: string, to: string): void {
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

/** Settings a developer may have in the environment, cleared for a build or import a test runs. */
export const DEVELOPER_SETTINGS_CLEARED: Record<string, string> = {
  NASHRA_PATH_PREFIX: "",
  NASHRA_BASE_URL: "",
  NASHRA_LANG: "",
  NASHRA_CONTENT_DIR: "",
  NASHRA_OUTPUT_DIR: "",
  NASHRA_SHARD_MERGE_PAGES: "",
  NASHRA_FAULT: "",
};

/**
 * `scripts/build.ts` with these arguments, as a separate process, its output
 * returned. Settings a developer may have in the environment (path prefix,
 * base URL, language, folders, shard size) are cleared; `env` sets the ones wanted.
 */
export async function runBuild(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run(...viaTsx(["scripts/build.ts", ...args]), {
    cwd: repoRoot,
    env: { ...process.env, ...DEVELOPER_SETTINGS_CLEARED, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/**
 * Builds a site with the repository's templates and other articles (path
 * under content/articles → markdown), through the real build command, into a
 * new temporary folder.
 */
export async function buildSiteWith(
  articles: Record<string, string>,
  options: {
    pathPrefix?: string;
    baseUrl?: string;
    root?: string;
    /** Other files of the content folder (path under content/ → bytes): photos under media/. */
    files?: Record<string, Uint8Array>;
    /** Settings for the build (NASHRA_SHARD_MERGE_PAGES…). */
    env?: Record<string, string>;
  } = {},
): Promise<BuiltSite> {
  const root = options.root ?? tempDir("nashra-site-");
  const content = path.join(root, "content");
  const output = path.join(root, "_site");
  linkTemplates(path.join(repoRoot, "content"), content);
  for (const [rel, text] of Object.entries(articles)) {
    const file = path.join(content, "articles", rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  for (const [rel, bytes] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(content, rel)), { recursive: true });
    writeFileSync(path.join(content, rel), bytes);
  }
  const args = ["--input", content, "--output", output];
  if (options.pathPrefix) args.push("--path-prefix", options.pathPrefix);
  if (options.baseUrl) args.push("--base-url", options.baseUrl);
  const stdout = await runBuild(args, options.env);
  return { root, content, output, stdout };
}
