import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Site builds and browser tests start Eleventy, Pagefind and Chromium.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Dates and sorting must not depend on where the tests run.
    env: { TZ: "Pacific/Kiritimati", LANG: "C" },
  },
});
