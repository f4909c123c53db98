import path from "node:path";
import config from "../../../nashra.config.ts";
import { repoRoot } from "../paths.ts";
import { Boilerplate } from "./boilerplate.ts";
import { Gazetteer } from "./gazetteer.ts";
import type { PipelineContext } from "./pipeline.ts";
import { ProseModel } from "./text/prose.ts";

/** The import's knowledge as the repository configures it: gazetteer, boilerplate lists, dates, limits. */
export function loadPipelineContext(): PipelineContext {
  return {
    gazetteer: Gazetteer.load(path.join(repoRoot, "scripts/data/gazetteer.yaml")),
    boilerplate: Boilerplate.load(path.join(repoRoot, "scripts/data/boilerplate.yaml")),
    dates: { defaultTimezone: config.import.defaultTimezone },
    prose: ProseModel.load(path.join(repoRoot, "scripts/data/function-words.yaml")),
    maxInputBytes: config.import.maxInputBytes,
  };
}
