/**
 * `npm run screenshots` — pictures of the built site (_site/) for the README,
 * taken in Debian's Chromium at desktop and phone widths. Run `npm run build` first.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { SAMPLE_PAGES } from "../test/helpers/sample-pages.ts";
import { CHROMIUM_ARGS, chromiumPath } from "./lib/chromium.ts";
import { repoRoot } from "./lib/paths.ts";
import { serveStatic } from "./lib/static-server.ts";

const SHOTS = SAMPLE_PAGES.map((p) => ({
  name: p.name,
  path: p.url,
  ...(p.url.startsWith("/search/") ? { waitFor: "#search-results li" } : {}),
}));
const VIEWPORTS = [
  { suffix: "desktop", width: 1280, height: 860 },
  { suffix: "phone", width: 390, height: 844 },
];

const outDir = path.join(repoRoot, ".github/screenshots");
await mkdir(outDir, { recursive: true });
const server = await serveStatic(path.join(repoRoot, "_site"));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  for (const shot of SHOTS) {
    for (const viewport of VIEWPORTS) {
      const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
      await page.goto(server.origin + encodeURI(shot.path), { waitUntil: "networkidle" });
      if (shot.waitFor) await page.locator(shot.waitFor).first().waitFor();
      const file = path.join(outDir, `${shot.name}-${viewport.suffix}.png`);
      await page.screenshot({ path: file });
      console.log(path.relative(repoRoot, file));
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
