import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { viaTsx } from "../helpers/command.ts";
import { fileHashes } from "../helpers/files.ts";
import { DEVELOPER_SETTINGS_CLEARED } from "../helpers/fixture-site.ts";
import { tempDir } from "../helpers/tmp.ts";

/**
 * Killed midway, then run again: the import and the build must leave exactly
 * what a clean run leaves — no half file, no temporary file, no second copy of
 * an article, no page missing. The import is killed at chosen file writes
 * (NASHRA_FAULT, see writeAtomically), before and after the rename that makes
 * a file appear; the build at moments spread over its run.
 */

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A command as its own process group (node itself, not the tsx wrapper), so
 * that a kill reaches it and every process it started, as a crash would.
 */
function start(script: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(...viaTsx([script, ...args]), {
    cwd: repoRoot,
    detached: true,
    env: { ...process.env, ...DEVELOPER_SETTINGS_CLEARED, ...env },
    stdio: "ignore",
  });
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-(child.pid as number), "SIGKILL");
  } catch {
    // already gone
  }
}

function ended(child: ChildProcess): Promise<Ended> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
}

const runImport = (inDir: string, outDir: string, env: Record<string, string> = {}) =>
  ended(start("scripts/import.ts", ["--in", inDir, "--out", outDir], env));

function dump(headline: string, paragraph: string, dateLine?: string): string {
  return [headline, "", ...(dateLine ? [dateLine, ""] : []), paragraph, ""].join("\n");
}

describe("an import killed midway", () => {
  it("leaves, once run again, exactly what a clean import leaves", async () => {
    const root = tempDir("nashra-fault-");
    const raw = path.join(root, "raw");
    cpSync(path.join(repoRoot, "raw"), raw, { recursive: true });
    const clean = path.join(root, "clean");
    await runImport(raw, clean);
    const expected = fileHashes(clean);
    expect(Object.keys(expected).length).toBeGreaterThan(10);

    for (const fault of [
      "1:before-rename",
      "4:after-rename",
      "9:before-rename",
      "13:after-rename",
    ]) {
      const out = path.join(root, `out-${fault.replace(":", "-")}`);
      const killed = await runImport(raw, out, { NASHRA_FAULT: fault });
      expect(killed.signal, fault).toBe("SIGKILL");
      await runImport(raw, out);
      expect(fileHashes(out), fault).toEqual(expected);
    }
  }, 120_000);

  it("never leaves an article twice when killed between writing a moved article and deleting its old file", async () => {
    const root = tempDir("nashra-fault-move-");
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    const paragraph = "وصل وفد وزاري إلى الموصل صباح اليوم لبحث مشاريع إعادة الإعمار في المدينة.";
    writeFileSync(path.join(raw, "a.txt"), dump("وفد وزاري في الموصل", paragraph));
    writeFileSync(
      path.join(raw, "b.txt"),
      dump("افتتاح جسر في بغداد", `${paragraph} وافتتح جسر.`, "2025-11-20"),
    );
    const out = path.join(root, "out");
    await runImport(raw, out);
    // The same archive, for the run nobody interrupts.
    const clean = path.join(root, "clean");
    cpSync(out, clean, { recursive: true });
    // The dump gains a date: its article moves from undated/ to 2025/11/ (and its old URL redirects).
    writeFileSync(path.join(raw, "a.txt"), dump("وفد وزاري في الموصل", paragraph, "2025-11-16"));
    await runImport(raw, clean);
    expect(Object.keys(fileHashes(clean))).toContain("redirects.yaml");
    const killed = await runImport(raw, out, { NASHRA_FAULT: "1:after-rename" });
    expect(killed.signal).toBe("SIGKILL");
    await runImport(raw, out);
    expect(fileHashes(out)).toEqual(fileHashes(clean));
  }, 60_000);
});

describe("a build killed midway", () => {
  it("gives, built again incrementally, the same site as a clean full build", async () => {
    const root = tempDir("nashra-fault-build-");
    const build = (output: string, cache: string, extra: string[] = []) =>
      start("scripts/build.ts", ["--output", output, ...extra], { NASHRA_CACHE_DIR: cache });
    // A clean full build: what every killed build, built again, must give.
    const rebuilt = path.join(root, "site");
    const rebuiltCache = path.join(root, "cache");
    const startedAt = performance.now();
    expect((await ended(build(rebuilt, rebuiltCache))).code).toBe(0);
    const duration = performance.now() - startedAt;
    const expected = fileHashes(rebuilt);

    // Two moments in proportion to that build, whatever the machine's speed: about half
    // way (pages being rendered and written) and near its end (the search index), each in two situations, run
    // side by side: a complete build's output rebuilt in full and killed — the worst case
    // for --incremental (the clean build's own folder) — and a first build killed.
    const kills = { again: 0, first: 0 };
    const killedAfter = async (
      ms: number,
      output: string,
      cache: string,
      which: keyof typeof kills,
    ) => {
      const child = build(output, cache);
      const timer = setTimeout(() => killGroup(child), ms);
      if ((await ended(child)).signal === "SIGKILL") kills[which]++;
      clearTimeout(timer);
      return (await ended(build(output, cache, ["--incremental"]))).code;
    };
    for (const ms of [Math.round(duration * 0.45), Math.round(duration * 0.85)]) {
      const fresh = path.join(root, `fresh-${ms}`);
      const [again, first] = await Promise.all([
        // The incremental build after it leaves a complete build for the next moment.
        killedAfter(ms, rebuilt, rebuiltCache, "again"),
        killedAfter(ms, fresh, path.join(root, `fresh-cache-${ms}`), "first"),
      ]);
      expect(again).toBe(0);
      expect(fileHashes(rebuilt), `killed after ${ms} ms`).toEqual(expected);
      expect(first).toBe(0);
      expect(fileHashes(fresh), `first build killed after ${ms} ms`).toEqual(expected);
    }
    // On a machine whose load changes a lot a build may end before its moment; not every one.
    expect(kills.again, "builds killed while rebuilding").toBeGreaterThan(0);
    expect(kills.first, "first builds killed").toBeGreaterThan(0);
  }, 300_000);
});
