import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  extractAll,
  extractEach,
  startExtractionWorkers,
} from "../../scripts/lib/import/extract-all.ts";
import { pipelineContext, SPECIMEN } from "../helpers/context.ts";
import { mastheadDump } from "../helpers/dumps.ts";

describe("extraction workers started before their work", () => {
  const load = async (file: string) => ({ file, bytes: new Uint8Array(readFileSync(SPECIMEN)) });

  it("extract as workers started for the work do, and stay for the caller to stop", async () => {
    const ctx = pipelineContext();
    const here = await extractAll(["000.txt", "002.txt"], load, ctx, 1);
    const workers = startExtractionWorkers(2);
    try {
      const early = await extractAll(["000.txt", "001.txt"], load, ctx, workers);
      expect(early.get("000.txt")).toEqual(here.get("000.txt"));
      // Still running: a second batch goes to the same threads.
      expect((await extractAll(["002.txt"], load, ctx, workers)).get("002.txt")).toEqual(
        here.get("002.txt"),
      );
    } finally {
      await workers.terminate();
    }
  }, 60_000);

  it("make an error a thread raised before any work came the import's error", async () => {
    const workers = startExtractionWorkers(1);
    try {
      (workers.threads[0] as unknown as NodeJS.EventEmitter).emit(
        "error",
        new Error("no pipeline"),
      );
      await expect(extractAll(["000.txt"], load, pipelineContext(), workers)).rejects.toThrow(
        "no pipeline",
      );
    } finally {
      await workers.terminate();
    }
  }, 60_000);
});

describe("extraction as the results come", () => {
  it("yields every dump's articles in input order across the workers' batches, as one thread extracts them", async () => {
    // More dumps than one batch a worker takes, with batches of unequal work.
    const files = Array.from({ length: 600 }, (_, i) => `${String(i).padStart(3, "0")}.txt`);
    const load = async (file: string) => {
      const n = Number.parseInt(file, 10);
      const paragraphs = Array.from(
        { length: 1 + (n % 7) },
        (_, k) => `الفقرة ${k} من الخبر رقم ${n} عن بغداد والموصل والبصرة وأربيل والنجف.`,
      );
      const text = mastheadDump(`خبر رقم ${n} عن بغداد`, paragraphs, "2025-11-16");
      return { file, bytes: new TextEncoder().encode(text) };
    };
    const ctx = pipelineContext();
    const seen: string[] = [];
    const titles: string[] = [];
    for await (const [file, outcome] of extractEach(files, load, ctx, 2)) {
      seen.push(file);
      if ("extractions" in outcome) titles.push(outcome.extractions[0]?.article?.title ?? "");
    }
    expect(seen).toEqual(files);
    expect(titles).toEqual(files.map((f) => `خبر رقم ${Number.parseInt(f, 10)} عن بغداد`));
    const here = await extractAll(files.slice(590), load, ctx, 1);
    expect(
      [...here.values()].map((o) => ("extractions" in o ? o.extractions[0]?.article?.title : "")),
    ).toEqual(titles.slice(590));
  }, 120_000);
});
