import path from "node:path";
import config from "../../nashra.config.ts";
import { Gazetteer } from "../../scripts/lib/import/gazetteer.ts";
import type { PipelineContext } from "../../scripts/lib/import/pipeline.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";

export const SPECIMEN = path.join(repoRoot, "raw/000_de5a449507217197.txt");

let gazetteer: Gazetteer | undefined;

/** The pipeline context the import command uses, with the repository's gazetteer. */
export function pipelineContext(): PipelineContext {
  gazetteer ??= Gazetteer.load(path.join(repoRoot, "scripts/data/gazetteer.yaml"));
  return {
    gazetteer,
    dates: { defaultTimezone: config.import.defaultTimezone },
    maxInputBytes: config.import.maxInputBytes,
  };
}
