/**
 * `npm run build [-- --input DIR --output DIR --path-prefix /archive/ --base-url https://host --lang en --incremental --parts N]`
 *
 * Renders content/ to _site/ with Eleventy (config: .eleventy.ts), then
 * Pagefind indexes the articles into search shards.
 *
 * - A full build empties the output folder first. With --incremental, a build
 *   into the same folder as the last one renders only the pages whose content
 *   changed, deletes the pages that no longer exist, and re-indexes only the
 *   search shards whose articles changed (scripts/lib/site/render-plan.ts);
 *   the output is byte-identical to a full build's.
 * - A large archive is rendered in parts, each by its own process, as many at
 *   once as there are cores (Eleventy renders on one core, and a process that
 *   renders fewer pages holds less in memory); then the shards are indexed, one
 *   Pagefind process per core. An incremental build renders few pages: its
 *   parts share processes, two or more to a process. When every part runs at
 *   once, one a process, or an update leaves cores free, each renders its
 *   article pages first, and the index starts on them while the other pages
 *   render — an update, the article pages of the shards its new articles go
 *   to before the others. `--parts N` sets the number of parts.
 * - `--part K/N` renders (and indexes) only part K of N, into its own folder:
 *   parts built on separate machines are put together by `npm run merge`.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { renderBundle } from "./lib/code-bundle.js";
import { compareStrings, listFiles, type ReadSource } from "./lib/files.ts";
import { repoRoot, unsafeOutput } from "./lib/paths.ts";
import { renderCode } from "./lib/site/render-code.ts";
import type { Phase, RenderManifest } from "./lib/site/render-plan.ts";

/**
 * A render part started ahead of its work (startPartProcess) gets its
 * arguments on stdin, once the build has decided them; none (stdin closed
 * empty): it was not needed, and exits.
 */
const waitsForArgs = process.argv[2] === "--args-on-stdin";
if (waitsForArgs) {
  // Meanwhile, the code every part runs first: loaded while the build decides.
  void import("../nashra.config.ts").catch(() => {});
  void import("./lib/site/render-plan.ts").catch(() => {});
}
const args = waitsForArgs ? await argsFromStdin() : process.argv.slice(2);
if (!args) process.exit(0);

const { values } = parseArgs({
  args,
  options: {
    input: { type: "string", default: "content" },
    output: { type: "string", default: "_site" },
    "path-prefix": { type: "string" },
    "base-url": { type: "string" },
    lang: { type: "string" },
    incremental: { type: "boolean", default: false },
    parts: { type: "string" },
    part: { type: "string" },
    // Set by a build that runs its parts itself (several parts in one process: "1,3/4", a
    // manifest each, in the same order):
    "render-only": { type: "boolean", default: false },
    // Each part's article pages first, then its other pages (a manifest each: "<out>.articles"
    // and "<out>"), "@@articles-rendered" printed between: the build indexes meanwhile.
    phased: { type: "boolean", default: false },
    // With --phased, an update's new articles' search shards ("2025,2026"): their article pages
    // first ("<out>.new-articles", then "@@new-articles-rendered"), then the other article pages.
    "new-shards": { type: "string" },
    "previous-manifest": { type: "string" },
    "manifest-out": { type: "string", multiple: true },
  },
});

// Folders are given to Eleventy relative to the repository: Eleventy 3.1
// resolves some paths (directory data, includes) wrongly from an absolute input.
const input = path.relative(repoRoot, path.resolve(values.input)) || ".";
const output = path.relative(repoRoot, path.resolve(values.output)) || ".";
// Read by .eleventy.ts (folders) and nashra.config.ts (prefix, address, language), loaded below.
process.env.NASHRA_CONTENT_DIR = input;
process.env.NASHRA_OUTPUT_DIR = output;
if (values["path-prefix"]) process.env.NASHRA_PATH_PREFIX = values["path-prefix"];
if (values["base-url"]) process.env.NASHRA_BASE_URL = values["base-url"];
if (values.lang) process.env.NASHRA_LANG = values.lang;
// A build renders each template once. Eleventy's ESM resolver (a module loader
// hook, on Node 20 a loader thread every later import waits on) is there to
// import a template edited while `--serve` watches afresh: a build process,
// and each part it starts (the environment is theirs), goes without it.
// Measured, a fresh process importing Eleventy: 0.07–0.23 s of CPU less (six pairs).
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
process.chdir(repoRoot);

/** Archives this size and up are rendered in parts by default. */
const PARTS_FROM = 2000;
/**
 * At most this many articles to a part, so each process stays small in
 * memory (measured at 100,000 articles: a part of 10,000 renders 20,000 pages
 * in about 2.7 GB; at 15,000 two parts side by side took the build over 8 GB).
 */
const ARTICLES_PER_PART = 10_000;
/**
 * An update's parts to a process (see buildSite): two, measured at 10,000
 * articles on 2 cores; where there are more parts than that, as many
 * processes as the cores allow share them.
 */
const UPDATE_PARTS_PER_PROCESS = 2;
/**
 * The article files' text a full build keeps from its first read for the
 * search vocabulary's (which would read them again): up to 64 M characters
 * (about 27,000 articles of the benchmark, 130 MB; reading them again took
 * 0.6 s and hashing them 0.15 s at 10,000).
 */
const HELD_SOURCE_CHARS = 64 * 2 ** 20;

/** The render parts' bundle once made (partBundle); null: none can be. */
let partBundleMade: { module: string } | null | undefined;
// The build's render parts start now, before this process loads the rest of its code, and
// load theirs meanwhile: a part's process spends most of a second starting (Eleventy's
// modules, the site's code) before it renders anything.
const articleList = values.part ? undefined : articleFiles();
const earlyParts = articleList ? startEarlyParts((await articleList).length) : [];

const { default: config } = await import("../nashra.config.ts");
// The interface's language must have a dictionary (layouts/i18n/): said before anything is built.
const { isLanguage, LANGUAGES } = await import("../layouts/i18n/index.ts");
if (!isLanguage(config.site.lang)) {
  console.error(
    `build: the interface language is "${config.site.lang}" (site.lang, NASHRA_LANG or --lang); there are dictionaries for ${LANGUAGES.join(", ")} in layouts/i18n/`,
  );
  process.exit(2);
}
// A build empties its output folder first: never one that holds sources.
const unsafe = unsafeOutput(output, [
  input,
  config.import.rawDir,
  "layouts",
  "scripts",
  "test",
  "node_modules",
]);
if (unsafe) {
  console.error(
    `build: refusing --output ${values.output}: ${unsafe}; choose an empty folder such as _site`,
  );
  process.exit(2);
}
// Canonical links, feeds and the sitemap carry the base URL: a placeholder there is a site
// that cannot be published as it is (a part of a split build leaves this to the whole build).
if (!values.part && isPlaceholderUrl(config.site.baseUrl)) {
  console.log(
    `warning: the base URL is ${config.site.baseUrl}, a placeholder: canonical links, feeds and the sitemap point there. ` +
      "Before publishing, set NASHRA_BASE_URL (or --base-url, or site.baseUrl in nashra.config.ts) to the address the site will have.",
  );
}
const plans = await import("./lib/site/render-plan.ts");
const cacheDir = process.env.NASHRA_CACHE_DIR ?? path.join(repoRoot, ".cache");
const started = performance.now();
const seconds = () => (performance.now() - started) / 1000;

/** A host reserved for examples (RFC 2606: example.com/.org/.net, *.example, *.test, *.invalid). */
function isPlaceholderUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return true;
  }
  return /(?:^|\.)example\.(?:com|org|net)$|\.(?:example|test|invalid)$/.test(host);
}

if (values.part) await buildPart(values.part);
else await buildSite();

/** The whole site, into the output folder: in this process, or in parts run side by side. */
async function buildSite(): Promise<void> {
  const manifestPath = plans.manifestFile(cacheDir, output);
  const codeKey = plans.codeKey(path.resolve(input), config);
  let previous = values.incremental ? await plans.readManifest(manifestPath) : undefined;
  let why = values.incremental ? "" : "full build";
  if (values.incremental && !previous) why = "full build: no previous build into this folder";
  else if (previous && previous.codeKey !== codeKey) {
    why = "full build: templates, code or configuration changed";
    previous = undefined;
  } else if (previous && !existsSync(path.join(output, "index.html"))) {
    why = "full build: the output folder is not the last build's";
    previous = undefined;
  }
  if (!previous) await rm(output, { recursive: true, force: true });
  // Until this build has finished, no manifest vouches for the output folder.
  await rm(manifestPath, { force: true });

  const articleCount = ((await articleList) ?? []).length;
  const parts = partsFor(articleCount);

  if (parts === 1) {
    plans.setActivePlan(
      new plans.RenderPlan({ codeKey, manifestPath, ...(previous ? { previous } : {}) }),
    );
    const rendered = await runEleventy();
    await report(rendered, previous !== undefined, why);
    return;
  }

  // Parts, as many at a time as there are cores; each renders its pages and writes its page keys.
  const previousFile = `${manifestPath}.previous`;
  if (previous) await writeFile(previousFile, JSON.stringify(previous));
  const partFiles = Array.from({ length: parts }, (_, k) => `${manifestPath}.part-${k + 1}`);
  const cores = os.availableParallelism();
  // A full build runs each part in a process of its own (a part's pages are what its memory
  // holds). An incremental build renders few pages, and each part's cost is mostly fixed —
  // starting, loading the archive (at 100,000 articles: 6 s of CPU), computing its page
  // keys — so it runs its parts in one process a core, one after another, the archive
  // loaded once a process; and at least two parts to a process even where there are cores
  // for each: a process a part would spend its core mostly starting and loading the
  // archive, while the update's longest task is Pagefind on the day's shard, which then has
  // the cores left (measured at 10,000 articles, 2 parts on 2 cores, a December update,
  // runs alternating: one process used 15 s of CPU instead of 19, the index started
  // 4.3–4.5 s in instead of 5.8, and the build took 9.5–9.8 s instead of 10.7–11.2).
  const concurrentParts = processesFor(parts, previous !== undefined);
  const jobs = previous
    ? Array.from({ length: concurrentParts }, (_, j) =>
        partFiles.map((_, k) => k).filter((k) => k % concurrentParts === j),
      )
    : partFiles.map((_, k) => [k]);
  const queue = [...jobs];
  // The parts running at once share this process's heap limit, so the whole
  // build stays within the memory it was given (`npm run build` sets 6 GB).
  const partHeapMB = Math.floor(v8.getHeapStatistics().heap_size_limit / 2 ** 20 / concurrentParts);
  // The processes started early are used first (their limit is a full build's share, at most
  // this one); any left over exit.
  const processes = [...earlyParts];
  for (const early of processes.splice(jobs.length)) early.dismiss();
  // When every part runs at once in a process of its own, each renders its article pages
  // first and the search index starts on them while the parts render their other pages (an
  // update: Pagefind on the day's shard while the tag pages render). Not with more parts than
  // processes: in a full build its last parts would render beside Pagefind, over the memory it
  // was given; in an incremental one each process would run twice as many Eleventy runs
  // (measured at 100,000 articles, 5 parts a process: the render 22 → 29 s) — unless cores
  // are left for the index (an update's fewer processes, above).
  const coreLeftForIndex = previous !== undefined && concurrentParts < cores;
  const phased =
    (jobs.length <= concurrentParts && jobs.every((job) => job.length === 1)) || coreLeftForIndex;
  let rendered = 0;
  // An update's new articles go to a shard or two that Pagefind will index again (late in a
  // year, the whole newest year): their article pages are rendered first, and the index starts
  // on them while the other article pages are keyed and rendered — on the core the update
  // leaves free, which otherwise waited (measured on a December update of 10,000 articles,
  // 14 pairs alternating with the code before: Pagefind started about 1 s sooner, the build
  // took 8.4 s instead of 9.1 on average, shorter in 10 pairs of 14).
  const articlePages = phased && previous ? await articlePageFiles() : undefined;
  const previousKeys = articlePages && previous ? plans.pageKeysOf(previous) : undefined;
  const newShards =
    articlePages && previousKeys
      ? (await import("./lib/search/index-site.ts")).shardsOfNewPages(articlePages, previousKeys)
      : new Set<string>();
  let newArticlesLeft = jobs.length;
  let newArticlesRendered: () => void = () => {};
  const newArticlePhases = new Promise<void>((resolve) => {
    newArticlesRendered = resolve;
  });
  let articlesLeft = jobs.length;
  let articlesRendered: () => void = () => {};
  const articlePhases = new Promise<void>((resolve) => {
    articlesRendered = resolve;
  });
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const args = [
        "--input",
        input,
        "--output",
        output,
        "--part",
        `${job.map((k) => k + 1).join(",")}/${parts}`,
        "--render-only",
        ...(phased ? ["--phased"] : []),
        ...(phased && newShards.size > 0 ? ["--new-shards", [...newShards].join(",")] : []),
        ...job.flatMap((k) => ["--manifest-out", partFiles[k] as string]),
        ...(previous ? ["--previous-manifest", previousFile] : []),
      ];
      const stdout = await (processes.shift() ?? startPartProcess(partHeapMB)).run(args, (line) => {
        if (line === "@@new-articles-rendered" && --newArticlesLeft === 0) newArticlesRendered();
        if (line === "@@articles-rendered" && --articlesLeft === 0) articlesRendered();
      });
      rendered += Number(/@@rendered (\d+)/.exec(stdout)?.[1] ?? 0);
    }
  };
  // The parts of a full build that run at once would each read and parse every article file
  // (none cached yet, or the cache stale): this process does it once, into the archive cache
  // they read (load.ts), while they start; each then reads the cache (10,000 articles: about
  // 0.45 s against 2.2 s). Measured at 10,000 articles, 2 parts, full builds alternating with
  // and without, the text kept for the vocabulary too (below): shorter in 8 of 10 pairs (by
  // 2.7 s of 34–41 in the median, up to 5.5 s), 6.7 s less CPU in the median.
  // Not when there are more parts than processes (100,000 articles): there only the first
  // parts would parse, while the others read the cache, and waiting for this process to
  // parse alone would hold every core's first part back.
  // The files read are kept for the search's vocabulary, read next (up to a budget).
  const read = new Map<string, ReadSource>();
  if (!previous && phased) {
    const { readArticleFiles } = await import("./lib/site/load.ts");
    const { archiveCacheFile } = await import("./lib/site/plugins/archive-data.ts");
    const { readOnThread } = await import("./lib/site/read-articles-thread.ts");
    const articlesDir = path.join(input, "articles");
    let held = 0;
    try {
      if (existsSync(articlesDir))
        await readArticleFiles(articlesDir, {
          cacheFile: archiveCacheFile(articlesDir),
          onRead: (file, source) => {
            if (held > HELD_SOURCE_CHARS) return;
            held += source.text.length;
            read.set(file, source);
          },
          // The parts wait for the cache, their cores idle once their code is loaded: another
          // thread reads part of the files meanwhile.
          readElsewhere: readOnThread(articlesDir),
        });
    } catch (error) {
      // An article file that is not one (its front matter unreadable…): named, with why, and
      // no part started (they exit as this process does).
      console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  }
  const rendering = Promise.all(Array.from({ length: concurrentParts }, worker));
  // The archive's words for the index, read while the parts render (this process only waits).
  const { articlePageFile, indexSite, readPageFactsAhead, writeShardPagesAhead } = await import(
    "./lib/search/index-site.ts"
  );
  const { readArchiveVocabulary, vocabularyCacheFile } = await import("./lib/search/vocabulary.ts");
  const { searchCacheDir } = await import("./lib/site/plugins/search-index.ts");
  const { redirectsIn } = await import("./lib/site/load.ts");
  const vocabulary = readArchiveVocabulary(path.join(input, "articles"), {
    cacheFile: vocabularyCacheFile(searchCacheDir()),
    read,
  });
  const forget = () => read.clear();
  vocabulary.then(forget, forget);
  const notArticles = (await redirectsIn(path.join(input, "articles"))).map((r) =>
    articlePageFile(r.url),
  );
  // An update that leaves a core free (coreLeftForIndex) reads the index's page facts on it now,
  // not once the article pages are rendered (readPageFactsAhead).
  const knownFacts = coreLeftForIndex ? readPageFactsAhead(searchCacheDir()) : undefined;
  // And on that core, the pages of the shard the new articles go to, as the last build left
  // them: the index then writes only what was rendered since (writeShardPagesAhead).
  const ahead =
    knownFacts && articlePages && previousKeys
      ? writeShardPagesAhead(path.resolve(output), {
          cacheDir: searchCacheDir(),
          pages: articlePages,
          previousKeys,
          shards: newShards,
          knownFacts,
          vocabulary,
        }).catch(() => []) // none written: the index writes them all, as it would
      : undefined;
  /** Every part's page keys, from the files they left (their article pages' too, when phased). */
  const keysOf = async (files: string[]): Promise<RenderManifest> => {
    const merged: RenderManifest = { codeKey, pages: {} };
    for (const file of files) {
      const part = await plans.readManifest(file);
      if (!part) throw new Error(`a part of the build left no page keys (${file})`);
      Object.assign(merged.pages, part.pages);
      await rm(file, { force: true });
    }
    return merged;
  };
  /** The index, from the article pages' keys (all of them, or the new articles' shards' first). */
  const index = async (
    keys:
      | { all: RenderManifest }
      | { first: Promise<RenderManifest>; all: Promise<RenderManifest>; pages: string[] },
  ) => {
    const started = seconds();
    const result = await indexSite(path.resolve(output), {
      expectedPages: articleCount,
      cacheDir: searchCacheDir(),
      vocabulary,
      ...("pages" in keys
        ? {
            staged: {
              pages: keys.pages,
              first: newShards,
              firstKeys: keys.first.then(plans.pageKeysOf),
              allKeys: keys.all.then(plans.pageKeysOf),
            },
          }
        : { pageKeys: plans.pageKeysOf(keys.all) }),
      notArticles,
      ...(knownFacts ? { knownFacts } : {}),
      ...(ahead ? { ahead } : {}),
    });
    return { result, started, seconds: seconds() - started };
  };
  // Phased: indexed from the article pages' keys as soon as every part has rendered its own —
  // or, in an update with new articles, as soon as they have rendered their new articles' shards.
  let articleKeys: Promise<RenderManifest> | undefined;
  let indexing: ReturnType<typeof index> | undefined;
  let newShardsFirst = false;
  if (phased && newShards.size > 0 && articlePages) {
    await Promise.race([newArticlePhases, rendering]);
    if (newArticlesLeft === 0) {
      const first = keysOf(partFiles.map(plans.newArticlesManifest));
      const rest = articlePhases.then(() => keysOf(partFiles.map(plans.articlesManifest)));
      articleKeys = Promise.all([first, rest]).then(([a, b]) => ({
        codeKey,
        pages: { ...a.pages, ...b.pages },
      }));
      articleKeys.catch(() => {}); // awaited below
      indexing = index({ first, all: articleKeys, pages: articlePages });
      indexing.catch(() => {}); // awaited below, after the rendering
      newShardsFirst = true;
    }
  } else if (phased) {
    await Promise.race([articlePhases, rendering]);
    if (articlesLeft === 0) {
      articleKeys = keysOf(partFiles.map(plans.articlesManifest));
      indexing = articleKeys.then((all) => index({ all }));
      indexing.catch(() => {}); // awaited below, after the rendering
    }
  }
  await rendering;
  const renderSeconds = seconds();
  // Each part made its articles' photos; what no article shows any more goes now (the first
  // part left the list of the photo files the archive shows).
  {
    const { removeStalePhotos, wantedPhotoFiles, wantedPhotosFile } = await import(
      "./lib/site/plugins/responsive-images.ts"
    );
    const { loadArticles } = await import("./lib/site/load.ts");
    const list = wantedPhotosFile(partFiles[0] as string);
    // None (the first part had no archive to render): the photos the articles show, read.
    const wanted = existsSync(list)
      ? (JSON.parse(await readFile(list, "utf8")) as string[])
      : [...wantedPhotoFiles(await loadArticles(path.join(input, "articles")))];
    await removeStalePhotos(output, new Set(wanted));
    await rm(list, { force: true });
  }

  // Put the parts' keys together; index every shard (unless done meanwhile); delete what the
  // site no longer has.
  const merged = await keysOf(partFiles);
  if (articleKeys) Object.assign(merged.pages, (await articleKeys).pages);
  const indexed = await (indexing ?? index({ all: merged }));
  await rm(previousFile, { force: true });
  const removed = Object.keys(previous?.pages ?? {}).filter((url) => !(url in merged.pages));
  await plans.removePages(path.resolve(output), removed);
  merged.pages = Object.fromEntries(
    Object.entries(merged.pages).sort(([a], [b]) => compareStrings(a, b)),
  );
  await plans.writeManifest(manifestPath, merged);
  const pages = Object.keys(merged.pages).length;
  console.log(
    previous
      ? `Built ${output} in ${seconds().toFixed(1)} s in ${parts} parts${jobs.length < parts ? ` (${jobs.length} process${jobs.length === 1 ? "" : "es"})` : ""}, incrementally: ${rendered} of ${pages} generated pages rendered, ${removed.length} removed`
      : // The pages the parts wrote, as a build in one process counts them (the keys leave out
        // the single pages, rendered at every build: the search page, the indexes, robots.txt…).
        `Built ${rendered} pages into ${output} in ${seconds().toFixed(1)} s in ${parts} parts (${why})`,
  );
  console.log(
    `  render ${renderSeconds.toFixed(1)} s, search index ${indexed.seconds.toFixed(1)} s ` +
      `(${counted(indexed.result.pageCount, "article")} in ${counted(indexed.result.shards.length, "shard")}; ${indexed.result.indexed.length} indexed, the rest from the cache` +
      `${indexing ? `; started ${indexed.started.toFixed(1)} s in, ${newShardsFirst ? "on the new articles' shards while the other pages rendered" : "while the other pages rendered"}` : ""}` +
      `${indexed.result.writtenAhead > 0 ? `; ${indexed.result.writtenAhead} pages written for Pagefind ahead` : ""})`,
  );
}

/**
 * One part of a split build: its pages only (and, unless the build running it
 * indexes, its shards). A build that runs its parts itself may give one
 * process several ("1,3/4"): they are rendered one after another, each by its
 * own Eleventy run, on the archive loaded once.
 */
async function buildPart(spec: string): Promise<void> {
  const m = /^(\d+(?:,\d+)*)\/(\d+)$/.exec(spec);
  const n = Number(m?.[2]);
  const ks = (m?.[1] ?? "").split(",").map(Number);
  if (!m || ks.some((k) => k < 1 || k > n))
    throw new Error(`--part takes K/N with 1 ≤ K ≤ N, not "${spec}"`);
  const renderOnly = values["render-only"];
  const manifests = values["manifest-out"] ?? [];
  if (ks.length > 1 && (!renderOnly || manifests.length !== ks.length))
    throw new Error(
      "several parts in one process are for a build's own parts (--render-only, a --manifest-out each)",
    );
  // A part built on its own is a full build into its own folder.
  if (!renderOnly) await rm(output, { recursive: true, force: true });
  const previous = values["previous-manifest"]
    ? await plans.readManifest(values["previous-manifest"])
    : undefined;
  // A process's parts are rendered together, by one Eleventy run (two when phased: every
  // part's article pages, then their others; three when an update's new articles' shards go
  // first): a run's own cost — its templates, its
  // pagination over every list of the archive, each page's key — is then paid once, not
  // once a part. Their page keys go to the first part's file; the others' files are left
  // empty, for the build that reads them all.
  // An update's new articles' shards (--new-shards): their article pages in a run before the
  // other article pages, so that the build indexes them meanwhile.
  const newShards = new Set((values["new-shards"] ?? "").split(",").filter(Boolean));
  const phases: (Phase | undefined)[] = !(values.phased && renderOnly)
    ? [undefined]
    : newShards.size > 0
      ? ["new-articles", "articles", "others"]
      : ["articles", "others"];
  if (phases.length > 1) {
    const { keepArchiveBetweenRuns } = await import("./lib/site/plugins/archive-data.ts");
    keepArchiveBetweenRuns();
  }
  const [first, ...others] = ks.map((k) => k - 1).sort((a, b) => a - b);
  const manifestOf = (k: number) =>
    manifests[ks.indexOf(k + 1)] ?? plans.manifestFile(cacheDir, output);
  const codeKey = plans.codeKey(path.resolve(input), config);
  let rendered = 0;
  for (const phase of phases) {
    const manifest = manifestOf(first as number);
    const inPhase = (file: string) =>
      phase === "new-articles"
        ? plans.newArticlesManifest(file)
        : phase === "articles"
          ? plans.articlesManifest(file)
          : file;
    plans.setActivePlan(
      new plans.RenderPlan({
        codeKey,
        manifestPath: inPhase(manifest),
        ...(previous ? { previous } : {}),
        part: { index: first as number, count: n, ...(others.length > 0 ? { with: others } : {}) },
        ...(phase ? { phase } : {}),
        indexes: !renderOnly,
        newShards,
      }),
    );
    rendered += await runEleventy();
    for (const k of others)
      await plans.writeManifest(inPhase(manifestOf(k)), { codeKey, pages: {} });
    if (phase === "new-articles") console.log("@@new-articles-rendered");
    if (phase === "articles") console.log("@@articles-rendered");
  }
  if (renderOnly) console.log(`@@rendered ${rendered}`);
  else await report(rendered, false, `part ${ks[0]} of ${n}`);
}

async function runEleventy(): Promise<number> {
  const { default: Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(input, output, {
    // A bundled part's configuration is its bundle's (site/render-code.ts).
    configPath: renderCode()?.configFile ?? path.join(repoRoot, ".eleventy.ts"),
    quietMode: true,
  });
  const written = (await eleventy.write()) as [unknown[], { outputPath: string | false }[]];
  return written[1].filter((t) => t.outputPath).length;
}

async function report(pages: number, incremental: boolean, why: string): Promise<void> {
  const { lastIndex } = await import("./lib/site/plugins/search-index.ts");
  const { lastPlan } = await import("./lib/site/plugins/render-plan.ts");
  console.log(
    incremental
      ? `Built ${output} in ${seconds().toFixed(1)} s, incrementally: ${lastPlan.rendered} of ${lastPlan.pages} generated pages rendered, ${lastPlan.removed} removed`
      : `Built ${pages} pages into ${output} in ${seconds().toFixed(1)} s (${why})`,
  );
  const indexed = lastIndex.result;
  const { lastImages } = await import("./lib/site/plugins/responsive-images.ts");
  if (indexed && lastIndex.seconds !== undefined) {
    console.log(
      `  render ${(seconds() - lastIndex.seconds - lastImages.seconds).toFixed(1)} s, search index ${lastIndex.seconds.toFixed(1)} s ` +
        `(${counted(indexed.pageCount, "article")} in ${counted(indexed.shards.length, "shard")}; ${indexed.indexed.length} indexed, the rest from the cache)`,
    );
  }
  if (lastImages.made + lastImages.kept + lastImages.failed.length > 0) {
    console.log(
      `  photos ${lastImages.seconds.toFixed(1)} s: ${lastImages.made} made, ${lastImages.kept} already in the output` +
        (lastImages.failed.length > 0 ? `, ${lastImages.failed.length} could not be read` : ""),
    );
  }
}

/** The archive's article pages, as the search index names them ("articles/2025/11/x/index.html"). */
async function articlePageFiles(): Promise<string[]> {
  const { articlePageFile } = await import("./lib/search/index-site.ts");
  const { URLS } = await import("./lib/site/urls.ts");
  return ((await articleList) ?? []).map((f) => articlePageFile(URLS.article(f)));
}

async function articleFiles(): Promise<string[]> {
  try {
    return (await listFiles(path.join(input, "articles"))).filter((f) => f.endsWith(".md"));
  } catch {
    return [];
  }
}

/** «1 shard», «4 shards», «0 shards»: the build's own messages (in English). */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** How many parts an archive of this many articles is rendered in (`--parts N` says). */
function partsFor(articleCount: number): number {
  if (values.parts) return Math.max(1, Number(values.parts));
  return articleCount < PARTS_FROM
    ? 1
    : Math.max(os.availableParallelism(), Math.ceil(articleCount / ARTICLES_PER_PART));
}

/**
 * The render processes a build of this many articles will run, started
 * before it has decided their work: as many as an update runs (buildSite), or
 * with --incremental absent, as a full build runs; a full build that was
 * asked as an update starts the others when it needs them. Each gets a full
 * build's share of the heap, the smaller one.
 */
function startEarlyParts(articleCount: number): PartProcess[] {
  const parts = partsFor(articleCount);
  if (parts === 1) return [];
  const heapMB = Math.floor(
    v8.getHeapStatistics().heap_size_limit / 2 ** 20 / processesFor(parts, false),
  );
  return Array.from({ length: processesFor(parts, values.incremental) }, () =>
    startPartProcess(heapMB),
  );
}

/**
 * How many processes render a build's parts at once: one a part up to the
 * cores for a full build; for an update, at least two parts to a process
 * (UPDATE_PARTS_PER_PROCESS), at most one process a core.
 */
function processesFor(parts: number, update: boolean): number {
  const cores = os.availableParallelism();
  return update
    ? Math.min(cores, Math.ceil(parts / UPDATE_PARTS_PER_PROCESS))
    : Math.min(parts, cores);
}

/** The render parts' bundle (renderBundle), made once a build; none where it cannot be. */
function partBundle(): { module: string } | undefined {
  if (partBundleMade === undefined)
    partBundleMade = renderBundle({ root: repoRoot, input }) ?? null;
  return partBundleMade ?? undefined;
}

/** Node options without tsx's loader (`--import tsx`, `--import=tsx`). */
function withoutTsx(options: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < options.length; i++) {
    const option = options[i] as string;
    if (option === "--import" && options[i + 1] === "tsx") i++;
    else if (option !== "--import=tsx") out.push(option);
  }
  return out;
}

/** A child process of this script (a render part), started before it is given its work. */
interface PartProcess {
  /** Gives it its arguments; resolves to what it printed, once it exits. */
  run(args: string[], onLine?: (line: string) => void): Promise<string>;
  /** Lets it exit without work. */
  dismiss(): void;
}

/**
 * This script again in a child process, with this process's Node options and
 * the given heap limit; the packages a part renders with are imported first
 * (preload-packages.js). It loads its code, then waits for its arguments
 * (argsFromStdin). Its code is the render bundle (renderBundle: this script,
 * Eleventy's configuration and the page templates as one module) run by
 * plain Node, or where none can be made, this script through tsx, as this
 * process runs. Measured: loading the render's code took 0.69–0.71 s of CPU
 * bundled, 0.90–1.17 s through tsx; the two parts of a 16-article build used
 * 3.7–4.2 s of CPU bundled, 4.3–5.5 s through tsx (four pairs, alternating).
 */
function startPartProcess(heapMB: number): PartProcess {
  const bundle = partBundle();
  const nodeOptions = process.execArgv.filter((o) => !o.startsWith("--max-old-space-size"));
  const options = [
    "--import",
    pathToFileURL(path.join(repoRoot, "scripts/lib/site/preload-packages.js")).href,
    ...(bundle ? withoutTsx(nodeOptions) : nodeOptions),
    `--max-old-space-size=${Math.max(1024, heapMB)}`,
  ];
  const entry = bundle?.module ?? "scripts/build.ts";
  const child = spawn(process.execPath, [...options, entry, "--args-on-stdin"], {
    cwd: repoRoot,
    env: process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  /** Each line the child prints, as it prints it. */
  let onLine: (line: string) => void = () => {};
  child.stdout.on("data", (d) => {
    const from = stdout.lastIndexOf("\n") + 1;
    stdout += d;
    const lines = stdout.slice(from).split("\n");
    lines.pop(); // the line not yet ended
    for (const line of lines) onLine(line);
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  exit.catch(() => {}); // awaited by run
  // A child that exits early (cannot start) must not fail the write of its arguments.
  child.stdin.on("error", () => {});
  return {
    async run(args, lines = () => {}) {
      onLine = lines;
      child.stdin.end(`${JSON.stringify(args)}\n`);
      const code = await exit;
      if (code !== 0)
        throw new Error(`build ${args.join(" ")} failed (exit ${code}):\n${stdout}${stderr}`);
      return stdout;
    },
    dismiss() {
      child.stdin.end();
    },
  };
}

/** The arguments a part started early is given (startPartProcess): one JSON line, or none. */
async function argsFromStdin(): Promise<string[] | undefined> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  if (!text.trim()) return undefined;
  const args = JSON.parse(text) as unknown;
  if (!Array.isArray(args) || !args.every((a) => typeof a === "string"))
    throw new Error("build: --args-on-stdin takes a JSON array of strings");
  return args;
}
