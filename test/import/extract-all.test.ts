import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractAll, startExtractionWorkers } from "../../scripts/lib/import/extract-all.ts";
import { pipelineContext, SPECIMEN } from "../helpers/context.ts";

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
