/**
 * `npm run bench -- --articles 1000,10000[,100000] [--update] [--hugo]`
 *
 * For each size: a deterministic synthetic corpus of raw dumps in the
 * specimen's layout (scripts/lib/bench/corpus.ts), then the import, the render
 * and the search index timed separately and together — wall time, CPU time,
 * peak RSS, pages written, output size, articles per second. `--update` adds
 * 100 new dumps to the built archive and times the rebuild. `--hugo` builds
 * the same articles with Hugo + Pagefind in the same run, for comparison.
 * Work happens under .bench/ (ignored by git). Never run as a timed test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus, vocabulary } from "./lib/bench/corpus.ts";
import { writeHugoSite } from "./lib/bench/hugo.ts";
import { loadPipelineContext } from "./lib/import/context.ts";
import { repoRoot } from "./lib/paths.ts";
import { linkTemplates } from "./lib/site/fixture-site.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    update: { type: "boolean", default: false },
    hugo: { type: "boolean", default: false },
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

const NODE = [`--max-old-space-size=${values.heap}`, "--max-semi-space-size=64", "--import", "tsx"];

/** Runs a command under GNU time: wall and CPU seconds, peak resident memory. */
function timed(
  stage: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Measure & { stdout: string } {
  const run = spawnSync("/usr/bin/time", ["-f", "@@time %e %U %S %M", command, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  const m = /@@time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr ?? "");
  if (run.status !== 0 || !m) {
    throw new Error(`${stage} failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return {
    stage,
    wall: Number(m[1]),
    cpu: Number(m[2]) + Number(m[3]),
    rssMB: Math.round(Number(m[4]) / 1024),
    stdout: run.stdout,
  };
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

const rows: string[] = [];
const results: Record<string, unknown>[] = [];
const cpus = os.cpus();
const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

for (const n of values.articles.split(",").map(Number)) {
  const root = path.join(repoRoot, ".bench", String(n));
  const raw = path.join(root, "raw");
  const content = path.join(root, "content");
  const output = path.join(root, "_site");
  const cache = path.join(root, "cache");
  if (!existsSync(raw) || readdirSync(raw).filter((f) => f.endsWith(".txt")).length !== n) {
    rmSync(raw, { recursive: true, force: true });
    console.log(`generating ${n} dumps…`);
    writeCorpus(raw, n, 0);
  }
  rmSync(path.join(raw, "update"), { recursive: true, force: true });
  // A full run starts from nothing: no articles, no site, no caches.
  for (const d of [content, output, cache]) rmSync(d, { recursive: true, force: true });
  linkTemplates(path.join(repoRoot, "content"), content);
  const env = { NASHRA_CACHE_DIR: cache };
  const script = (s: string) => path.join(repoRoot, "scripts", s);

  console.log(`\n== ${n} articles (${machine})`);
  const measures: Measure[] = [];
  const imp = timed(
    "import",
    process.execPath,
    [...NODE, script("import.ts"), "--in", raw, "--out", path.join(content, "articles")],
    env,
  );
  measures.push(imp);
  const build = timed(
    "render + index",
    process.execPath,
    [...NODE, script("build.ts"), "--input", content, "--output", output],
    env,
  );
  const split = /render ([\d.]+) s, search index ([\d.]+) s/.exec(build.stdout);
  measures.push({ ...build, note: split ? `render ${split[1]} s, index ${split[2]} s` : "" });
  const site = countFiles(output, ".html");
  const full = imp.wall + build.wall;
  const reimport = timed(
    "re-import (unchanged)",
    process.execPath,
    [...NODE, script("import.ts"), "--in", raw, "--out", path.join(content, "articles")],
    env,
  );
  measures.push(reimport);

  let update: Measure | undefined;
  if (values.update) {
    // A day's bulletin: 100 dumps dated just after the catalogue's newest articles.
    writeCorpus(path.join(raw, "update"), 100, n, { year: 2026, month: 1 });
    const upImport = timed(
      "update: import +100",
      process.execPath,
      [...NODE, script("import.ts"), "--in", raw, "--out", path.join(content, "articles")],
      env,
    );
    const upBuild = timed(
      "update: build",
      process.execPath,
      [...NODE, script("build.ts"), "--input", content, "--output", output, "--incremental"],
      env,
    );
    const upSplit = /render ([\d.]+) s, search index ([\d.]+) s/.exec(upBuild.stdout);
    measures.push(upImport, {
      ...upBuild,
      ...(upSplit ? { note: `render ${upSplit[1]} s, index ${upSplit[2]} s` } : {}),
    });
    update = {
      stage: "update total",
      wall: upImport.wall + upBuild.wall,
      cpu: upImport.cpu + upBuild.cpu,
      rssMB: Math.max(upImport.rssMB, upBuild.rssMB),
    };
    measures.push(update);
    rmSync(path.join(raw, "update"), { recursive: true, force: true });
  }

  let hugoTotal: number | undefined;
  if (values.hugo) {
    const hugoDir = path.join(root, "hugo");
    // The same articles as the full run imported (before the update added any).
    const hugoArticles = writeHugoSite(path.join(content, "articles"), hugoDir);
    const hugo = timed("hugo", "hugo", [
      "--quiet",
      "-s",
      hugoDir,
      "-d",
      path.join(hugoDir, "public"),
    ]);
    const pf = timed("hugo: pagefind", path.join(repoRoot, "node_modules/.bin/pagefind"), [
      "--site",
      path.join(hugoDir, "public"),
      "--quiet",
    ]);
    hugoTotal = hugo.wall + pf.wall;
    measures.push(
      {
        ...hugo,
        note: `${hugoArticles} articles, ${countFiles(path.join(hugoDir, "public"), ".html").files} pages`,
      },
      pf,
      {
        stage: "hugo + pagefind",
        wall: hugoTotal,
        cpu: hugo.cpu + pf.cpu,
        rssMB: Math.max(hugo.rssMB, pf.rssMB),
      },
    );
  }

  for (const m of measures) {
    const line = `${m.stage.padEnd(24)} ${m.wall.toFixed(1).padStart(7)} s wall ${m.cpu.toFixed(1).padStart(7)} s cpu ${String(m.rssMB).padStart(6)} MB${m.note ? `  ${m.note}` : ""}`;
    console.log(line);
  }
  console.log(
    `full: ${full.toFixed(1)} s (${(n / full).toFixed(0)} articles/s; import ${(n / imp.wall).toFixed(0)} dumps/s), ${site.files} pages, ${(site.bytes / 2 ** 20).toFixed(0)} MB`,
  );
  if (hugoTotal) console.log(`full / (hugo + pagefind) = ${(full / hugoTotal).toFixed(2)}×`);
  const cell = (m?: Measure) => (m ? `${m.wall.toFixed(1)} s / ${m.rssMB} MB` : "—");
  rows.push(
    `| ${n.toLocaleString("en")} | ${cell(imp)} | ${split?.[1] ?? "?"} s | ${split?.[2] ?? "?"} s | ${cell(build)} | ${full.toFixed(1)} s | ${cell(reimport)} | ${cell(update)} | ${hugoTotal ? `${hugoTotal.toFixed(1)} s` : "—"} | ${site.files.toLocaleString("en")} | ${(site.bytes / 2 ** 20).toFixed(0)} MB |`,
  );
  results.push({
    articles: n,
    machine,
    measures,
    pages: site.files,
    bytes: site.bytes,
    full,
    hugoTotal,
  });
}

console.log(`\nMachine: ${machine}\n`);
console.log(
  "| articles | import (wall / peak RSS) | render | index | build (wall / peak RSS) | full | re-import unchanged | update +100 | Hugo + Pagefind | pages | output |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
mkdirSync(path.join(repoRoot, ".bench"), { recursive: true });
writeFileSync(
  path.join(repoRoot, ".bench", "results.json"),
  `${JSON.stringify(results, null, 2)}\n`,
);
