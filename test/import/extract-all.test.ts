import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import type { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import {
  type ExtractionWorkers,
  extractAll,
  extractEach,
  startExtractionWorkers,
} from "../../scripts/lib/import/extract-all.ts";
import type { WorkerRequest } from "../../scripts/lib/import/extract-worker.ts";
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

describe("work sent to the workers", () => {
  it("keeps a second chunk waiting at each worker, so that none waits for this thread between chunks", async () => {
    // A stand-in for a worker thread: it holds the requests it is sent and answers when told.
    const thread = new EventEmitter() as EventEmitter & { postMessage(m: unknown): void };
    const requests: WorkerRequest[] = [];
    thread.postMessage = (message) => {
      if (typeof message === "object" && message !== null && "task" in message)
        requests.push(message as WorkerRequest);
    };
    const pool: ExtractionWorkers = {
      threads: [thread as unknown as Worker],
      failure: () => undefined,
      terminate: async () => {},
    };
    const files = Array.from({ length: 1000 }, (_, i) => `${i}.txt`);
    const load = async (file: string) => ({ file, bytes: new Uint8Array([0x41]) });
    const done = extractAll(files, load, pipelineContext(), pool);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    await settle();
    // Two chunks sent before the first answer.
    expect(requests).toHaveLength(2);
    let answered = 0;
    while (answered < requests.length) {
      const request = requests[answered++] as WorkerRequest;
      thread.emit("message", {
        id: request.id,
        results: (request.dumps ?? []).map(() => ({ reason: "stand-in" })),
      });
      await settle();
      // Each answer brings the next chunk, until every dump has been sent.
      expect(requests.length).toBe(Math.min(4, answered + 2));
    }
    const results = await done;
    expect([...results.keys()]).toEqual(files);
  });
});
