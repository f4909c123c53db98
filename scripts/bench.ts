/**
 * `npm run bench -- --articles 1000,10000[,100000] [--update] [--hugo] [--search] [--work-dir DIR]`
 *
 * For each size: a deterministic synthetic corpus of raw dumps in the
 * specimen's layout (scripts/lib/bench/corpus.ts), then the import, the render
 * and the search index timed separately and together — wall time, CPU time,
 * peak RSS, pages written, output size, articles per second. `--update` adds
 * 100 new dumps to the built archive and times the rebuild, three times (a
 * bulletin late in the newest year, a new year's first, then the next day's). `--hugo` builds the same
 * articles with Hugo + Pagefind in the same run, for comparison; `--search`
 * measures a reader's first query on both (search.ts).
 * Work happens under .bench/ (ignored by git), or under --work-dir (a folder in
 * RAM such as /dev/shm/nashra-bench: no disk in the figures). Never run as a timed test.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { linkTemplates } from "../test/helpers/fixture-site.ts";
import { generateCorpus, vocabulary } from "./lib/bench/corpus.ts";
import { writeHugoSite } from "./lib/bench/hugo.ts";
import { measureSearch, measureStockPagefind, type SearchMeasure } from "./lib/bench/search.ts";
import { loadPipelineContext } from "./lib/import/context.ts";
import { repoRoot } from "./lib/paths.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    update: { type: "boolean", default: false },
    hugo: { type: "boolean", default: false },
    search: { type: "boolean", default: false },
    "search-only": { type: "boolean", default: false },
    // Where the corpus, the sites and the caches go (the issue's figures: a folder in RAM, /dev/shm/…).
    "work-dir": { type: "string" },
    heap: { type: "string", default: "6144" },
  },
});

interface Measure {
  stage: string;
  wall: number;
  cpu: number;
  rssMB: number;
  note?: string;
}

const HEAP = [`--max-old-space-size=${values.heap}`, "--max-semi-space-size=64"];
const NODE = [...HEAP, "--import", "tsx"];
/** The import as `npm run import` runs it: its packages preloaded, its code bundled (run-bundled.js). */
const IMPORT_NODE = [
  ...HEAP,
  "--import",
  pathToFileURL(path.join(repoRoot, "scripts/lib/import/preload-packages.js")).href,
  path.join(repoRoot, "scripts/lib/run-bundled.js"),
];

/**
 * Runs a command under GNU time (wall and CPU seconds, its own and its
 * children's), sampling every 200 ms the resident memory of the whole process
 * tree — a build runs parts and Pagefind processes side by side, and their sum
 * is what the machine must hold.
 */
async function timed(
  stage: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Measure & { stdout: string }> {
  const child = spawn("/usr/bin/time", ["-f", "@@time %e %U %S %M", command, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid) peak = Math.max(peak, treeRssKB(child.pid));
  }, 200);
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearInterval(sampler);
  const m = /@@time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
  if (status !== 0 || !m)
    throw new Error(`${stage} failed (exit ${status}):\n${stdout}\n${stderr}`);
  return {
    stage,
    wall: Number(m[1]),
    cpu: Number(m[2]) + Number(m[3]),
    rssMB: Math.round(Math.max(peak, Number(m[4])) / 1024),
    stdout,
  };
}

/** Resident memory of a process and all its descendants, in KB (from /proc). */
function treeRssKB(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      rss.set(Number(name), Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      const list = children.get(ppid);
      if (list) list.push(Number(name));
      else children.set(ppid, [Number(name)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  const stack = [root];
  for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function countFiles(dir: string, ending: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        bytes += statSync(p).size;
        if (e.name.endsWith(ending)) files++;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

function writeCorpus(
  dir: string,
  count: number,
  start: number,
  bulletin?: { year: number; month: number },
): void {
  const ctx = loadPipelineContext();
  mkdirSync(dir, { recursive: true });
  const vocab = vocabulary();
  for (let from = 0; from < count; from += 5000) {
    const batch = generateCorpus(
      {
        count: Math.min(5000, count - from),
        start: start + from,
        ...(bulletin ? { bulletin } : {}),
      },
      vocab,
      ctx.gazetteer.entries,
    );
    for (const f of batch) writeFileSync(path.join(dir, f.name), f.text);
  }
}

/** When the build's index started while its parts rendered (build.ts): " from 7.9 s", else "". */
function indexStart(stdout: string): string {
  const started =
    /; started ([\d.]+) s in, (?:on the new articles' shards )?while the other pages rendered/.exec(
      stdout,
    );
  return started ? ` from ${started[1]} s` : "";
}

/** Address-space cap for Pagefind on the Hugo site: 20 GiB of this machine's 24. */
const PEER_MEMORY_CAP = 20 * 2 ** 30;

const rows: string[] = [];
const searchRows: string[] = [];

/** Queries for the search measure: a place in many articles, then a two-word query typed after it. */
const SEARCH_QUERIES: [string, string][] = [
  ["بغداد", "مجلس الامن"],
  ["القاهره", "وزير الخارجيه"],
  ["الامم المتحده", "الرياض"],
];

function searchRow(n: number, measures: SearchMeasure[], who = "this archive"): string {
  const median = (xs: number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  for (const m of measures) {
    console.log(
      `${who}, search «${m.query}»: ${m.results} results shown, first query ${m.firstRequests} requests, ${kb(m.firstBytes)} (${kb(m.firstPagefindBytes)} of it Pagefind; ${kb(m.firstCompressedBytes)} with text compressed) in ${m.firstMs.toFixed(0)} ms; then «${m.secondQuery}» ${m.secondRequests} requests, ${kb(m.secondBytes)} (${kb(m.secondCompressedBytes)}) in ${m.secondMs.toFixed(0)} ms`,
    );
    console.log(
      `  first query by kind: ${Object.entries(m.firstByKind)
        .sort((a, b) => b[1] - a[1])
        .map(([kind, bytes]) => `${kind} ${kb(bytes)}`)
        .join(", ")}`,
    );
  }
  const med = (f: (m: SearchMeasure) => number) => median(measures.map(f));
  return `| ${n.toLocaleString("en")} | ${who} | ${kb(med((m) => m.firstBytes))} (${kb(med((m) => m.firstPagefindBytes))} Pagefind) | ${kb(med((m) => m.firstCompressedBytes))} | ${med((m) => m.firstMs).toFixed(0)} ms | ${kb(med((m) => m.secondBytes))} | ${kb(med((m) => m.secondCompressedBytes))} | ${med((m) => m.secondMs).toFixed(0)} ms |`;
}
const results: Record<string, unknown>[] = [];
const workDir = path.resolve(values["work-dir"] ?? path.join(repoRoot, ".bench"));
const cpus = os.cpus();
const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

for (const n of values.articles.split(",").map(Number)) {
  const root = path.join(workDir, String(n));
  const raw = path.join(root, "raw");
  const content = path.join(root, "content");
  const output = path.join(root, "_site");
  const cache = path.join(root, "cache");
  if (values["search-only"]) {
    if (!existsSync(path.join(output, "index.html")))
      throw new Error(`no built site in ${output}: run the benchmark first`);
    searchRows.push(searchRow(n, await measureSearch(output, SEARCH_QUERIES)));
    continue;
  }
  if (!existsSync(raw) || readdirSync(raw).filter((f) => f.endsWith(".txt")).length !== n) {
    rmSync(raw, { recursive: true, force: true });
    console.log(`generating ${n} dumps…`);
    writeCorpus(raw, n, 0);
  }
  // The corpus is its n dumps, flat: every folder in it goes (the updates' of earlier runs, dumps
  // added by hand), which the count above does not see and would enlarge the corpus.
  for (const d of readdirSync(raw, { withFileTypes: true }).filter((d) => d.isDirectory()))
    rmSync(path.join(raw, d.name), { recursive: true, force: true });
  // A full run starts from nothing: no articles, no site, no caches.
  for (const d of [content, output, cache]) rmSync(d, { recursive: true, force: true });
  linkTemplates(path.join(repoRoot, "content"), content);
  const env = { NASHRA_CACHE_DIR: cache };
  const script = (s: string) => path.join(repoRoot, "scripts", s);

  console.log(`\n== ${n} articles (${machine})`);
  const measures: Measure[] = [];
  const imp = await timed(
    "import",
    process.execPath,
    [...IMPORT_NODE, "scripts/import.ts", "--in", raw, "--out", path.join(content, "articles")],
    env,
  );
  measures.push(imp);
  const build = await timed(
    "render + index",
    process.execPath,
    [...NODE, script("build.ts"), "--input", content, "--output", output],
    env,
  );
  const split = /render ([\d.]+) s, search index ([\d.]+) s/.exec(build.stdout);
  const indexFrom = indexStart(build.stdout);
  measures.push({
    ...build,
    note: split ? `render ${split[1]} s, index ${split[2]} s${indexFrom}` : "",
  });
  const site = countFiles(output, ".html");
  const full = imp.wall + build.wall;
  if (values.search) searchRows.push(searchRow(n, await measureSearch(output, SEARCH_QUERIES)));
  const reimport = await timed(
    "re-import (unchanged)",
    process.execPath,
    [...IMPORT_NODE, "scripts/import.ts", "--in", raw, "--out", path.join(content, "articles")],
    env,
  );
  measures.push(reimport);

  let hugoTotal: number | undefined;
  let hugoNote = "—";
  if (values.hugo) {
    const hugoDir = path.join(root, "hugo");
    // The same articles as the full run imported (before the update adds any).
    const hugoArticles = writeHugoSite(path.join(content, "articles"), hugoDir);
    try {
      const hugo = await timed("hugo", "hugo", [
        "--quiet",
        "-s",
        hugoDir,
        "-d",
        path.join(hugoDir, "public"),
      ]);
      measures.push({
        ...hugo,
        note: `${hugoArticles} articles, ${countFiles(path.join(hugoDir, "public"), ".html").files} pages`,
      });
      // Capped below the machine's memory so that a peer needing more fails cleanly
      // instead of pushing the machine into swap.
      const pf = await timed("hugo: pagefind", "prlimit", [
        `--as=${PEER_MEMORY_CAP}`,
        path.join(repoRoot, "node_modules/.bin/pagefind"),
        "--site",
        path.join(hugoDir, "public"),
        "--quiet",
      ]);
      hugoTotal = hugo.wall + pf.wall;
      // What a reader of the peer's site fetches: stock Pagefind, one index over every page.
      if (values.search)
        searchRows.push(
          searchRow(
            n,
            await measureStockPagefind(path.join(hugoDir, "public"), SEARCH_QUERIES),
            "stock Pagefind on the peer's site",
          ),
        );
      hugoNote = `${hugoTotal.toFixed(1)} s (${hugo.wall.toFixed(1)} + ${pf.wall.toFixed(1)}) / ${Math.max(hugo.rssMB, pf.rssMB)} MB`;
      measures.push(pf, {
        stage: "hugo + pagefind",
        wall: hugoTotal,
        cpu: hugo.cpu + pf.cpu,
        rssMB: Math.max(hugo.rssMB, pf.rssMB),
      });
    } catch (error) {
      // At 100,000 pages one Pagefind index needs more memory than this machine may give it.
      const lines = (error as Error).message
        .split("\n")
        .filter((l) => l.trim() && !l.startsWith("@@time"));
      hugoNote = `failed: ${lines[0]} ${lines.slice(1).slice(-3).join(" / ")}`;
      console.log(`hugo + pagefind ${hugoNote}`);
    }
    rmSync(path.join(hugoDir, "public"), { recursive: true, force: true });
  }

  // Updates: a day's bulletin of 100 dumps — first one in the catalogue's
  // newest year, in its last month (the steady state: a day's articles land
  // in a year that already holds many), then the first of a new year (its
  // articles start a new year's search shard, and the year before joins the
  // older years), then the next day's.
  const updates: Measure[] = [];
  if (values.update) {
    const bulletins = [
      { when: "late in a year", year: 2025, month: 12 },
      { when: "new year", year: 2026, month: 1 },
      { when: "next day", year: 2026, month: 1 },
    ];
    for (const [i, { when, year, month }] of bulletins.entries()) {
      const dir = path.join(raw, `update-${i + 1}`);
      writeCorpus(dir, 100, n + i * 100, { year, month });
      const upImport = await timed(
        `update (${when}): import +100`,
        process.execPath,
        [...IMPORT_NODE, "scripts/import.ts", "--in", raw, "--out", path.join(content, "articles")],
        env,
      );
      const upBuild = await timed(
        `update (${when}): build`,
        process.execPath,
        [...NODE, script("build.ts"), "--input", content, "--output", output, "--incremental"],
        env,
      );
      const upSplit = /render ([\d.]+) s, search index ([\d.]+) s \(.*?(\d+) indexed/.exec(
        upBuild.stdout,
      );
      const upPages = /incrementally: (\d+) of (\d+) generated pages rendered/.exec(upBuild.stdout);
      measures.push(upImport, {
        ...upBuild,
        note: [
          upSplit
            ? `render ${upSplit[1]} s, index ${upSplit[2]} s${indexStart(upBuild.stdout)} (${upSplit[3]} ${upSplit[3] === "1" ? "shard" : "shards"} indexed)`
            : "",
          upPages ? `${upPages[1]} of ${upPages[2]} pages rendered` : "",
        ]
          .filter(Boolean)
          .join("; "),
      });
      const update = {
        stage: `update (${when}) total`,
        wall: upImport.wall + upBuild.wall,
        cpu: upImport.cpu + upBuild.cpu,
        rssMB: Math.max(upImport.rssMB, upBuild.rssMB),
      };
      measures.push(update);
      updates.push(update);
    }
    // Every update folder goes, not only this run's: one left by hand would enlarge the corpus.
    for (const d of readdirSync(raw).filter((d) => /^update-\d+$/.test(d)))
      rmSync(path.join(raw, d), { recursive: true, force: true });
  }

  for (const m of measures) {
    const line = `${m.stage.padEnd(24)} ${m.wall.toFixed(1).padStart(7)} s wall ${m.cpu.toFixed(1).padStart(7)} s cpu ${String(m.rssMB).padStart(6)} MB${m.note ? `  ${m.note}` : ""}`;
    console.log(line);
  }
  console.log(
    `full: ${full.toFixed(1)} s (${(n / full).toFixed(0)} articles/s; import ${(n / imp.wall).toFixed(0)} dumps/s), ${site.files} pages, ${(site.bytes / 2 ** 20).toFixed(0)} MB`,
  );
  if (hugoTotal) {
    console.log(`full / (hugo + pagefind) = ${(full / hugoTotal).toFixed(2)}× (target ≤ 1.0×)`);
    for (const u of updates)
      console.log(
        `${u.stage.replace(" total", "")} / (hugo + pagefind) = ${(u.wall / hugoTotal).toFixed(2)}× (target ≤ 0.3×)`,
      );
  }
  const cell = (m?: Measure) => (m ? `${m.wall.toFixed(1)} s / ${m.rssMB} MB` : "—");
  rows.push(
    `| ${n.toLocaleString("en")} | ${cell(imp)} | ${split?.[1] ?? "?"} s | ${split?.[2] ?? "?"} s${indexFrom} | ${cell(build)} | ${full.toFixed(1)} s | ${cell(reimport)} | ${updates.map(cell).join("; ") || "—"} | ${hugoNote} | ${site.files.toLocaleString("en")} | ${(site.bytes / 2 ** 20).toFixed(0)} MB |`,
  );
  results.push({
    articles: n,
    machine,
    measures: measures.map(({ stage, wall, cpu, rssMB, note }) => ({
      stage,
      wall,
      cpu,
      rssMB,
      note,
    })),
    pages: site.files,
    bytes: site.bytes,
    full,
    hugoTotal,
  });
}

console.log(`\nMachine: ${machine}\n`);
if (rows.length > 0) {
  console.log(
    "| articles | import (wall / peak RSS) | render | index | build (wall / peak RSS) | full | re-import unchanged | update +100: late in a year; new year; next day | Hugo + Pagefind | pages | output |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
}
if (searchRows.length > 0) {
  console.log(
    "\n| articles | search | first query: bytes fetched | the same, text gzip-compressed by the host | first query: time to results | next query: bytes | compressed | next query: time |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const row of searchRows) console.log(row);
}
mkdirSync(path.join(repoRoot, ".bench"), { recursive: true });
if (results.length > 0)
  writeFileSync(
    path.join(repoRoot, ".bench", "results.json"),
    `${JSON.stringify(results, null, 2)}\n`,
  );
