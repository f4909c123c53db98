import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Where Chromium or Chrome usually is on each system, first found wins:
 * Debian's and Ubuntu's packages, macOS's applications, Windows' installs.
 */
function usualPlaces(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === "darwin") {
    return [
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ];
  }
  if (platform === "win32") {
    const roots = [env.PROGRAMFILES, env["PROGRAMFILES(X86)"], env.LOCALAPPDATA].filter(
      (r): r is string => typeof r === "string" && r.length > 0,
    );
    return roots.flatMap((r) => [
      path.win32.join(r, "Google", "Chrome", "Application", "chrome.exe"),
      path.win32.join(r, "Chromium", "Application", "chrome.exe"),
    ]);
  }
  return [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/snap/bin/chromium",
  ];
}

/**
 * Where the browser tests find Chromium: $CHROMIUM_PATH, else the first of
 * the system's usual places that exists (else the first usual place, which
 * the error message then names).
 */
export function chromiumPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = existsSync,
): string {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const places = usualPlaces(platform, env);
  return places.find(exists) ?? (places[0] as string);
}

export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/** What to do when no Chromium is found: one message, for every system. */
export function missingChromiumMessage(): string {
  return (
    `Chromium not found (looked at ${chromiumPath()}): the browser tests need one. ` +
    "On Debian or Ubuntu: sudo apt-get install chromium (CI's .ci/run does this). " +
    "Elsewhere, install Chromium or Google Chrome, or set CHROMIUM_PATH to its executable."
  );
}

/**
 * Flags for a headless Chromium that makes no request of its own: this
 * machine's network is closed, and a test must not depend on one.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
