import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../scripts/lib/import/run.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";
import {
  fitSummary,
  markdownText,
  summariseChanges,
  visibleControls,
} from "../../scripts/lib/review/changes.ts";
import { viaTsx } from "../helpers/command.ts";
import { pipelineContext } from "../helpers/context.ts";
import { tempDir } from "../helpers/tmp.ts";

/**
 * `npm run changes` on a scratch git repository with real history: an archive
 * imported and committed on main, then a branch that adds, dates, edits and
 * removes articles the way a contributor would.
 */

const runAsync = promisify(execFile);
const changesScript = path.join(repoRoot, "scripts/changes.ts");

function dump(headline: string, body: string[], dateLine?: string): string {
  return [headline, "", ...(dateLine ? [dateLine, ""] : []), ...body.flatMap((p) => [p, ""])].join(
    "\n",
  );
}

let repo: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
const importRaw = (dryRun = false) =>
  runImport({
    ...pipelineContext(),
    inDir: path.join(repo, "raw"),
    outDir: path.join(repo, "content/articles"),
    dryRun,
    cacheFile: null,
  });
const write = (rel: string, text: string) => writeFileSync(path.join(repo, rel), text);

beforeAll(async () => {
  repo = tempDir("nashra-changes-");
  mkdirSync(path.join(repo, "raw"));
  git("init", "-q", "-b", "main");
  git("config", "user.email", "editor@example.org");
  git("config", "user.name", "Editor");

  write("raw/a.txt", dump("انفجار في بغداد", ["وقع انفجار في بغداد صباح اليوم."], "2025-11-16"));
  write("raw/b.txt", dump("اجتماع في أربيل", ["عقد اجتماع في أربيل."]));
  write(
    "raw/c.txt",
    dump("قمة في الرياض", ["افتتحت القمة في الرياض.", "وحضرها وزراء."], "2025-11-10"),
  );
  write("raw/e.txt", dump("زيارة إلى دمشق", ["وصل وفد إلى دمشق."], "2025-11-12"));
  await importRaw();
  git("add", ".");
  git("commit", "-q", "-m", "archive");

  git("checkout", "-q", "-b", "feature");
  // Added: an undated article with a tag the archive has never had.
  write("raw/d.txt", dump("تظاهرة في الموصل", ["خرج الآلاف في الموصل."]));
  // Dated: b gains a date line, so its file moves from undated/ to 2025/11/.
  write("raw/b.txt", dump("اجتماع في أربيل", ["عقد اجتماع في أربيل."], "2025-11-20"));
  // One paragraph corrected in the dump.
  write(
    "raw/c.txt",
    dump("قمة في الرياض", ["افتتحت القمة في الرياض.", "وحضرها وزراء الخارجية."], "2025-11-10"),
  );
  // Removed: dump and article.
  rmSync(path.join(repo, "raw/a.txt"));
  rmSync(path.join(repo, "content/articles/2025/11/انفجار-في-بغداد.md"));
  await importRaw();
  // A hand edit of a title, as an editor fixes it.
  const e = path.join(repo, "content/articles/2025/11/زيارة-الى-دمشق.md");
  writeFileSync(
    e,
    readFileSync(e, "utf8")
      .replace("title: زيارة إلى دمشق", "title: زيارة وفد إلى دمشق")
      // …and gives it a photo.
      .replace(
        "\ntags:",
        "\nimage:\n  src: media/ab/ab12.jpg\n  width: 800\n  height: 600\n  caption: الوفد\nfigures:\n  - after: 2\n    src: media/cd/cd34.jpg\n    width: 640\n    height: 480\n    caption: المطار\ntags:",
      ),
  );
  git("add", ".");
  git("commit", "-q", "-m", "feature");
});

describe("npm run changes", () => {
  it("lists added, modified and removed articles between two revisions, with field and paragraph changes", () => {
    const summary = summariseChanges({ cwd: repo, base: "main", head: "feature" });
    const byTitle = new Map(summary.changes.map((c) => [(c.after ?? c.before)?.title, c]));
    expect(summary.changes.map((c) => c.kind)).toEqual([
      "added",
      "modified",
      "modified",
      "modified",
      "removed",
    ]);

    expect(byTitle.get("تظاهرة في الموصل")?.kind).toBe("added");
    expect(byTitle.get("انفجار في بغداد")?.kind).toBe("removed");

    // The move from undated/ is one modified article, with its date change in words.
    const dated = byTitle.get("اجتماع في أربيل");
    expect(dated?.fieldChanges).toEqual([
      "file: content/articles/undated/اجتماع-في-اربيل.md → content/articles/2025/11/اجتماع-في-اربيل.md",
      "date: none → 2025-11-20",
      expect.stringMatching(/^source\.sha256: [0-9a-f]{64} → [0-9a-f]{64}$/),
    ]);
    expect(dated?.paragraphsChanged).toBe(0);

    const corrected = byTitle.get("قمة في الرياض");
    expect(corrected?.paragraphsChanged).toBe(1);
    expect(corrected?.fieldChanges).toEqual([expect.stringMatching(/^source\.sha256: /)]);

    expect(byTitle.get("زيارة وفد إلى دمشق")?.fieldChanges).toEqual([
      "title: زيارة إلى دمشق → زيارة وفد إلى دمشق",
      "image.src: none → media/ab/ab12.jpg",
      "image.width: none → 800",
      "image.height: none → 600",
      "image.caption: none → الوفد",
      "figures: +media/cd/cd34.jpg after paragraph 2 «المطار»",
    ]);
    expect(summary.newTags).toEqual(["الموصل"]);
  });

  it("renders a Markdown comment: counts, linked titles with date and tags, per-field changes, pages that change", () => {
    const { markdown } = summariseChanges({
      cwd: repo,
      base: "main",
      head: "feature",
      linkBase: "https://github.com/o/r/blob/abc/",
    });
    expect(markdown).toContain("**1 added · 3 modified · 1 removed** · new tags: «الموصل»");
    expect(markdown).toContain(
      `| [تظاهرة في الموصل](https://github.com/o/r/blob/abc/${encodeURI("content/articles/undated/تظاهرة-في-الموصل.md")}) | undated | الموصل |`,
    );
    expect(markdown).toMatch(
      /- \[اجتماع في أربيل\]\([^)]+\): file: .*; date: none → 2025-11-20; source.sha256: /,
    );
    expect(markdown).toMatch(
      /- \[قمة في الرياض\]\([^)]+\): source.sha256: [^\n]*; 1 paragraph changed\n/,
    );
    expect(markdown).toContain("- انفجار في بغداد (`content/articles/2025/11/انفجار-في-بغداد.md`)");
    // 5 distinct article pages before/after plus the moved one's old page.
    expect(markdown).toMatch(/6 article pages, the listings of \d+ tags and \d+ days/);

    // Rendered as GitHub would, every title is a link to the file.
    const html = new MarkdownIt().render(markdown);
    expect(html).toContain('<a href="https://github.com/o/r/blob/abc/');
    expect(html).toContain("<table>");
  });

  it("adds the import report's warnings for the inputs that changed: no date, rejected inputs, duplicates", async () => {
    write("raw/bad.json", "{ not json");
    write("raw/d2.txt", readFileSync(path.join(repo, "raw/d.txt"), "utf8"));
    try {
      const report = await importRaw(true);
      const { markdown } = summariseChanges({ cwd: repo, base: "main", head: "feature", report });
      const warnings = markdown.split("### Import warnings")[1]?.split("###")[0] ?? "";
      expect(warnings).toContain("- d.txt: no date");
      expect(warnings).toMatch(/- rejected bad.json: .*JSON/);
      expect(warnings).toContain("- duplicate d2.txt of d.txt");
      // Unchanged inputs' warnings are not repeated in every pull request.
      expect(warnings).not.toContain("- c.txt");
    } finally {
      rmSync(path.join(repo, "raw/bad.json"));
      rmSync(path.join(repo, "raw/d2.txt"));
    }
  });

  it("by default compares the merge-base with main against the working tree, untracked files included", async () => {
    write("raw/f.txt", dump("مؤتمر في عمّان", ["بدأ المؤتمر."], "2025-11-21"));
    await importRaw();
    try {
      const { stdout } = await runAsync(...viaTsx([changesScript]), {
        cwd: repo,
      });
      expect(stdout).toContain("**2 added · 3 modified · 1 removed**");
      expect(stdout).toContain("[مؤتمر في عمّان](content/articles/2025/11/");
    } finally {
      git("clean", "-q", "-fd");
      git("checkout", "-q", ".");
    }
  });

  it("takes the pull-request workflow's flags: the import report, a link base and a length limit", async () => {
    const report = path.join(tempDir(), "import-report.json");
    writeFileSync(report, JSON.stringify(await importRaw(true)));
    const args = [
      "main",
      "feature",
      "--report",
      report,
      "--link-base",
      "https://example.org/blob/x/",
    ];
    const { stdout: whole } = await runAsync(...viaTsx([changesScript, ...args]), { cwd: repo });
    expect(whole).toContain("### Import warnings");
    expect(whole).toContain("](https://example.org/blob/x/content/articles/");
    const { stdout: cut } = await runAsync(
      ...viaTsx([changesScript, ...args, "--max-length", "400"]),
      {
        cwd: repo,
      },
    );
    expect(cut.length).toBeLessThanOrEqual(400);
    expect(whole.startsWith(cut.slice(0, cut.indexOf("\n\n…")))).toBe(true);
    expect(cut).toContain("cut to fit a comment");
  });

  it("reports no article changes between a revision and itself", () => {
    const { changes, markdown } = summariseChanges({ cwd: repo, base: "feature", head: "feature" });
    expect(changes).toEqual([]);
    expect(markdown).toContain("No article changes.");
  });
});

describe("markdownText (dump text in a pull-request comment)", () => {
  const md = new MarkdownIt();
  const decode = (html: string) =>
    html
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");

  it("renders as exactly the text it was given, whatever markup the text holds", () => {
    const pieces = fc.constantFrom(
      "*",
      "_",
      "`",
      "[x](y)",
      "<img src=x>",
      "|",
      "#",
      "1.",
      "- ",
      "> ",
      "&amp;",
      "\\",
      "!",
      "~~",
      "{{ }}",
      "خبر",
      " ",
      "a",
    );
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 12 }), (parts) => {
        const text = parts.join("").trim();
        fc.pre(text.length > 0);
        expect(decode(md.renderInline(markdownText(text)))).toBe(
          text.replace(/ {2,}/g, " ").replace(/ $/, ""),
        );
      }),
    );
  });

  it("keeps a table row one row and one cell", () => {
    const html = md.render(`| a | b |\n|---|---|\n| ${markdownText("x | y\nz")} | 2 |\n`);
    expect(html).toContain("<td>x | y z</td>");
  });
});

describe("fitSummary", () => {
  it("leaves a summary that fits alone, and cuts a long one at a line, within the limit", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 80 }).map((l) => l.replace(/\n/g, "")),
          { maxLength: 60 },
        ),
        fc.integer({ min: 100, max: 3000 }),
        (lines, max) => {
          const text = `${lines.join("\n")}\n`;
          const fitted = fitSummary(text, max);
          if (text.length <= max) expect(fitted).toBe(text);
          else {
            expect(fitted.length).toBeLessThanOrEqual(max);
            const kept = fitted.slice(0, fitted.indexOf("\n\n… (cut"));
            expect(text.startsWith(`${kept}\n`) || kept === "").toBe(true);
          }
        },
      ),
    );
  });
});

describe("a summary of hostile text", () => {
  const md = new MarkdownIt({ html: true });

  it("escapes a hand-edited date, keeps a removed path with a backtick in its code span, and pings no one", () => {
    const hostile = tempDir("nashra-changes-hostile-");
    const g = (...args: string[]) => execFileSync("git", args, { cwd: hostile, encoding: "utf8" });
    const put = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(hostile, rel)), { recursive: true });
      writeFileSync(path.join(hostile, rel), text);
    };
    const article = (title: string, date: string, file: string) =>
      `---\ntitle: ${JSON.stringify(title)}\ndate: ${JSON.stringify(date)}\ntags: [بغداد]\nsource:\n  file: ${file}\n---\n\nنص الخبر.\n`;
    g("init", "-q", "-b", "main");
    g("config", "user.email", "editor@example.org");
    g("config", "user.name", "Editor");
    put("content/articles/undated/a`b.md", article("خبر قديم", "2025-01-01", "old.txt"));
    g("add", ".");
    g("commit", "-q", "-m", "base");
    g("checkout", "-q", "-b", "feature");
    g("rm", "-q", "content/articles/undated/a`b.md");
    put(
      "content/articles/undated/new.md",
      article(
        "بيان @octocat عن \u202Eالانتخابات",
        "2025-01-02 <img src=x onerror=alert(1)>|<details open><summary>✅ Approved",
        "new.txt",
      ),
    );
    g("add", ".");
    g("commit", "-q", "-m", "feature");
    const { markdown } = summariseChanges({ cwd: hostile, base: "main", head: "feature" });
    const html = md.render(markdown);
    // No markup from the date reaches the comment, and the table row keeps its three cells.
    expect(html).not.toMatch(/<img|<details|<summary/);
    const row = html.split("<tbody>")[1]?.split("</tr>")[0] ?? "";
    expect(row.match(/<td>/g)?.length).toBe(3);
    // The removed path is one code span, whole.
    expect(html).toContain("<code>content/articles/undated/a`b.md</code>");
    // No mention, and the override is shown, not obeyed.
    expect(markdown).not.toMatch(/@[\p{L}\p{N}_]/u);
    expect(markdown).not.toContain("\u202E");
    expect(markdown).toContain("⟨U+202E⟩");
  });

  it("shows invisible controls, but not a joiner between two letters (Persian می‌خواهد)", () => {
    expect(visibleControls("a\u200Bb \u2066x\u2069 \uFEFF")).toBe(
      "a⟨U+200B⟩b ⟨U+2066⟩x⟨U+2069⟩ ⟨U+FEFF⟩",
    );
    expect(visibleControls("می\u200Cخواهد")).toBe("می\u200Cخواهد");
    expect(visibleControls("\u200Cخبر")).toBe("⟨U+200C⟩خبر");
  });
});
