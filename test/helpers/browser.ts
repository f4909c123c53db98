import { type Browser, chromium } from "playwright-core";
import { afterAll } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../../scripts/lib/chromium.ts";

/**
 * Debian's Chromium driven by playwright-core. Playwright starts it with a
 * fresh temporary profile (its own --user-data-dir) every time.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  afterAll(() => browser.close());
  return browser;
}
