/**
 * Run before `npm test`: the browser tests need a Chromium. If it is missing,
 * say exactly what to do; only in CI (CI=true, root, Debian) install Debian's
 * package with apt — on a developer's machine the tests never install
 * system packages by themselves.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath, hasChromium } from "./lib/chromium.ts";

if (!hasChromium()) {
  const canApt =
    process.env.CI === "true" && existsSync("/usr/bin/apt-get") && process.getuid?.() === 0;
  if (!canApt) {
    console.error(
      `Chromium not found at ${chromiumPath()}: the browser tests need one. On Debian or Ubuntu: sudo apt-get install chromium. ` +
        "Elsewhere (macOS, Windows) set CHROMIUM_PATH to a Chromium or Chrome executable, e.g. " +
        'CHROMIUM_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome".',
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
