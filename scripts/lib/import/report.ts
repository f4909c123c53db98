import { compareStrings } from "../files.ts";
import type { ExistingArticle } from "./place.ts";

/**
 * What an import says about every input — the last stage of a run, and what
 * `npm run import` prints, `--report` writes and `npm run changes` summarises.
 */

export type Outcome =
  | "imported" // a new article file
  | "updated" // the article file changed (dump or importer changed)
  | "unchanged"
  | "kept" // the article file was edited by hand: left as it is
  | "duplicate" // the same article as an earlier input: not imported again
  | "skipped" // not read, by design (a symbolic link): said, not an error
  | "rejected";

export interface InputReport {
  file: string;
  /** For JSON Lines (or a JSON list): the record within the file. */
  record?: number;
  outcome: Outcome;
  /** Article file, relative to the output folder. */
  article?: string;
  reason?: string;
  /** For a duplicate: the input it repeats ("file" or "file:record"). */
  duplicateOf?: string;
  warnings: string[];
}

export interface ImportReport {
  /** True when nothing was written (`--check`). */
  dryRun: boolean;
  /** Temporary files an interrupted import left in the output folder, removed by this one. */
  staleTemporaryFiles?: string[];
  /**
   * Second article files for a source that already has one: removed when
   * untouched (a stale copy), left in place when edited by hand.
   */
  duplicateFiles?: string[];
  /** Inputs whose article was confirmed from the cache, without extraction. */
  reused: number;
  inputs: InputReport[];
  /** Article files whose source dump is no longer in the input folder (left in place). */
  orphans: string[];
  /** Photos in the media folder no article shows (removed, unless a dry run), relative to it. */
  unusedMedia?: string[];
}

export function inputId(file: string, record?: number): string {
  return record === undefined ? file : `${file}:${record}`;
}

/** Whether content/ is what an import of the inputs would write. */
export function inSync(report: ImportReport): boolean {
  return (
    report.orphans.length === 0 &&
    (report.unusedMedia ?? []).length === 0 &&
    (report.duplicateFiles ?? []).length === 0 &&
    report.inputs.every((i) => i.outcome !== "imported" && i.outcome !== "updated")
  );
}

/** Article files whose source is no longer among the inputs (and did not move): left in place, reported. */
export function orphansOf(
  inputs: readonly InputReport[],
  bySource: ReadonlyMap<string, ExistingArticle>,
  moved: ReadonlySet<string>,
): string[] {
  const imported = new Set(
    inputs
      .filter((i) => i.article !== undefined || i.outcome === "rejected")
      .map((i) => inputId(i.file, i.record)),
  );
  return [...bySource.entries()]
    .filter(([source]) => !imported.has(source) && !moved.has(source))
    .map(([, a]) => a.path)
    .sort(compareStrings);
}
