import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { hasChromium, missingChromiumMessage } from "../../scripts/lib/chromium.ts";
import { runBuild } from "../helpers/fixture-site.ts";

/**
 * The browser suites look at the same two builds of the sample archive: at
 * the root with the default shards, and under /archive/ with a shard per year
 * (so newest-first and the year filter are seen across shards). They are built
 * once per run, here, before the suites start, and removed after.
 */

declare module "vitest" {
  export interface ProvidedContext {
    /** Output folder of the sample archive built for the root. */
    rootSite: string;
    /** Output folder of the sample archive built for /archive/, a search shard per year. */
    prefixedSite: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  // One clear message, before anything is built, rather than a launch error per suite.
  if (!hasChromium()) throw new Error(missingChromiumMessage());
  const root = mkdtempSync(path.join(os.tmpdir(), "nashra-browser-sites-"));
  const rootSite = path.join(root, "root");
  const prefixedSite = path.join(root, "archive");
  await Promise.all([
    runBuild(["--output", rootSite]),
    runBuild(["--output", prefixedSite, "--path-prefix", "/archive/"], {
      NASHRA_SHARD_MERGE_PAGES: "0",
    }),
  ]);
  project.provide("rootSite", rootSite);
  project.provide("prefixedSite", prefixedSite);
  return () => rmSync(root, { recursive: true, force: true });
}
