/**
 * A worker thread of the import: extracts articles from the dumps it is sent,
 * with the repository's pipeline context, and sends the results back in order.
 * The main thread reads files, decides paths and writes (run.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RawDump } from "./article.ts";
import { loadPipelineContext } from "./context.ts";
import { extractArticles, rejectionReason } from "./pipeline.ts";
import { type Prepared, prepare } from "./prepare.ts";

export interface WorkerInput {
  repeatedLines: [string, string[]][];
}
export interface WorkerRequest {
  id: number;
  dumps: RawDump[];
}
export type WorkerResult = { extractions: Prepared[] } | { reason: string };
export interface WorkerReply {
  id: number;
  results: WorkerResult[];
}

const input = workerData as WorkerInput;
const ctx = {
  ...loadPipelineContext(),
  repeatedLines: new Map(input.repeatedLines.map(([key, lines]) => [key, new Set(lines)])),
};

parentPort?.on("message", (request: WorkerRequest) => {
  const results = request.dumps.map((dump): WorkerResult => {
    try {
      return { extractions: extractArticles(dump, ctx).map(prepare) };
    } catch (error) {
      return { reason: rejectionReason(error) };
    }
  });
  parentPort?.postMessage({ id: request.id, results } satisfies WorkerReply);
});
