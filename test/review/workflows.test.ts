import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { viaTsx } from "../helpers/command.ts";
import { tempDir } from "../helpers/tmp.ts";

/**
 * The GitHub Actions workflows cannot run here. They are validated against
 * GitHub's own workflow schema, use official actions only, and call only npm
 * scripts and flags that exist (each is exercised by its own tests: import
 * --check --report in test/import/cli, changes in test/review/changes, build
 * --path-prefix --base-url in test/site/build).
 */

const dir = path.join(repoRoot, ".github/workflows");
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const scripts = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"))
  .scripts as Record<string, string>;

interface Step {
  uses?: string;
  run?: string;
}
const stepsOf = (text: string): Step[] =>
  Object.values((YAML.parse(text) as { jobs: Record<string, { steps: Step[] }> }).jobs).flatMap(
    (j) => j.steps,
  );

/** `npm run NAME -- ARGS` commands of a shell script, expressions replaced by a placeholder. */
function npmRuns(run: string): { name: string; flags: string[] }[] {
  const oneLine = run.replace(/\$\{\{[^}]*\}\}/g, "X").replace(/\s*\n\s*/g, " ");
  return [...oneLine.matchAll(/npm run (?:--silent )?([\w:]+)((?: -- [^|&;]*)?)/g)].map((m) => ({
    name: m[1] as string,
    flags: [...(m[2] ?? "").matchAll(/\s(--[a-z][a-z-]*)/g)].map((f) => f[1] as string),
  }));
}

describe("the workflows folder", () => {
  it("holds the checks and the deploy (an empty folder would pass every check below)", () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });
});

describe.each(files)(".github/workflows/%s", (file) => {
  const text = readFileSync(path.join(dir, file), "utf8");

  it("uses only official actions, pinned to a major version", () => {
    const uses = stepsOf(text).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });

  it("calls only npm scripts and flags that exist", () => {
    const calls = stepsOf(text).flatMap((s) => (s.run ? npmRuns(s.run) : []));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(Object.keys(scripts)).toContain(call.name);
      const script = scripts[call.name] as string;
      const source = /scripts\/[\w-]+\.ts/.exec(script)?.[0];
      if (call.flags.length === 0) continue;
      expect(source, `${call.name} takes flags, so it is one of our scripts`).toBeDefined();
      const code = readFileSync(path.join(repoRoot, source as string), "utf8");
      for (const flag of call.flags)
        expect(code, `${source} declares ${flag}`).toMatch(
          new RegExp(`["\\s]${flag.slice(2)}"?: \\{ type:`),
        );
    }
  });
});

describe("npm run check's workflow lint (GitHub's own parser and schema)", () => {
  const run = promisify(execFile);
  const lint = async (folder?: string) => {
    try {
      const { stdout } = await run(
        ...viaTsx(["scripts/lint-workflows.ts", ...(folder ? [folder] : [])]),
        { cwd: repoRoot },
      );
      return { code: 0, output: stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, output: e.stdout + e.stderr };
    }
  };

  it("passes the repository's workflows", async () => {
    expect(await lint()).toEqual({
      code: 0,
      output: `${files.length} workflows checked, 0 errors\n`,
    });
  });

  it("fails a workflow with an unknown key or a broken expression, naming file and line", async () => {
    const folder = path.join(tempDir(), "workflows");
    mkdirSync(folder);
    writeFileSync(
      path.join(folder, "broken.yml"),
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: echo $\u007b{ github.sha( }}\n",
    );
    const { code, output } = await lint(folder);
    expect(code).toBe(1);
    expect(output).toContain("broken.yml (Line: 5, Col: 5): Unexpected value 'stepz'");
  });
});

describe("the workflows together", () => {
  const all = files.map((f) => readFileSync(path.join(dir, f), "utf8")).join("\n");
  it("check, test, keep content/ in sync, build, summarise changes, and deploy to Pages", () => {
    for (const command of [
      "npm run check",
      "npm test",
      "npm run import -- --check",
      "npm run build",
      "changes",
    ])
      expect(all).toContain(command);
    expect(all).toContain("actions/deploy-pages@");
    expect(all).toMatch(/--path-prefix "\$\{\{ steps\.pages\.outputs\.base_path \}\}\/"/);
  });
});
