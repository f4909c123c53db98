/**
 * Run before `npm test`: the browser tests need Debian's Chromium. If it is
 * missing and this is a Debian machine where we are root, install it with apt
 * (the only place it may come from here); otherwise say exactly what to do.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath, hasChromium } from "./lib/chromium.ts";

if (!hasChromium()) {
  const canApt = existsSync("/usr/bin/apt-get") && process.getuid?.() === 0;
  if (!canApt) {
    console.error(
      `Chromium not found at ${chromiumPath()}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser tests (apt-get install chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium"],
  ]) {
    const run = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (run.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed (exit ${run.status})`);
      process.exit(1);
    }
  }
  if (!hasChromium()) {
    console.error(`apt-get installed chromium, but ${chromiumPath()} is still missing`);
    process.exit(1);
  }
}
