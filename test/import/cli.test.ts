import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { viaTsx } from "../helpers/command.ts";
import { tempDir } from "../helpers/tmp.ts";

const run = promisify(execFile);

async function importCommand(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(...viaTsx(["scripts/import.ts", ...args]), { cwd: repoRoot });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe("npm run import (the command)", () => {
  it("prints a line per input and a summary, writes the good inputs and exits 1 on a rejection", async () => {
    const root = tempDir();
    const raw = path.join(root, "in");
    const out = path.join(root, "out");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), "عنوان\n\n2025-11-16\n\nنص الخبر.");
    writeFileSync(path.join(raw, "b.txt"), "");
    const report = path.join(root, "report.json");
    const { code, stdout } = await importCommand(["--in", raw, "--out", out, "--report", report]);
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^imported {2}a\.txt → .*2025\/11\/عنوان\.md$/);
    expect(lines[1]).toBe("rejected  b.txt: empty file");
    expect(lines[2]).toBe(
      "2 inputs: 1 imported, 0 updated, 0 unchanged, 0 kept, 0 duplicate, 1 rejected; 0 undated; 0 orphans",
    );
    expect(readFileSync(path.join(out, "2025/11/عنوان.md"), "utf8")).toContain("title: عنوان\n");
    const json = JSON.parse(readFileSync(report, "utf8"));
    expect(json.inputs.map((i: { outcome: string }) => i.outcome)).toEqual([
      "imported",
      "rejected",
    ]);

    writeFileSync(path.join(raw, "b.txt"), "عنوان آخر\n\nنص الخبر الآخر.");
    const again = await importCommand(["--in", raw, "--out", out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("unchanged a.txt");
    expect(again.stdout).toMatch(/imported {2}b\.txt → .*undated\/عنوان-اخر\.md {2}\[no date\]/);
  });

  it("prints the whole report and its summary into a pipe, however long (a pipe takes 64 KB at a time)", async () => {
    const root = tempDir();
    const raw = path.join(root, "in");
    mkdirSync(raw);
    // 600 inputs whose report lines are some 240 bytes each: twice what a pipe holds.
    for (let n = 0; n < 600; n++) writeFileSync(path.join(raw, `${"خبر-".repeat(30)}${n}.txt`), "");
    // Through a shell's pipe, as `npm run import | tee import.log` (execFile's own are sockets,
    // which take more at a time).
    const [node, args] = viaTsx([
      "scripts/import.ts",
      "--in",
      raw,
      "--out",
      path.join(root, "out"),
    ]);
    const piped = run("bash", ["-c", 'set -o pipefail; "$0" "$@" | cat', node, ...args], {
      cwd: repoRoot,
    });
    const { code, stdout } = await piped.then(
      ({ stdout }) => ({ code: 0, stdout }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(602);
    expect(lines.at(-2)).toMatch(/^600 inputs: 0 imported, .* 600 rejected;/);
    expect(lines.at(-1)).toMatch(/^\(\d+\.\d\d s\)$/);
  });

  it("--check writes nothing, exits 1 while content/ is out of sync and 0 once it is, and still writes --report", async () => {
    const root = tempDir();
    const raw = path.join(root, "in");
    const out = path.join(root, "out");
    const report = path.join(root, "report.json");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), "عنوان\n\n2025-11-16\n\nنص الخبر.");
    const stale = await importCommand(["--in", raw, "--out", out, "--check", "--report", report]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("would be imported a.txt");
    expect(stale.stdout).toContain("check: content is NOT in sync");
    expect(existsSync(out)).toBe(false);
    expect(JSON.parse(readFileSync(report, "utf8")).dryRun).toBe(true);

    expect((await importCommand(["--in", raw, "--out", out])).code).toBe(0);
    const synced = await importCommand(["--in", raw, "--out", out, "--check"]);
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain("check: content is in sync with the dumps");
  });
});
