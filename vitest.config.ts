import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Site builds and browser tests start Eleventy, Pagefind and Chromium.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Dates and sorting must not depend on where the tests run.
    env: { TZ: "Pacific/Kiritimati", LANG: "C" },
    // One temporary folder for the run, removed when it ends (test/helpers/tmp.ts).
    globalSetup: ["test/helpers/temp-root.ts"],
    // Most long tests wait on child processes (builds) or on Chromium: three files
    // at a time keep two cores busy (the default on 2 cores is one; measured
    // 392 s → 168 s with two → 150 s with three).
    maxWorkers: 3,
    // Test files share their worker's modules instead of importing the importer, Eleventy
    // and the site library again for each file (no test stubs modules, timers or the
    // environment): 28 s of module loading → 7 s on the import suites.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: "unit and site",
          include: ["test/**/*.test.ts"],
          exclude: ["test/browser/**", "test/import/real-pages.test.ts"],
        },
      },
      {
        // The importer on a subset of ../shared/realpages/ (about 20 s of CPU): its own
        // command, `npm run test:real`, which CI runs after npm test.
        extends: true,
        test: {
          name: "real pages",
          include: ["test/import/real-pages.test.ts"],
        },
      },
      {
        // The browser suites share two builds of the sample archive, made once per run.
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/helpers/temp-root.ts", "test/browser/shared-sites.ts"],
        },
      },
    ],
  },
});
