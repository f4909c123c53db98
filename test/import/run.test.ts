import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { deserialize } from "node:v8";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileStamp, listFiles } from "../../scripts/lib/files.ts";
import type { Article } from "../../scripts/lib/import/article.ts";
import { fingerprintsDirFor, type ImportCache } from "../../scripts/lib/import/cache.ts";
import { choosePath } from "../../scripts/lib/import/place.ts";
import { inSync } from "../../scripts/lib/import/report.ts";
import { runImport } from "../../scripts/lib/import/run.ts";
import { slugify } from "../../scripts/lib/slug.ts";
import { pipelineContext, SPECIMEN } from "../helpers/context.ts";
import { mastheadDump as dump } from "../helpers/dumps.ts";
import { fileHashes } from "../helpers/files.ts";
import { tempDir } from "../helpers/tmp.ts";

async function importFolder(inDir: string, outDir: string, force = false, dryRun = false) {
  return runImport({ ...pipelineContext(), inDir, outDir, force, dryRun });
}

describe("npm run import", () => {
  it("imports a folder, then a second run changes no byte", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    copyFileSync(SPECIMEN, path.join(raw, "000_de5a449507217197.txt"));
    writeFileSync(
      path.join(raw, "001_a.txt"),
      dump("خبر من بغداد", ["فقرة أولى عن بغداد."], "2025-11-16"),
    );
    writeFileSync(
      path.join(raw, "002_b.txt"),
      dump("خبر بوقت", ["فقرة قصيرة."], "الأحد، 2 مارس 2025 - 10:30 ص"),
    );

    const first = await importFolder(raw, out);
    expect(first.inputs.map((i) => i.outcome)).toEqual(["imported", "imported", "imported"]);
    expect(first.inputs[1]?.article).toBe("2025/11/خبر-من-بغداد.md");
    expect(first.inputs[2]?.article).toBe("2025/03/خبر-بوقت.md");
    expect(first.inputs[0]?.article).toMatch(/^undated\//);
    const before = fileHashes(out);

    const second = await importFolder(raw, out);
    expect(second.inputs.map((i) => i.outcome)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(fileHashes(out)).toEqual(before);
    const written = readFileSync(path.join(out, "2025/03/خبر-بوقت.md"), "utf8");
    expect(written).toContain("date: 2025-03-02T10:30:00+02:00\n");
    expect(written).toMatch(/\n$/);
    expect(written).not.toMatch(/[ \t]\n/);
  });

  it("writes the front-matter keys in the documented order", async () => {
    const root = tempDir();
    mkdirSync(path.join(root, "raw"));
    writeFileSync(
      path.join(root, "raw/a.txt"),
      ["عنوان الخبر", "", "2025-11-16", "", "كتب: سارة علي", "", "نص عن العراق."].join("\n"),
    );
    writeFileSync(
      path.join(root, "raw/a.meta.json"),
      JSON.stringify({ url: "https://example.org/a", section: "سياسة" }),
    );
    await importFolder(path.join(root, "raw"), path.join(root, "out"));
    const text = readFileSync(path.join(root, "out/2025/11/عنوان-الخبر.md"), "utf8");
    // The section an editor gives is written, not only read (it used to be lost).
    expect(text).toContain("\nsection: سياسة\n");
    const keys = [...text.split("\n---\n")[0]!.matchAll(/^ *([a-z0-9]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual([
      "title",
      "date",
      "lang",
      "dir",
      "author",
      "section",
      "tags",
      "related",
      "source",
      "file",
      "sha256",
      "url",
      "imported",
    ]);
    expect(text).toContain("author: سارة علي\n");
    expect(text).toContain("tags: [العراق]\n");
  });

  it("rejects bad inputs with a reason, and still imports the good ones", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "empty.txt"), "");
    writeFileSync(path.join(raw, "binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    writeFileSync(
      path.join(raw, "latin1.txt"),
      Buffer.from([0x80, 0x8f, 0xa4, 0x20, 0xbf, 0xd7, 0x20, 0xf7, 0xb6, 0x20, 0x9d, 0x81]),
    );
    writeFileSync(
      path.join(raw, "furniture.txt"),
      "رئيس التحرير\nفلان\n\nأخبار ذات صلة\n\nخبر آخر",
    );
    writeFileSync(path.join(raw, "page.html"), "<html></html>");
    writeFileSync(path.join(raw, "good.txt"), dump("خبر سليم", ["نص سليم."]));
    writeFileSync(path.join(raw, "bad.meta.json"), "{not json");
    writeFileSync(path.join(raw, "bad.txt"), dump("خبر بملف وصفي تالف", ["نص الخبر."]));

    const report = await importFolder(raw, path.join(root, "out"));
    const byFile = Object.fromEntries(report.inputs.map((i) => [i.file, i]));
    expect(byFile["good.txt"]?.outcome).toBe("imported");
    expect(byFile["empty.txt"]?.reason).toBe("empty file");
    expect(byFile["binary.txt"]?.reason).toMatch(/^binary file/);
    expect(byFile["latin1.txt"]?.reason).toMatch(/^unknown encoding/);
    expect(byFile["furniture.txt"]?.reason).toMatch(/^no article/);
    expect(byFile["page.html"]?.reason).toMatch(/no article text found in the HTML page/);
    expect(byFile["bad.txt"]?.reason).toMatch(/sidecar bad.meta.json is not valid JSON/);
    expect(report.inputs.filter((i) => i.outcome === "rejected")).toHaveLength(6);
  });

  it("names the file and the reason in one line for hostile inputs, and says what it did not read", {
    timeout: 20_000,
  }, async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "good.txt"), dump("خبر سليم", ["نص سليم."]));
    // A name that is not UTF-8 (byte 0xFF).
    writeFileSync(
      Buffer.concat([Buffer.from(`${raw}/bad`), Buffer.from([0xff]), Buffer.from("name.txt")]),
      dump("خبر باسم ملف تالف", ["نص الخبر."]),
    );
    writeFileSync(path.join(raw, "deep.json"), `${"[".repeat(50_000)}${"]".repeat(50_000)}`);
    writeFileSync(
      path.join(raw, "deep.jsonl"),
      `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}\n`,
    );
    writeFileSync(
      path.join(raw, "deep-ld.html"),
      `<html><head><script type="application/ld+json">${'{"@graph":['.repeat(20_000)}${"]}".repeat(20_000)}</script></head><body><article><h1>عنوان الخبر</h1><p>${"نص الخبر في بغداد اليوم. ".repeat(20)}</p></article></body></html>`,
    );
    writeFileSync(
      path.join(raw, "deep-divs.html"),
      `<html><body>${"<div>".repeat(5_000)}<h1>عنوان</h1><p>${"نص الخبر. ".repeat(30)}</p>${"</div>".repeat(5_000)}</body></html>`,
    );
    symlinkSync(path.join(raw, "good.txt"), path.join(raw, "link.txt"));
    writeFileSync(
      path.join(raw, "impossible.txt"),
      dump("خبر بتاريخ لا وجود له", ["نص الخبر الأول في بغداد اليوم."], "السبت 29 فبراير 2025"),
    );

    const articles = new Map<string, Article>();
    const report = await runImport({
      ...pipelineContext(),
      inDir: raw,
      outDir: path.join(root, "out"),
      onArticle: (input, article) => articles.set(input.file, article),
    });
    const byFile = Object.fromEntries(report.inputs.map((i) => [i.file, i]));
    for (const input of report.inputs) {
      expect(input.reason ?? "", input.file).not.toMatch(/internal error|\n|\s+at /);
    }
    expect(byFile["bad\uFFFDname.txt"]).toMatchObject({
      outcome: "rejected",
      reason: "the file name is not valid UTF-8: rename it",
    });
    expect(byFile["deep.json"]?.reason).toMatch(/^JSON nested deeper than \d+ levels$/);
    expect(report.inputs.find((i) => i.file === "deep.jsonl")?.reason).toMatch(/nested deeper/);
    expect(byFile["deep-ld.html"]?.outcome).toBe("imported");
    // Bounded: rejected at once, where the walks over 5,000 levels never finished.
    expect(byFile["deep-divs.html"]?.reason).toMatch(/^HTML nested deeper than 512 elements/);
    expect(byFile["link.txt"]).toMatchObject({ outcome: "skipped" });
    expect(byFile["link.txt"]?.reason).toMatch(/symbolic link: not followed/);
    expect(byFile["good.txt"]?.outcome).toBe("imported");
    // A date line naming no real day is not a paragraph of the article, and gives no date.
    const impossible = articles.get("impossible.txt");
    expect(impossible?.date).toBeUndefined();
    expect(impossible?.body.some((p) => p.includes("فبراير"))).toBe(false);
  });

  it("writes alone: a second import into a folder another is writing to stops, naming it; a dead one's lock is taken over", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    mkdirSync(out);
    writeFileSync(path.join(raw, "a.txt"), dump("خبر أول", ["نص الخبر الأول."]));
    // This very process holds the lock: as another import would.
    writeFileSync(path.join(out, ".nashra-import.lock"), `${process.ppid}\n`);
    await expect(importFolder(raw, out)).rejects.toThrow(
      /another import \(process \d+\) is writing to/,
    );
    await expect(listFiles(out)).resolves.toEqual([]);
    // A lock left by a process that is gone, and a temporary file a kill left behind.
    writeFileSync(path.join(out, ".nashra-import.lock"), "999999999\n");
    mkdirSync(path.join(out, "undated"));
    writeFileSync(path.join(out, "undated", "half.md.nashra-tmp-999999999"), "---\ntitle: نصف");
    const report = await importFolder(raw, out);
    expect(report.inputs[0]?.outcome).toBe("imported");
    expect(report.staleTemporaryFiles).toEqual(["undated/half.md.nashra-tmp-999999999"]);
    expect(readdirSync(out, { recursive: true }).map(String).sort()).toEqual([
      "undated",
      path.join("undated", "خبر-اول.md"),
    ]);
  });

  it("when it cannot write, says so for each input and still reports every one", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), dump("خبر أول", ["نص الخبر الأول."]));
    writeFileSync(path.join(raw, "b.txt"), dump("خبر ثان", ["نص الخبر الثاني."]));
    // An output folder that cannot exist: its parent is a file (as a read-only or full disk, every write fails).
    writeFileSync(path.join(root, "file"), "");
    const report = await importFolder(raw, path.join(root, "file", "out"));
    expect(report.inputs.map((i) => i.outcome)).toEqual(["rejected", "rejected"]);
    for (const input of report.inputs) {
      expect(input.reason).toMatch(/^not written to undated\/.+\.md: .*\(ENOTDIR\)$/);
    }
  });

  it("finds each record of a JSON Lines dump again on a second import: nothing moves, nothing is a copy", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    const record = (title: string, text: string) =>
      JSON.stringify({ title, date: "2025-01-02", maintext: text.repeat(3) });
    writeFileSync(
      path.join(raw, "feed.jsonl"),
      `${record("خبر أول عن الاقتصاد", "نص الخبر الأول عن الاقتصاد في بغداد. ")}\n${record("خبر ثان عن الرياضة", "نص الخبر الثاني عن الرياضة في البصرة. ")}\n`,
    );
    const first = await importFolder(raw, out);
    expect(first.inputs.map((i) => i.outcome)).toEqual(["imported", "imported"]);
    const before = fileHashes(out);
    const second = await importFolder(raw, out);
    expect(second.inputs.map((i) => i.outcome)).toEqual(["unchanged", "unchanged"]);
    expect(second.duplicateFiles ?? []).toEqual([]);
    expect(second.orphans ?? []).toEqual([]);
    expect(fileHashes(out)).toEqual(before);
  });

  it("reports a second file for one source: a stale copy goes, two edited by hand stay and fail --check", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), dump("خبر أول", ["نص الخبر الأول."]));
    await importFolder(raw, out);
    const original = path.join(out, "undated", "خبر-اول.md");
    const text = readFileSync(original, "utf8");
    // An untouched copy (what a killed move leaves): removed, and said.
    writeFileSync(path.join(out, "undated", "نسخة.md"), text);
    const first = await importFolder(raw, out);
    expect(first.duplicateFiles).toEqual(["undated/نسخة.md"]);
    expect(readdirSync(path.join(out, "undated"))).toEqual(["خبر-اول.md"]);
    // A copy edited by hand: left, and the archive is not in sync until one goes.
    writeFileSync(
      path.join(out, "undated", "نسخة.md"),
      text.replace("نص الخبر الأول.", "نص معدل."),
    );
    const second = await importFolder(raw, out);
    expect(second.duplicateFiles).toEqual(["undated/خبر-اول.md"]);
    expect(readdirSync(path.join(out, "undated"))).toEqual(["نسخة.md"]);
    expect(inSync(await importFolder(raw, out, false, true))).toBe(true);
    // Two copies both edited by hand: both stay, reported, and --check fails until one goes.
    writeFileSync(
      path.join(out, "undated", "نسخة-ثانية.md"),
      text.replace("نص الخبر الأول.", "نص آخر."),
    );
    const check = await importFolder(raw, out, false, true);
    expect(check.duplicateFiles).toEqual(["undated/نسخة.md"]);
    expect(inSync(check)).toBe(false);
    expect(readdirSync(path.join(out, "undated")).sort()).toEqual(["نسخة-ثانية.md", "نسخة.md"]);
  });

  it("gives two articles with the same title two files, whatever order they arrive in", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "b.txt"), dump("الأرصاد: طقس مستقر", ["نص ب."], "2025-11-16"));
    const first = await importFolder(raw, path.join(root, "out"));
    writeFileSync(path.join(raw, "a.txt"), dump("الأرصاد: طقس مستقر", ["نص أ."], "2025-11-20"));
    const second = await importFolder(raw, path.join(root, "out"));
    const paths = second.inputs.map((i) => i.article);
    expect(new Set(paths).size).toBe(2);
    // The article already published keeps its file (and URL) when a namesake arrives.
    expect(second.inputs.find((i) => i.file === "b.txt")?.article).toBe(first.inputs[0]?.article);
    expect(second.inputs.find((i) => i.file === "b.txt")?.outcome).toBe("unchanged");
  });

  it("keeps a hand edit, says so, and overwrites it only with --force", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), dump("عنوان أصلي", ["نص الخبر."]));
    const [input] = (await importFolder(raw, out)).inputs;
    const file = path.join(out, input!.article!);
    const edited = readFileSync(file, "utf8").replace("title: عنوان أصلي", "title: عنوان مصحح");
    writeFileSync(file, edited);

    writeFileSync(path.join(raw, "a.txt"), dump("عنوان أصلي", ["نص معدل في المصدر."]));
    const again = await importFolder(raw, out);
    expect(again.inputs[0]?.outcome).toBe("kept");
    expect(again.inputs[0]?.warnings.join()).toMatch(/edited by hand/);
    expect(readFileSync(file, "utf8")).toBe(edited);

    const forced = await importFolder(raw, out, true);
    expect(forced.inputs[0]?.outcome).toBe("updated");
    expect(readFileSync(file, "utf8")).toContain("نص معدل في المصدر.");
  });

  it("says what a sidecar added after a hand edit would change, counts the file as it is, and overwrites just one with --force-file", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), dump("خبر أول", ["نص الخبر الأول."]));
    writeFileSync(path.join(raw, "b.txt"), dump("خبر ثان", ["نص الخبر الثاني."]));
    const first = await importFolder(raw, out);
    for (const input of first.inputs) {
      const file = path.join(out, input.article as string);
      writeFileSync(file, readFileSync(file, "utf8").replace("نص الخبر", "نص الخبر المصحح"));
    }
    writeFileSync(path.join(raw, "a.meta.json"), JSON.stringify({ published: "2025-03-01" }));
    writeFileSync(path.join(raw, "b.meta.json"), JSON.stringify({ date: "2025-03-02" }));
    const report = await importFolder(raw, out);
    const byFile = Object.fromEntries(report.inputs.map((i) => [i.file, i]));
    // a: kept, still undated in the archive, and the report says the sidecar's date waits.
    expect(byFile["a.txt"]?.outcome).toBe("kept");
    expect(byFile["a.txt"]?.warnings).toContain("no date");
    expect(byFile["a.txt"]?.warnings.join()).toMatch(
      /kept as it is \(the import would change date\); --force-file undated\/خبر-اول\.md overwrites it/,
    );
    // b: a misspelt field is not ignored without a word.
    expect(byFile["b.txt"]?.reason).toMatch(
      /sidecar b\.meta\.json: unknown field "date" \(the fields are title, published/,
    );
    // Only the one named is overwritten.
    writeFileSync(path.join(raw, "b.meta.json"), JSON.stringify({ published: "2025-03-02" }));
    const forced = await runImport({
      ...pipelineContext(),
      inDir: raw,
      outDir: out,
      force: ["undated/خبر-اول.md"],
    });
    const after = Object.fromEntries(forced.inputs.map((i) => [i.file, i]));
    expect(after["a.txt"]).toMatchObject({ outcome: "updated", article: "2025/03/خبر-اول.md" });
    expect(after["b.txt"]?.outcome).toBe("kept");
  });

  it("keeps a hand-edited file an editor moved, found by its source, without writing a second copy", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), dump("عنوان بلا تاريخ", ["نص الخبر."]));
    const [input] = (await importFolder(raw, out)).inputs;
    expect(input?.article).toBe("undated/عنوان-بلا-تاريخ.md");
    // As content/README.md tells editors: add a date, move the file to its month.
    const text = readFileSync(path.join(out, input!.article!), "utf8").replace(
      "lang: ar",
      "date: 2025-11-16\nlang: ar",
    );
    mkdirSync(path.join(out, "2025/11"), { recursive: true });
    writeFileSync(path.join(out, "2025/11/عنوان-بلا-تاريخ.md"), text);
    rmSync(path.join(out, input!.article!));

    const again = await importFolder(raw, out);
    expect(again.inputs[0]).toMatchObject({
      outcome: "kept",
      article: "2025/11/عنوان-بلا-تاريخ.md",
    });
    expect(Object.keys(fileHashes(out))).toEqual(["2025/11/عنوان-بلا-تاريخ.md"]);
    expect(inSync(await importFolder(raw, out, false, true))).toBe(true);
  });

  it("moves an article when its date changes, and reports orphans without deleting them", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), dump("خبر متنقل", ["نص الخبر."]));
    writeFileSync(path.join(raw, "gone.txt"), dump("خبر سيحذف مصدره", ["نص الخبر."]));
    await importFolder(raw, out);
    writeFileSync(path.join(raw, "a.txt"), dump("خبر متنقل", ["نص الخبر."], "2024-02-29"));
    const { rmSync } = await import("node:fs");
    rmSync(path.join(raw, "gone.txt"));
    const report = await importFolder(raw, out);
    expect(report.inputs[0]).toMatchObject({ outcome: "updated", article: "2024/02/خبر-متنقل.md" });
    // The old URL is recorded, for the build's redirect page.
    expect(await listFiles(out)).toEqual([
      "2024/02/خبر-متنقل.md",
      "redirects.yaml",
      "undated/خبر-سيحذف-مصدره.md",
    ]);
    expect(readFileSync(path.join(out, "redirects.yaml"), "utf8")).toContain(
      "undated/خبر-متنقل.md: 2024/02/خبر-متنقل.md",
    );
    expect(report.orphans).toEqual(["undated/خبر-سيحذف-مصدره.md"]);
  });
});

describe("what the import does across dumps", () => {
  const P = (n: number) =>
    `فقرة رقم ${n} من نص الخبر الطويل بما يكفي ليبدو فقرة حقيقية عن بغداد والعراق والمنطقة.`;

  it("imports the same article dumped twice once, and names the duplicate", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    writeFileSync(
      path.join(raw, "a.txt"),
      ["رئيس التحرير", "فلان", "", "خبر مكرر", "", P(1), "", "آخر الأخبار", "شريط أول"].join("\n"),
    );
    writeFileSync(
      path.join(raw, "b.txt"),
      ["المدير العام", "علان", "", "خبر مكرر", "", P(1), "", "آخر الأخبار", "شريط ثان مختلف"].join(
        "\n",
      ),
    );
    const report = await importFolder(raw, path.join(root, "out"));
    expect(report.inputs.map((i) => [i.file, i.outcome, i.duplicateOf])).toEqual([
      ["a.txt", "imported", undefined],
      ["b.txt", "duplicate", "a.txt"],
    ]);
  });

  it("drops lines that many dumps of one source repeat, but never a date line", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw", "site");
    mkdirSync(raw, { recursive: true });
    for (let n = 1; n <= 4; n++) {
      writeFileSync(
        path.join(raw, `${n}.txt`),
        [
          "بوابة المثال الإخبارية",
          "",
          `خبر رقم ${n}`,
          "",
          "2025-11-16",
          "",
          P(n),
          "",
          "حمّل تطبيق بوابة المثال الآن من المتجر",
          "",
          P(n + 10),
        ].join("\n"),
      );
    }
    const articles: string[][] = [];
    const report = await runImport({
      ...pipelineContext(),
      inDir: path.join(root, "raw"),
      outDir: path.join(root, "out"),
      dryRun: true,
      onArticle: (_input, article) =>
        articles.push([article.title, article.date?.iso ?? "", ...article.body]),
    });
    expect(report.inputs.every((i) => i.outcome === "imported")).toBe(true);
    expect(articles[0]).toEqual(["خبر رقم 1", "2025-11-16", P(1), P(11)]);
  });

  it("follows a dump moved into a sub-folder (a source profile): the same article file, no orphan, no second article", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), dump("خبر أول", ["نص الخبر الأول."]));
    writeFileSync(path.join(raw, "b.txt"), dump("خبر ثان", ["نص الخبر الثاني."]));
    await importFolder(raw, out);
    const before = Object.keys(fileHashes(out));
    mkdirSync(path.join(raw, "agency"));
    renameSync(path.join(raw, "a.txt"), path.join(raw, "agency", "a.txt"));
    const report = await importFolder(raw, out);
    expect(report.orphans).toEqual([]);
    expect(Object.keys(fileHashes(out))).toEqual(before);
    const moved = report.inputs.find((i) => i.file === "agency/a.txt");
    expect(moved).toMatchObject({ outcome: "updated", article: "undated/خبر-اول.md" });
    expect(readFileSync(path.join(out, "undated", "خبر-اول.md"), "utf8")).toContain(
      "file: agency/a.txt",
    );
    // …and the next run has nothing to do.
    const again = await importFolder(raw, out);
    expect(again.inputs.every((i) => i.outcome === "unchanged")).toBe(true);
  });

  it("leaves every article alone while the manifest cannot be read, as a broken sidecar does", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    for (const name of ["a", "b", "c"])
      writeFileSync(path.join(raw, `${name}.txt`), [`عنوان من النص ${name}`, "", P(1)].join("\n"));
    const manifest = (quote: string) =>
      `file,title,published\na.txt,${quote}عنوان من البيان, أ",2025-08-10\nb.txt,عنوان ب,2025-08-11\nc.txt,عنوان ج,2025-08-12\n`;
    writeFileSync(path.join(raw, "manifest.csv"), manifest('"'));
    await runImport({ ...pipelineContext(), inDir: raw, outDir: out });
    const before = fileHashes(out);
    expect(Object.keys(before).every((f) => f.startsWith("2025/08/"))).toBe(true);
    // One quote lost: the manifest cannot be read.
    writeFileSync(path.join(raw, "manifest.csv"), manifest(""));
    const report = await runImport({ ...pipelineContext(), inDir: raw, outDir: out });
    expect(fileHashes(out)).toEqual(before);
    expect(report.orphans).toEqual([]);
    const byFile = Object.fromEntries(report.inputs.map((i) => [i.file, i]));
    expect(byFile["manifest.csv"]?.outcome).toBe("rejected");
    for (const dump of ["a.txt", "b.txt", "c.txt"])
      expect(byFile[dump]?.reason).toMatch(/^not imported: manifest\.csv cannot be read/);
  });

  it("merges manifest and sidecar metadata, the sidecar winning", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), ["عنوان من النص", "", P(1)].join("\n"));
    writeFileSync(
      path.join(raw, "manifest.csv"),
      "file,published,author,tags\na.txt,2025-08-10,من البيان,البحرين|المنامة\nmissing.txt,2025-01-01,,\n",
    );
    writeFileSync(
      path.join(raw, "a.meta.json"),
      JSON.stringify({ author: "من الملف الجانبي", url: "javascript:alert(1)" }),
    );
    const seen: Record<string, unknown>[] = [];
    const report = await runImport({
      ...pipelineContext(),
      inDir: raw,
      outDir: path.join(root, "out"),
      onArticle: (_i, a) =>
        seen.push({ date: a.date?.iso, author: a.author, tags: a.tags, url: a.source.url }),
    });
    expect(seen).toEqual([
      {
        date: "2025-08-10",
        author: "من الملف الجانبي",
        tags: ["البحرين", "المنامة", "بغداد", "العراق"],
        url: undefined,
      },
    ]);
    expect(report.inputs.find((i) => i.file === "a.txt")?.warnings.join()).toMatch(
      /not an http\(s\) URL/,
    );
    expect(report.inputs.find((i) => i.file === "missing.txt")).toMatchObject({
      outcome: "rejected",
      reason: "named in the manifest, but no such file",
    });
  });

  it("--check changes nothing and tells whether content is in sync", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    const out = path.join(root, "out");
    mkdirSync(raw);
    writeFileSync(path.join(raw, "a.txt"), ["عنوان", "", P(1)].join("\n"));
    const before = await importFolder(raw, out, false, true);
    expect(inSync(before)).toBe(false);
    expect(await listFiles(path.join(root))).toEqual(["raw/a.txt"]);
    await importFolder(raw, out);
    expect(inSync(await importFolder(raw, out, false, true))).toBe(true);
    writeFileSync(path.join(raw, "a.txt"), ["عنوان", "", P(2)].join("\n"));
    const changed = await importFolder(raw, out, false, true);
    expect(changed.inputs[0]?.outcome).toBe("updated");
    expect(inSync(changed)).toBe(false);
    expect(readFileSync(path.join(out, "undated/عنوان.md"), "utf8")).toContain(P(1));
  });
});

describe("a re-import", () => {
  const P = (n: number) =>
    `فقرة رقم ${n} من نص الخبر الطويل بما يكفي ليبدو فقرة حقيقية عن بغداد والعراق والمنطقة.`;
  /** Five dated dumps (1.txt … 5.txt) in raw/, to import into out/ with a cache file. */
  const fiveDumps = () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    for (let n = 1; n <= 5; n++)
      writeFileSync(
        path.join(raw, `${n}.txt`),
        [`خبر ${n}`, "", "2025-11-16", "", P(n)].join("\n"),
      );
    return { raw, out: path.join(root, "out"), cacheFile: path.join(root, "cache.v8") };
  };

  it("confirms unchanged dumps from its cache without extracting them again", async () => {
    const { raw, out, cacheFile } = fiveDumps();
    const run = () => runImport({ ...pipelineContext(), inDir: raw, outDir: out, cacheFile });
    expect((await run()).reused).toBe(0);
    const before = fileHashes(out);
    const second = await run();
    expect(second.reused).toBe(5);
    expect(second.inputs.map((i) => i.outcome)).toEqual(Array(5).fill("unchanged"));
    expect(fileHashes(out)).toEqual(before);

    // A changed dump is read again; a hand-edited article is never taken from the cache.
    writeFileSync(path.join(raw, "2.txt"), ["خبر 2", "", "2025-11-17", "", P(2)].join("\n"));
    const file = path.join(out, "2025/11/خبر-3.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("title: خبر 3", "title: خبر ثالث"));
    const third = await run();
    expect(third.reused).toBe(3);
    expect(third.inputs.map((i) => i.outcome)).toEqual([
      "unchanged",
      "updated",
      "kept",
      "unchanged",
      "unchanged",
    ]);
    expect(third.inputs[0]?.warnings).toEqual([]);

    // What the command passes without --force-file (an empty list) forces nothing;
    // a --force-file extracts that one dump again, and only it.
    const forceNone = await runImport({
      ...pipelineContext(),
      inDir: raw,
      outDir: out,
      cacheFile,
      force: [],
    });
    expect(forceNone.reused).toBe(4);
    const forceOne = await runImport({
      ...pipelineContext(),
      inDir: raw,
      outDir: out,
      cacheFile,
      force: ["4.txt"],
    });
    expect(forceOne.reused).toBe(3);
  });

  it("knows unchanged dumps and article files by their stamps, and reads every one that changed", async () => {
    const { raw, out, cacheFile } = fiveDumps();
    writeFileSync(path.join(raw, "manifest.csv"), "file,author\n5.txt,أحمد\n");
    // A minute on: no file was written in the last seconds (none is "racy").
    const later = () => Date.now() + 60_000;
    const run = () =>
      runImport({ ...pipelineContext(), inDir: raw, outDir: out, cacheFile, now: later() });
    await run();
    // The article files' facts are learnt when a run finds them there (the second).
    expect((await run()).reused).toBe(5);
    const cache = deserialize(readFileSync(cacheFile)) as ImportCache;
    expect(Object.keys(cache.articles ?? {})).toHaveLength(5);
    expect(Object.values(cache.dumps).every((d) => d.stamp && d.group === "")).toBe(true);
    expect((await run()).reused).toBe(5);

    // Each change moves a stamp: the dump's bytes, a sidecar, a manifest line, an article file.
    writeFileSync(path.join(raw, "2.txt"), ["خبر 2", "", "2025-11-17", "", P(2)].join("\n"));
    const file = path.join(out, "2025/11/خبر-3.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("title: خبر 3", "title: خبر ثالث"));
    writeFileSync(path.join(raw, "4.meta.json"), JSON.stringify({ author: "سلمى" }));
    writeFileSync(path.join(raw, "manifest.csv"), "file,author\n5.txt,أحمد علي\n");
    const changed = await run();
    expect(changed.inputs.map((i) => [i.file, i.outcome])).toEqual([
      ["1.txt", "unchanged"],
      ["2.txt", "updated"],
      ["3.txt", "kept"],
      ["4.txt", "updated"],
      ["5.txt", "updated"],
    ]);
    expect(readFileSync(path.join(out, "2025/11/خبر-5.md"), "utf8")).toContain("أحمد علي");
    // And what was read is known by its new stamps next time (all but the hand-edited one),
    // the sidecar's stamp with its dump's.
    expect((await run()).reused).toBe(4);
    const after = deserialize(readFileSync(cacheFile)) as ImportCache;
    expect(after.dumps["4.txt"]?.stamp?.split("|")[1]).not.toBe("-");
    expect(after.dumps["1.txt"]?.stamp?.split("|")[1]).toBe("-");

    // The same bytes written again (a checkout, a copy): the stamp moves, the article does
    // not; the dump is read once, then known by its new stamp (it was read at every run).
    const one = path.join(raw, "1.txt");
    writeFileSync(`${one}.copy`, readFileSync(one));
    renameSync(`${one}.copy`, one);
    expect(after.dumps["1.txt"]?.stamp?.split("|")[0]).not.toBe(fileStamp(one, later()));
    const again = await run();
    expect(again.inputs[0]).toMatchObject({ file: "1.txt", outcome: "unchanged" });
    const restamped = deserialize(readFileSync(cacheFile)) as ImportCache;
    expect(restamped.dumps["1.txt"]?.stamp?.split("|")[0]).toBe(fileStamp(one, later()));
  });

  it("keeps each source's line fingerprints in a file of its own, and drops a source's that is gone", async () => {
    const { raw, out, cacheFile } = fiveDumps();
    const run = () => runImport({ ...pipelineContext(), inDir: raw, outDir: out, cacheFile });
    const files = () => readdirSync(fingerprintsDirFor(cacheFile)).sort();
    await run();
    expect(files()).toHaveLength(1);
    const [rootSource] = files();
    mkdirSync(path.join(raw, "day"));
    writeFileSync(path.join(raw, "day/6.txt"), ["خبر 6", "", "2025-11-18", "", P(6)].join("\n"));
    await run();
    expect(files()).toHaveLength(2);
    expect(files()).toContain(rootSource);
    rmSync(path.join(raw, "day"), { recursive: true });
    await run();
    expect(files()).toEqual([rootSource]);
  });

  it("reads every dump again when its cache cannot be read (torn, another format), and writes it again", async () => {
    const { raw, out, cacheFile } = fiveDumps();
    const later = () => Date.now() + 60_000;
    const run = () =>
      runImport({ ...pipelineContext(), inDir: raw, outDir: out, cacheFile, now: later() });
    await run();
    expect((await run()).reused).toBe(5);
    const whole = readFileSync(cacheFile);
    for (const broken of [whole.subarray(0, whole.length >> 1), Buffer.from('{"dumps":{}}')]) {
      writeFileSync(cacheFile, broken);
      const again = await run();
      expect(again.reused).toBe(0);
      expect(again.inputs.map((i) => i.outcome)).toEqual(Array(5).fill("unchanged"));
      expect(Object.keys((deserialize(readFileSync(cacheFile)) as ImportCache).dumps)).toHaveLength(
        5,
      );
    }
  });

  it("trusts no stamp of a file changed in the last seconds", async () => {
    const { raw, out, cacheFile } = fiveDumps();
    await runImport({ ...pipelineContext(), inDir: raw, outDir: out, cacheFile });
    const cache = deserialize(readFileSync(cacheFile)) as ImportCache;
    expect(cache.articles).toEqual({});
    expect(cache.dumps["1.txt"]?.stamp).toBeUndefined();
  });

  /** An import of a folder (a dry run) on this many threads: its report's inputs and the articles, in order. */
  const onCores = async (raw: string, workers: number) => {
    const texts: string[] = [];
    const report = await runImport({
      ...pipelineContext(),
      inDir: raw,
      outDir: path.join(path.dirname(raw), `out-${workers}`),
      dryRun: true,
      cacheFile: null,
      workers,
      onArticle: (_i, a) => texts.push(JSON.stringify(a)),
    });
    return { inputs: report.inputs, texts };
  };

  it("gives the same articles on one core or several", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    copyFileSync(SPECIMEN, path.join(raw, "000.txt"));
    for (let n = 1; n <= 30; n++)
      writeFileSync(
        path.join(raw, `${String(n).padStart(3, "0")}.txt`),
        [`خبر ${n % 7}`, "", `2025-0${1 + (n % 9)}-1${n % 10}`, "", P(n), "", P(n + 1)].join("\n"),
      );
    const one = await onCores(raw, 1);
    expect(one.texts).toHaveLength(31);
    expect(await onCores(raw, 2)).toEqual(one);
  });

  it("finds a source's repeated lines on the workers as on one thread", async () => {
    const root = tempDir();
    const raw = path.join(root, "raw");
    mkdirSync(raw);
    // One source's dumps, each printing the site's slogan between the paragraphs and a
    // sign-off under them: lines only the corpus pass can tell from the article's own.
    const slogan = "شبكة الأخبار المستقلة تنقل لكم الحدث من مكانه لحظة بلحظة وبكل أمانة";
    const share = "تابعوا تغطيتنا المستمرة للأحداث في العراق والمنطقة على مدار الساعة";
    for (let n = 1; n <= 12; n++)
      writeFileSync(
        path.join(raw, `${String(n).padStart(3, "0")}.txt`),
        [`خبر ${n} عن بغداد`, "", "2025-11-16", "", P(n), "", slogan, "", P(n + 1), "", share].join(
          "\n",
        ),
      );
    const one = await onCores(raw, 1);
    expect(one.texts).toHaveLength(12);
    // The source's furniture is found, so no article keeps it.
    expect(one.texts.filter((t) => t.includes(slogan) || t.includes(share))).toEqual([]);
    expect(await onCores(raw, 2)).toEqual(one);
  });
});

describe("article paths", () => {
  const article = (title: string, date?: string): Article => ({
    title,
    lang: "ar",
    dir: "rtl",
    tags: [],
    related: [],
    body: ["x"],
    source: { file: `${title}.txt`, sha256: "0" },
    ...(date ? { date: { kind: "day" as const, iso: date } } : {}),
  });

  it("never leave the output folder, whatever the title", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (title) => {
        const p = choosePath(article(title, "2025-11-16"), undefined, new Set());
        expect(p).toMatch(/^2025\/11\/[^/\\]+\.md$/);
        expect(path.posix.normalize(p)).toBe(p);
        expect(p.split("/").every((segment) => segment !== ".." && segment !== ".")).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["../../etc/passwd", "etc-passwd"],
    ["..\\..\\windows", "windows"],
    ["/absolute/path", "absolute-path"],
    ["...", "article"],
    ["CON", "con-article"],
    ["index", "index-article"],
    ["أَخبار  إِضافية", "اخبار-اضافية"],
    ["Suez Canal: ships return", "suez-canal-ships-return"],
    ["عدد ١٢٣", "عدد-123"],
  ])("slug of %s is %s", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("cut long titles at a word, within 60 characters", () => {
    const slug = slugify(
      "حدث هام طال انتظاره.. العراق يشهد اليوم انسحاب القوات الأمريكية من بغداد",
    );
    expect(slug).toBe("حدث-هام-طال-انتظاره-العراق-يشهد-اليوم-انسحاب-القوات");
    expect(slug.length).toBeLessThanOrEqual(60);
  });
});
