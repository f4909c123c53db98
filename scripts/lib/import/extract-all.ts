import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { codeWorker } from "../code-worker.ts";
import type { RawDump } from "./article.ts";
import type { DumpLines } from "./corpus.ts";
import type { DecodedDump } from "./decode.ts";
import type { WorkerReply, WorkerRequest, WorkerSetup } from "./extract-worker.ts";
import { inOrder } from "./inputs.ts";
import { extractArticles, type PipelineContext, rejectionReason } from "./pipeline.ts";
import { type Prepared, prepare } from "./prepare.ts";

/**
 * The extraction stage: every dump through the pipeline (pipeline.ts), here or
 * on several cores, results in input order whatever the number of workers.
 */

export type Extracted = { extractions: Prepared[] } | { reason: string };

/**
 * Each dump's articles (or the reason it has none), by file: on this thread,
 * on worker threads started already (startExtractionWorkers, left running for
 * the caller to stop), or on as many new ones as asked (by default one per
 * core from PARALLEL_FROM dumps on).
 */
export async function extractAll(
  dumps: readonly string[],
  load: (file: string) => Promise<RawDump>,
  ctx: PipelineContext,
  workers: number | ExtractionWorkers = workersFor(dumps.length),
): Promise<Map<string, Extracted>> {
  const results = new Map<string, Extracted>();
  for await (const [file, outcome] of extractEach(dumps, load, ctx, workers))
    results.set(file, outcome);
  return results;
}

/**
 * extractAll as the results come, in input order: the caller can place and
 * write the first articles while the workers extract the next ones.
 */
export async function* extractEach(
  dumps: readonly string[],
  load: (file: string) => Promise<RawDump>,
  ctx: PipelineContext,
  workers: number | ExtractionWorkers = workersFor(dumps.length),
): AsyncGenerator<[string, Extracted]> {
  const started =
    typeof workers === "number" && workers > 1 ? startExtractionWorkers(workers) : undefined;
  const pool = typeof workers === "number" ? started : workers;
  try {
    yield* pool
      ? extractInWorkers([...dumps], load, ctx.repeatedLines ?? new Map(), pool)
      : extractHere(dumps, load, ctx);
  } finally {
    await started?.terminate();
  }
}

/** Worker threads for extraction, each loading the pipeline from the moment it starts. */
export interface ExtractionWorkers {
  readonly threads: readonly Worker[];
  /** The first error a thread raised (failing to load, say), kept until work is sent. */
  readonly failure: () => Error | undefined;
  terminate(): Promise<void>;
}

/**
 * Starts extraction workers before their work is known: a worker takes half
 * a second to load the pipeline (its code bundled, code-bundle.js, then the
 * gazetteer and word lists; a second and more through tsx), which the main
 * thread's reading of the inputs hides.
 */
export function startExtractionWorkers(count: number): ExtractionWorkers {
  const threads = Array.from({ length: count }, () => codeWorker(WORKER_MODULE));
  // Listened to from the start: an error while the main thread still reads its inputs
  // would otherwise be an unhandled event, not the import's error.
  let failure: Error | undefined;
  for (const thread of threads)
    thread.on("error", (error) => {
      failure ??= error;
    });
  return {
    threads,
    failure: () => failure,
    terminate: async () => {
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}

/** The worker's module (code-worker.ts runs it bundled where it can). */
const WORKER_MODULE = "scripts/lib/import/extract-worker.ts";

/** From this many dumps on, extraction runs in worker threads (one per core). */
const PARALLEL_FROM = 2000;

/** How many threads extract this many dumps: one per core from PARALLEL_FROM on, else this one. */
export function workersFor(dumps: number): number {
  return dumps >= PARALLEL_FROM ? availableParallelism() : 1;
}
/** Dumps sent to a worker at a time. */
const CHUNK = 250;
/**
 * Chunks sent to a worker ahead of its answers. A worker answers while this
 * thread is busy placing and writing the last chunk's articles, and a reply is
 * only read once that is done: with one chunk in flight, the worker waited
 * that long for its next one. Measured on the benchmark's first import of
 * 10,000 dumps, 40 chunks of about 200 ms of work each: the workers waited
 * 0.71–0.90 s in all between chunks with one in flight (up to 156 ms at a
 * time), 0.29–0.32 s with two (up to 37 ms).
 */
const IN_FLIGHT = 2;

async function* extractHere(
  dumps: readonly string[],
  load: (file: string) => Promise<RawDump>,
  ctx: PipelineContext,
): AsyncGenerator<[string, Extracted]> {
  for await (const [file, loaded] of inOrder(dumps, load)) {
    try {
      if (loaded instanceof Error) throw loaded;
      yield [file, { extractions: extractArticles(loaded, ctx).map(prepare) }];
    } catch (error) {
      yield [file, { reason: rejectionReason(error) }];
    }
  }
}

/**
 * Extraction on several cores: chunks of dumps go to worker threads, results
 * come back in input order, so a run is the same whatever the number of workers.
 */
async function* extractInWorkers(
  dumps: string[],
  load: (file: string) => Promise<RawDump>,
  repeatedLines: ReadonlyMap<string, ReadonlySet<string>>,
  workers: ExtractionWorkers,
): AsyncGenerator<[string, Extracted]> {
  // Each source's furniture, known only now: the first message, read before any dumps.
  const setup: WorkerSetup = { repeatedLines: [...repeatedLines].map(([k, v]) => [k, [...v]]) };
  for (const worker of workers.threads) worker.postMessage(setup);
  for await (const [file, result] of throughWorkers(dumps, load, workers, "extract"))
    yield [file, result as Extracted];
}

/**
 * The corpus pass's reading of each dump (corpus.ts, dumpLines) on the
 * workers, in input order. The workers, loaded and waiting for the sources'
 * furniture before they can extract, do it instead of the main thread
 * (measured on the benchmark's 10,000 dumps: 1.1 s there, while they waited).
 */
export async function* dumpLinesInWorkers(
  dumps: string[],
  load: (file: string) => Promise<RawDump>,
  workers: ExtractionWorkers,
  /** With the lines' words, or their fingerprints only (the words cost a copy to this thread). */
  words: boolean,
  /** Given each dump's text as a worker decoded it, to keep for its extraction (InputFolder.keepDecoded). */
  keepText?: (dump: RawDump, decoded: DecodedDump) => void,
): AsyncGenerator<DumpLines | undefined> {
  for await (const [, result] of throughWorkers(
    dumps,
    load,
    workers,
    words ? "lines" : "fingerprints",
    keepText,
  ))
    yield result === null || "reason" in result ? undefined : (result as DumpLines);
}

/**
 * dumpLinesInWorkers started before the corpus pass asks: on a first import
 * the workers, loaded and idle, read the new dumps' lines while the main
 * thread is still reading and hashing the inputs (identifyDumps), instead of
 * after it. Returns what the corpus pass calls for lines: fingerprints of
 * dumps read ahead come from here; anything else (the lines' words, other
 * dumps) is read then, as without it.
 */
export function dumpLinesAhead(
  dumps: readonly string[],
  load: (file: string) => Promise<RawDump>,
  workers: ExtractionWorkers,
  keepText?: (dump: RawDump, decoded: DecodedDump) => void,
): (files: string[], words: boolean) => AsyncIterable<DumpLines | undefined> {
  const readAhead = new Set(dumps);
  const ahead = (async () => {
    const lines = new Map<string, DumpLines | undefined>();
    let i = 0;
    for await (const dump of dumpLinesInWorkers([...dumps], load, workers, false, keepText))
      lines.set(dumps[i++] as string, dump);
    return lines;
  })();
  ahead.catch(() => {}); // a failure is the corpus pass's to raise, if it asks
  return (files, words) =>
    !words && files.every((f) => readAhead.has(f))
      ? (async function* () {
          const lines = await ahead;
          for (const file of files) yield lines.get(file);
        })()
      : dumpLinesInWorkers(files, load, workers, words, keepText);
}

// Requests of every task are numbered in one sequence: a reply answers one request only.
let nextRequest = 0;

/** Chunks of dumps through the workers, a chunk to each free worker, each dump's result in input order. */
async function* throughWorkers(
  dumps: string[],
  load: (file: string) => Promise<RawDump>,
  workers: ExtractionWorkers,
  task: WorkerRequest["task"],
  keepText?: (dump: RawDump, decoded: DecodedDump) => void,
): AsyncGenerator<[string, WorkerReply["results"][number]]> {
  const chunks: string[][] = [];
  for (let i = 0; i < dumps.length; i += CHUNK) chunks.push(dumps.slice(i, i + CHUNK));
  const results: Promise<WorkerReply["results"]>[] = [];
  let nextChunk = 0;
  const run = (worker: Worker): void => {
    if (nextChunk >= chunks.length) return;
    const chunk = nextChunk++;
    const id = nextRequest++;
    const files = chunks[chunk] as string[];
    results[chunk] = (async () => {
      const loaded = await Promise.all(files.map((f) => load(f).catch((e: unknown) => e as Error)));
      const failed = new Map<number, string>();
      const request: WorkerRequest = { id, task, dumps: [] };
      loaded.forEach((d, i) => {
        if (d instanceof Error) failed.set(i, rejectionReason(d));
        else request.dumps.push(d);
      });
      const reply = await new Promise<WorkerReply>((resolve, reject) => {
        const failure = workers.failure();
        if (failure) {
          reject(failure);
          return;
        }
        const onMessage = (message: WorkerReply) => {
          if (message.id !== id) return;
          worker.off("message", onMessage);
          worker.off("error", reject);
          resolve(message);
        };
        worker.on("message", onMessage);
        worker.once("error", reject);
        worker.postMessage(request);
      });
      run(worker);
      const out: WorkerReply["results"] = [];
      let k = 0;
      for (let i = 0; i < files.length; i++) {
        const reason = failed.get(i);
        if (reason !== undefined) {
          out.push({ reason });
          continue;
        }
        let result = reply.results[k++] ?? null;
        // A corpus pass's text goes to its dump (or nowhere), not on with the lines.
        if (result && "decoded" in result && result.decoded) {
          const { decoded, ...lines } = result;
          keepText?.(loaded[i] as RawDump, decoded);
          result = lines;
        }
        out.push(result);
      }
      return out;
    })();
  };
  for (let i = 0; i < IN_FLIGHT; i++) for (const worker of workers.threads) run(worker);
  for (let c = 0; c < chunks.length; c++) {
    const chunkResults = await (results[c] as Promise<WorkerReply["results"]>);
    for (const [i, file] of (chunks[c] as string[]).entries())
      yield [file, chunkResults[i] ?? null];
  }
}
