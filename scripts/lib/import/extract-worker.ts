/**
 * A worker thread of the import: reads the dumps it is sent for the corpus
 * pass, then extracts articles from the dumps it is sent, with the
 * repository's pipeline context, and sends the results back in order.
 * The main thread reads files, decides paths and writes (run.ts).
 */
import { parentPort } from "node:worker_threads";
import { buildFoldTables } from "../arabic.ts";
import type { RawDump } from "./article.ts";
import { loadPipelineContext } from "./context.ts";
import { type DumpLines, dumpLinesAndText } from "./corpus.ts";
import { extractArticles, type PipelineContext, rejectionReason } from "./pipeline.ts";
import { type Prepared, prepare } from "./prepare.ts";

/** The first message: each source's repeated lines (its furniture), known once the inputs are read. */
export interface WorkerSetup {
  repeatedLines: [string, string[]][];
}
/** Dumps to work on: to extract (after the setup), or, before it, to read for the corpus pass (dumpLines). */
export interface WorkerRequest {
  id: number;
  /** "fingerprints": the corpus pass without the lines' words, which the main thread mostly does not need. */
  task: "extract" | "lines" | "fingerprints";
  dumps: RawDump[];
}
export type WorkerResult = { extractions: Prepared[] } | { reason: string };
export interface WorkerReply {
  id: number;
  /** WorkerResult for each dump to extract; DumpLines or null for each dump read for the corpus pass. */
  results: (WorkerResult | DumpLines | null)[];
}

// Loaded as the worker starts, while the main thread still reads the inputs (extract-all.ts).
let ctx: PipelineContext = loadPipelineContext();
buildFoldTables();

parentPort?.on("message", (message: WorkerSetup | WorkerRequest) => {
  if ("repeatedLines" in message) {
    ctx = {
      ...ctx,
      repeatedLines: new Map(message.repeatedLines.map(([key, lines]) => [key, new Set(lines)])),
    };
    return;
  }
  const request = message;
  if (request.task !== "extract") {
    const words = request.task === "lines";
    // With each dump's text, which the main thread sends back with the dump to extract
    // (a copy costs less than decoding again).
    const results = request.dumps.map((dump) => {
      const lines = dumpLinesAndText(dump, ctx);
      return lines && !words ? { ...lines, lines: [] } : (lines ?? null);
    });
    parentPort?.postMessage({ id: request.id, results } satisfies WorkerReply);
    return;
  }
  const results = request.dumps.map((dump): WorkerResult => {
    try {
      return { extractions: extractArticles(dump, ctx).map(prepare) };
    } catch (error) {
      return { reason: rejectionReason(error) };
    }
  });
  parentPort?.postMessage({ id: request.id, results } satisfies WorkerReply);
});
