import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { frontMatterFields, splitArticleFile } from "../article-file.ts";
import { compareStrings } from "../files.ts";
import type { ImportReport } from "../import/report.ts";
import { URLS } from "../site/urls.ts";

/**
 * What a pull request does to the archive, in words a reviewer reads in a
 * comment: articles added, removed and modified (with each front-matter
 * change and how many paragraphs changed), new tags, the import's warnings,
 * and how many pages of the site change. Compares two git revisions of
 * content/articles, or a revision and the working tree.
 */

export interface ChangesOptions {
  /** Repository folder (git work tree). */
  cwd: string;
  base: string;
  /** A revision, or undefined for the working tree. */
  head?: string;
  articlesDir?: string;
  /** The import's --report, for its warnings. */
  report?: ImportReport;
  /** Prefix for links to article files, e.g. https://github.com/o/r/blob/<sha>/; default: repository-relative paths. */
  linkBase?: string;
}

interface Snapshot {
  path: string;
  title: string;
  date?: string;
  fields: Record<string, unknown>;
  body: string[];
  source?: string;
}

export interface ArticleChange {
  kind: "added" | "removed" | "modified";
  before?: Snapshot;
  after?: Snapshot;
  fieldChanges: string[];
  paragraphsChanged: number;
}

export interface ChangeSummary {
  changes: ArticleChange[];
  newTags: string[];
  markdown: string;
}

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}

/** The default base: where this branch left main (or origin/main). */
export function defaultBase(cwd: string): string {
  for (const ref of ["main", "origin/main"]) {
    try {
      return git(cwd, ["merge-base", "HEAD", ref]).trim();
    } catch {
      // try the next
    }
  }
  return "HEAD";
}

function parse(file: string, text: string): Snapshot {
  let fields: Record<string, unknown> = {};
  let body = text;
  try {
    const read = frontMatterFields(text);
    if (read) ({ fields, body } = read);
  } catch {
    fields = { "(front matter)": "not valid YAML" };
    body = splitArticleFile(text)?.body ?? text;
  }
  const source = (fields.source ?? {}) as { file?: unknown; record?: unknown };
  return {
    path: file,
    title: typeof fields.title === "string" ? fields.title : file,
    ...(typeof fields.date === "string" ? { date: fields.date } : {}),
    fields,
    body: body
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0),
    ...(typeof source.file === "string"
      ? { source: source.record === undefined ? source.file : `${source.file}:${source.record}` }
      : {}),
  };
}

const show = (v: unknown) =>
  v === undefined || v === null ? "none" : typeof v === "string" ? v : JSON.stringify(v);
const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** Front-matter changes in a reviewer's words: «date: none → 2025-11-16», «tags: +بغداد −العراق». */
function fieldChanges(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(after.fields), ...Object.keys(before.fields)])].filter(
    (k) => k !== "imported",
  );
  for (const key of keys) {
    const a = before.fields[key];
    const b = after.fields[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (key === "tags" || key === "related") {
      const added = asList(b).filter((t) => !asList(a).includes(t));
      const removed = asList(a).filter((t) => !asList(b).includes(t));
      const parts = [...added.map((t) => `+${t}`), ...removed.map((t) => `−${t}`)];
      out.push(`${key}: ${parts.length > 0 ? parts.join(" ") : "reordered"}`);
    } else if (key === "source" || key === "image") {
      const sa = (a ?? {}) as Record<string, unknown>;
      const sb = (b ?? {}) as Record<string, unknown>;
      for (const k of [...new Set([...Object.keys(sa), ...Object.keys(sb)])]) {
        if (JSON.stringify(sa[k]) !== JSON.stringify(sb[k]))
          out.push(`${key}.${k}: ${show(sa[k])} → ${show(sb[k])}`);
      }
    } else if (key === "figures") {
      out.push(...figureChanges(a, b));
    } else {
      out.push(`${key}: ${show(a)} → ${show(b)}`);
    }
  }
  return out;
}

/**
 * The photos inside an article, by file: «figures: +media/ab/….jpg after paragraph 2
 * «caption»», «figures: −…», «figures media/ab/….jpg after: 2 → 3».
 */
function figureChanges(a: unknown, b: unknown): string[] {
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : []).filter(
      (f): f is Record<string, unknown> => typeof f === "object" && f !== null,
    );
  const bySrc = (v: unknown) => new Map(list(v).map((f) => [show(f.src), f]));
  const before = bySrc(a);
  const after = bySrc(b);
  const label = (f: Record<string, unknown>) =>
    `${show(f.src)} after paragraph ${show(f.after)}${typeof f.caption === "string" ? ` «${f.caption}»` : ""}`;
  const out: string[] = [];
  for (const [src, f] of after) if (!before.has(src)) out.push(`figures: +${label(f)}`);
  for (const [src, f] of before) if (!after.has(src)) out.push(`figures: −${label(f)}`);
  for (const [src, fb] of after) {
    const fa = before.get(src);
    if (!fa) continue;
    for (const k of [...new Set([...Object.keys(fa), ...Object.keys(fb)])])
      if (JSON.stringify(fa[k]) !== JSON.stringify(fb[k]))
        out.push(`figures ${src} ${k}: ${show(fa[k])} → ${show(fb[k])}`);
  }
  return out.length > 0 ? out : ["figures: reordered"];
}

/** Paragraphs of one version not in the other, counted both ways, matched as multisets. */
function paragraphsChanged(a: string[], b: string[]): number {
  const count = (xs: string[]) => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  let onlyA = 0;
  let onlyB = 0;
  for (const [p, n] of ca) onlyA += Math.max(0, n - (cb.get(p) ?? 0));
  for (const [p, n] of cb) onlyB += Math.max(0, n - (ca.get(p) ?? 0));
  return Math.max(onlyA, onlyB);
}

export function summariseChanges(options: ChangesOptions): ChangeSummary {
  const dir = options.articlesDir ?? "content/articles";
  const { cwd, base, head } = options;
  const read = (rev: string | undefined, file: string) =>
    rev === undefined
      ? readFileSync(path.join(cwd, file), "utf8")
      : git(cwd, ["show", `${rev}:${file}`]);

  // Changed files: committed (and, for the working tree, uncommitted and untracked) ones.
  // NUL-separated (-z): names stay as they are, Arabic and all, never quoted or escaped.
  const diffArgs = [
    "diff",
    "--name-status",
    "--no-renames",
    "-z",
    base,
    ...(head ? [head] : []),
    "--",
    dir,
  ];
  const fields = git(cwd, diffArgs).split("\0").filter(Boolean);
  const entries: { status: string; file: string }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    entries.push({ status: fields[i] as string, file: fields[i + 1] as string });
  }
  if (!head) {
    const untracked = git(cwd, ["ls-files", "-z", "--others", "--exclude-standard", "--", dir]);
    for (const file of untracked.split("\0").filter(Boolean)) entries.push({ status: "A", file });
  }
  const added: Snapshot[] = [];
  const removed: Snapshot[] = [];
  const changes: ArticleChange[] = [];
  for (const { status, file } of entries) {
    if (!file.endsWith(".md")) continue;
    if (status.startsWith("A")) added.push(parse(file, read(head, file)));
    else if (status.startsWith("D")) removed.push(parse(file, read(base, file)));
    else {
      const before = parse(file, read(base, file));
      const after = parse(file, read(head, file));
      changes.push({
        kind: "modified",
        before,
        after,
        fieldChanges: fieldChanges(before, after),
        paragraphsChanged: paragraphsChanged(before.body, after.body),
      });
    }
  }
  // An article that moved (its date changed) is one modified article, not a removal and an addition.
  const removedBySource = new Map(
    removed.filter((r) => r.source).map((r) => [r.source as string, r]),
  );
  for (const after of added) {
    const before = after.source ? removedBySource.get(after.source) : undefined;
    if (before) {
      removedBySource.delete(after.source as string);
      changes.push({
        kind: "modified",
        before,
        after,
        fieldChanges: [`file: ${before.path} → ${after.path}`, ...fieldChanges(before, after)],
        paragraphsChanged: paragraphsChanged(before.body, after.body),
      });
    } else
      changes.push({
        kind: "added",
        after,
        fieldChanges: [],
        paragraphsChanged: after.body.length,
      });
  }
  for (const before of removed) {
    if (!before.source || removedBySource.has(before.source)) {
      changes.push({
        kind: "removed",
        before,
        fieldChanges: [],
        paragraphsChanged: before.body.length,
      });
    }
  }
  const order = { added: 0, modified: 1, removed: 2 };
  changes.sort(
    (a, b) =>
      order[a.kind] - order[b.kind] ||
      compareStrings((a.after ?? a.before)?.path ?? "", (b.after ?? b.before)?.path ?? ""),
  );

  // Tags no article of the base revision had.
  const baseTags = new Set<string>();
  try {
    for (const line of git(cwd, ["grep", "-h", "^tags:", base, "--", dir]).split("\n")) {
      const value = line.replace(/^[^:]*:tags:\s*/, "").replace(/^tags:\s*/, "");
      for (const t of asList(YAML.parse(value))) baseTags.add(t);
    }
  } catch {
    // no article had tags
  }
  const newTags = [
    ...new Set(
      changes
        .flatMap((c) => (c.after ? asList(c.after.fields.tags) : []))
        .filter((t) => !baseTags.has(t)),
    ),
  ].sort(compareStrings);

  return { changes, newTags, markdown: render(changes, newTags, options) };
}

/**
 * Dump text as literal Markdown inline text: a title may hold `*`, `|`, `<img>`
 * or a link, and the comment must show it, not render it (GitHub renders
 * Markdown and some HTML in comments). Line breaks become spaces so a table
 * row stays one row.
 */
export function markdownText(text: string): string {
  return (
    visibleControls(text)
      .replace(/\s+/g, " ")
      .trim()
      .replace(/[\\`*_[\]<>&|~!]/g, "\\$&")
      .replace(/^(#|[-+=]|\d+(?=[.)]))/, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`))
      // «@name» in a title would notify that GitHub user: an empty comment breaks the mention.
      .replace(/@(?=[\p{L}\p{N}_-])/gu, "@<!-- -->")
  );
}

/** Text as a Markdown code span that no backtick in it can close (a path may hold one). */
export function codeSpan(text: string): string {
  const inner = visibleControls(text).replace(/\s+/g, " ");
  const longest = Math.max(0, ...(inner.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = inner.startsWith("`") || inner.endsWith("`") ? " " : "";
  return `${fence}${pad}${inner}${pad}${fence}`;
}

/**
 * Characters that change how the text around them is shown without being
 * seen — bidi embeddings, overrides and isolates (an unterminated U+202E
 * reverses the rest of a line: Trojan-source style), zero-width spaces, the
 * BOM — written as ⟨U+202E⟩ so a reviewer sees them. The archive keeps them
 * as the source had them (an article is faithful to its source); only the
 * review shows them. A zero-width (non-)joiner between two letters is
 * ordinary Persian and Arabic typography and is left alone.
 */
export function visibleControls(text: string): string {
  return text.replace(INVISIBLE, (ch, at: number, whole: string) =>
    JOINERS.includes(ch) && LETTER.test(whole[at - 1] ?? "") && LETTER.test(whole[at + 1] ?? "")
      ? ch
      : `⟨U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}⟩`,
  );
}

const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const JOINERS = "\u200c\u200d";
const LETTER = /\p{L}/u;

function render(changes: ArticleChange[], newTags: string[], options: ChangesOptions): string {
  const link = (s: Snapshot) =>
    `[${markdownText(s.title)}](${options.linkBase ?? ""}${encodeURI(s.path).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
  const tags = (s: Snapshot) => asList(s.fields.tags).map(markdownText).join("، ") || "—";
  const count = (kind: ArticleChange["kind"]) => changes.filter((c) => c.kind === kind).length;
  const out: string[] = ["## Archive changes", ""];
  out.push(
    `**${count("added")} added · ${count("modified")} modified · ${count("removed")} removed**` +
      (newTags.length > 0
        ? ` · new tags: ${newTags.map((t) => `«${markdownText(t)}»`).join("، ")}`
        : ""),
    "",
  );
  const added = changes.filter((c) => c.kind === "added");
  if (added.length > 0) {
    out.push("### Added", "", "| article | date | tags |", "|---|---|---|");
    for (const c of added) {
      const s = c.after as Snapshot;
      out.push(`| ${link(s)} | ${s.date ? markdownText(s.date) : "undated"} | ${tags(s)} |`);
    }
    out.push("");
  }
  const modified = changes.filter((c) => c.kind === "modified");
  if (modified.length > 0) {
    out.push("### Modified", "");
    for (const c of modified) {
      const parts = [...c.fieldChanges];
      if (c.paragraphsChanged > 0)
        parts.push(
          `${c.paragraphsChanged} paragraph${c.paragraphsChanged === 1 ? "" : "s"} changed`,
        );
      out.push(
        `- ${link(c.after as Snapshot)}: ${parts.map(markdownText).join("; ") || "formatting only"}`,
      );
    }
    out.push("");
  }
  const removed = changes.filter((c) => c.kind === "removed");
  if (removed.length > 0) {
    out.push("### Removed", "");
    for (const c of removed)
      out.push(
        `- ${markdownText((c.before as Snapshot).title)} (${codeSpan((c.before as Snapshot).path)})`,
      );
    out.push("");
  }

  const report = options.report;
  if (report) {
    const changedSources = new Set(
      changes.flatMap((c) => [c.after?.source, c.before?.source]).filter(Boolean),
    );
    const id = (i: { file: string; record?: number }) =>
      i.record === undefined ? i.file : `${i.file}:${i.record}`;
    const name = (i: { file: string; record?: number }) => markdownText(id(i));
    const warnings: string[] = [];
    for (const input of report.inputs) {
      if (input.outcome === "rejected")
        warnings.push(`- rejected ${name(input)}: ${markdownText(input.reason ?? "")}`);
      else if (input.outcome === "skipped")
        warnings.push(`- skipped ${name(input)}: ${markdownText(input.reason ?? "")}`);
      else if (input.outcome === "duplicate")
        warnings.push(`- duplicate ${name(input)} of ${markdownText(input.duplicateOf ?? "")}`);
      else if (changedSources.has(id(input))) {
        for (const w of input.warnings) warnings.push(`- ${name(input)}: ${markdownText(w)}`);
      }
    }
    for (const orphan of report.orphans)
      warnings.push(`- orphan ${markdownText(orphan)}: its dump is no longer in raw/`);
    if (warnings.length > 0) out.push("### Import warnings", "", ...warnings, "");
  }

  // Pages of the site whose output changes: the articles, their tag pages and their days.
  const articlePages = new Set<string>();
  const tagPages = new Set<string>();
  const datePages = new Set<string>();
  for (const c of changes) {
    for (const s of [c.before, c.after]) {
      if (!s) continue;
      articlePages.add(URLS.article(s.path.replace(/^.*?articles\//, "")));
      for (const t of asList(s.fields.tags)) tagPages.add(t);
      datePages.add(s.date ? URLS.day(s.date.slice(0, 10)) : URLS.undated);
    }
  }
  if (changes.length > 0) {
    out.push(
      "### Site pages that change",
      "",
      `${articlePages.size} article page${articlePages.size === 1 ? "" : "s"}, the listings of ${tagPages.size} tag${tagPages.size === 1 ? "" : "s"} and ${datePages.size} day${datePages.size === 1 ? "" : "s"} of the archive (and the home page, feeds and sitemap).`,
      "",
    );
  } else out.push("No article changes.", "");
  return out.join("\n");
}

/**
 * A summary cut at a line to fit `max` characters (a GitHub comment holds at
 * most 65,536), saying where the rest can be read.
 */
export function fitSummary(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  const note = "\n\n… (cut to fit a comment: run `npm run changes` for the whole summary)\n";
  const cut = markdown.lastIndexOf("\n", Math.max(0, max - note.length));
  return `${markdown.slice(0, Math.max(0, cut))}${note}`;
}
