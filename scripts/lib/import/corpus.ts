import { compareStrings } from "../files.ts";
import type { RawDump } from "./article.ts";
import { hashOfAll, type ImportCache } from "./cache.ts";
import { isByline } from "./extract-author.ts";
import { isDateLine } from "./extract-date.ts";
import { type DumpIdentity, inOrder } from "./inputs.ts";
import { normalisedLines } from "./normalise.ts";
import { decodeRawDump, formatOf, type PipelineContext, sourceKey } from "./pipeline.ts";

/**
 * The corpus pass, the one stage that looks at many dumps at once: lines that
 * many dumps of one source repeat are that source's furniture (slogan, share
 * bar, footer). A source whose dumps are the same as last time keeps its lines
 * from the cache.
 */

export interface SourceFurniture {
  /** Each source's repeated lines. */
  repeatedLines: Map<string, Set<string>>;
  /** Each source's dumps, hashed: the cache keeps its lines while this is the same. */
  composition: Map<string, string>;
  /** Each source's lines, hashed: a dump's cached article holds while this is the same. */
  furnitureHash: Map<string, string>;
}

export async function sourceFurniture(
  dumps: readonly string[],
  info: ReadonlyMap<string, DumpIdentity>,
  cache: ImportCache,
  load: (file: string) => Promise<RawDump>,
  ctx: PipelineContext,
  /** Each dump's lines (dumpLines), in input order: on this thread unless the caller has workers. */
  linesOf: (files: string[]) => AsyncIterable<DumpLines | undefined> = (files) =>
    linesHere(files, load, ctx),
): Promise<SourceFurniture> {
  const groups = new Map<string, string[]>();
  for (const file of dumps.filter((f) => formatOf(f) === "text" && info.has(f))) {
    const { group } = info.get(file) as DumpIdentity;
    const list = groups.get(group);
    if (list) list.push(file);
    else groups.set(group, [file]);
  }
  const composition = new Map<string, string>();
  for (const [group, members] of groups) {
    composition.set(group, hashOfAll(members.flatMap((f) => [f, info.get(f)?.input ?? ""])));
  }
  const stale = [...groups]
    .filter(([g]) => cache.sources[g]?.composition !== composition.get(g))
    .flatMap(([, m]) => m);
  const fresh = await findRepeatedLines(linesOf(stale.filter((f) => formatOf(f) === "text")), ctx);
  const repeatedLines = new Map<string, Set<string>>();
  for (const group of groups.keys()) {
    const cached = cache.sources[group];
    const lines =
      cached && cached.composition === composition.get(group)
        ? new Set(cached.lines)
        : (fresh.get(group) ?? new Set<string>());
    repeatedLines.set(group, lines);
  }
  const furnitureHash = new Map(
    [...repeatedLines].map(([g, lines]) => [g, hashOfAll([...lines].sort(compareStrings))]),
  );
  return { repeatedLines, composition, furnitureHash };
}

/** A source needs this many dumps before its repeated lines are judged. */
const MIN_SOURCE_DUMPS = 3;

/** What one dump tells the corpus pass: its source, and the lines it prints before its first section. */
export interface DumpLines {
  source: string;
  lines: string[];
}

/**
 * A text dump's lines before its first section heading (related headlines,
 * tickers), each once, normalised; undefined when it cannot be decoded (the
 * dump is reported when it is extracted). The part of the corpus pass that
 * looks at one dump: the workers do it for their dumps (extract-all.ts).
 */
export function dumpLines(dump: RawDump, ctx: PipelineContext): DumpLines | undefined {
  let text: string;
  try {
    text = decodeRawDump(dump, ctx).decoded.text;
  } catch {
    return undefined;
  }
  const furniture = ctx.boilerplate.furnitureFor({});
  const seen = new Set<string>();
  for (const line of normalisedLines(text)) {
    if (line === "") continue;
    if (furniture.section(line) !== null) break;
    seen.add(line);
  }
  return { source: sourceKey(dump.file, dump.sidecar), lines: [...seen] };
}

async function* linesHere(
  files: string[],
  load: (file: string) => Promise<RawDump>,
  ctx: PipelineContext,
): AsyncGenerator<DumpLines | undefined> {
  for await (const [, loaded] of inOrder(files, load))
    yield loaded instanceof Error ? undefined : dumpLines(loaded, ctx);
}

/**
 * Lines that at least 3 dumps of one source (and 5% of them) print before
 * their first section heading: a site's slogan, share bar, footer, sidebar.
 * Sections (related headlines, tickers) are not counted, so an article's
 * headline listed as "related" under other articles is never mistaken for
 * one; nor are date lines and bylines, which articles of one day or one
 * writer share.
 */
async function findRepeatedLines(
  dumps: AsyncIterable<DumpLines | undefined>,
  ctx: PipelineContext,
): Promise<Map<string, Set<string>>> {
  const counts = new Map<string, Map<string, number>>();
  const sizes = new Map<string, number>();
  for await (const dump of dumps) {
    if (!dump) continue;
    const key = dump.source;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
    const group = counts.get(key) ?? new Map<string, number>();
    for (const k of dump.lines) group.set(k, (group.get(k) ?? 0) + 1);
    counts.set(key, group);
  }
  const repeated = new Map<string, Set<string>>();
  for (const [key, group] of counts) {
    const size = sizes.get(key) ?? 0;
    if (size < MIN_SOURCE_DUMPS) continue;
    const threshold = Math.max(MIN_SOURCE_DUMPS, Math.ceil(size * 0.05));
    const lines = new Set<string>();
    for (const [line, n] of group) {
      // Several articles of one day share a date line, several of one writer a byline: never furniture.
      if (n >= threshold && !isDateLine(line, ctx.dates) && !isByline(line)) lines.add(line);
    }
    repeated.set(key, lines);
  }
  return repeated;
}
