import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import type { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import {
  dumpLinesAhead,
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
    const { thread, requests, pool } = standInPool();
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

describe("the corpus pass's lines read ahead", () => {
  const standIn = () => {
    const { thread, requests, pool } = standInPool();
    const answer = (request: WorkerRequest) =>
      thread.emit("message", {
        id: request.id,
        results: request.dumps.map((d) => ({ source: "s", lines: [], fingerprints: d.file })),
      });
    return { thread, requests, pool, answer };
  };
  const load = async (file: string) => ({ file, bytes: new Uint8Array([0x41]) });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  const collect = async <T>(lines: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const l of lines) out.push(l);
    return out;
  };

  it("asks the workers before the corpus pass does, and answers it from what they sent", async () => {
    const { requests, pool, answer } = standIn();
    const files = ["a.txt", "b.txt", "c.txt"];
    const linesOf = dumpLinesAhead(files, load, pool);
    await settle();
    expect(requests.map((r) => [r.task, r.dumps.map((d) => d.file)])).toEqual([
      ["fingerprints", files],
    ]);
    for (const request of [...requests]) answer(request);
    // Asked in another order, for some of them: no new request, each dump's own lines.
    const lines = await collect(linesOf(["c.txt", "a.txt"], false));
    expect(lines.map((l) => l?.fingerprints)).toEqual(["c.txt", "a.txt"]);
    expect(requests).toHaveLength(1);
  });

  it("sends the workers what was not read ahead: the lines' words, other dumps", async () => {
    const { requests, pool, answer } = standIn();
    const linesOf = dumpLinesAhead(["a.txt"], load, pool);
    await settle();
    const words = collect(linesOf(["a.txt"], true));
    const other = collect(linesOf(["a.txt", "z.txt"], false));
    await settle();
    expect(requests.slice(1).map((r) => [r.task, r.dumps.map((d) => d.file)])).toEqual([
      ["lines", ["a.txt"]],
      ["fingerprints", ["a.txt", "z.txt"]],
    ]);
    for (const request of [...requests]) answer(request);
    expect((await words).map((l) => l?.fingerprints)).toEqual(["a.txt"]);
    expect((await other).map((l) => l?.fingerprints)).toEqual(["a.txt", "z.txt"]);
  });

  it("hands each dump's text a worker decoded to the dump, not on with its lines", async () => {
    const { thread, requests, pool } = standInPool();
    const kept: [string, string][] = [];
    const failing = async (file: string) => {
      if (file === "b.txt") throw new Error("unreadable");
      return load(file);
    };
    const linesOf = dumpLinesAhead(["a.txt", "b.txt", "c.txt"], failing, pool, (dump, decoded) =>
      kept.push([dump.file, decoded.text]),
    );
    await settle();
    for (const request of [...requests])
      thread.emit("message", {
        id: request.id,
        results: request.dumps.map((d) => ({
          source: "s",
          lines: [],
          fingerprints: d.file,
          decoded: { text: `text of ${d.file}`, encoding: "utf-8" },
        })),
      });
    const lines = await collect(linesOf(["a.txt", "b.txt", "c.txt"], false));
    // The dump that could not be read sends nothing: each text is its own dump's.
    expect(kept).toEqual([
      ["a.txt", "text of a.txt"],
      ["c.txt", "text of c.txt"],
    ]);
    expect(lines.map((l) => l && Object.keys(l).sort())).toEqual([
      ["fingerprints", "lines", "source"],
      undefined,
      ["fingerprints", "lines", "source"],
    ]);
  });

  it("raises a worker's failure when the corpus pass asks, not before", async () => {
    const { thread, pool } = standIn();
    const linesOf = dumpLinesAhead(["a.txt"], load, pool);
    await settle();
    thread.emit("error", new Error("worker died"));
    await settle(); // no unhandled rejection meanwhile (vitest would report one)
    await expect(collect(linesOf(["a.txt"], false))).rejects.toThrow("worker died");
  });
});

/** A stand-in for a pool of one worker thread: it holds the requests it is sent and answers when told. */
function standInPool() {
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
  return { thread, requests, pool };
}
