import { hash } from "node:crypto";
import { compareStrings } from "../files.ts";
import type { RawDump } from "./article.ts";
import { hashOfAll, type ImportCache, type SourceFingerprints } from "./cache.ts";
import type { DecodedDump } from "./decode.ts";
import { isByline } from "./extract-author.ts";
import { isDateLine } from "./extract-date.ts";
import { type DumpIdentity, inOrder } from "./inputs.ts";
import { normalisedLines } from "./normalise.ts";
import { decodeRawDump, formatOf, type PipelineContext, sourceKey } from "./pipeline.ts";

/**
 * The corpus pass, the one stage that looks at many dumps at once: lines that
 * many dumps of one source repeat are that source's furniture (slogan, share
 * bar, footer). A source whose dumps are the same as last time keeps its lines
 * from the cache. A source that gained or lost dumps is counted again, but
 * from each unchanged dump's line fingerprints kept in the cache: only the new
 * or changed dumps are read (a day's bulletin into a source of 10,000 dumps
 * read all 10,000 again).
 */

export interface SourceFurniture {
  /** Each source's repeated lines. */
  repeatedLines: Map<string, Set<string>>;
  /** Each source's dumps, hashed: the cache keeps its lines while this is the same. */
  composition: Map<string, string>;
  /** Each source's lines, hashed: a dump's cached article holds while this is the same. */
  furnitureHash: Map<string, string>;
  /** The line fingerprints of each source counted this run, for the cache (SourceFingerprints). */
  fingerprints: Map<string, SourceFingerprints>;
}

/** What the last runs left of the corpus pass (cache.ts). */
export interface CorpusCache {
  /** The importer's knowledge (knowledgeHash): what was read under other knowledge is read again. */
  knowledge: string;
  /** A source's fingerprints as the run that last counted it left them. */
  fingerprintsOf: (source: string) => Promise<SourceFingerprints | undefined>;
}

export async function sourceFurniture(
  dumps: readonly string[],
  info: ReadonlyMap<string, DumpIdentity>,
  cache: ImportCache,
  load: (file: string) => Promise<RawDump>,
  ctx: PipelineContext,
  /**
   * Each dump's lines (dumpLines), in input order: on this thread unless the caller has
   * workers, which may leave the lines' words out unless `words` asks for them.
   */
  linesOf: (files: string[], words: boolean) => AsyncIterable<DumpLines | undefined> = (files) =>
    linesHere(files, load, ctx),
  corpus: CorpusCache = { knowledge: "", fingerprintsOf: async () => undefined },
): Promise<SourceFurniture> {
  const { knowledge } = corpus;
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
  // What the last run read holds only under the same knowledge (the section headings that end
  // a dump's counted lines, the normalisation of lines): else every source is counted again.
  const fresh = (group: string) =>
    cache.sources[group]?.knowledge === knowledge &&
    cache.sources[group]?.composition === composition.get(group);
  const stale = [...groups].filter(([g]) => !fresh(g));
  const repeatedLines = new Map<string, Set<string>>();
  for (const group of groups.keys())
    if (fresh(group)) repeatedLines.set(group, new Set(cache.sources[group]?.lines));
  /** Each counted source's dumps' fingerprints: those of unchanged dumps as last time. */
  const fingerprints = new Map<string, [string, string]>();
  const counted = new Map<string, SourceFingerprints>();
  if (stale.length > 0) {
    const counts = new Map<string, SourceCount>();
    /** Dumps new or changed since the source was last counted. */
    const unread: string[] = [];
    for (const [group, members] of stale) {
      const known = new Map<string, string>();
      // The lines the source repeated last time: their words without reading a dump.
      if (cache.sources[group]?.knowledge === knowledge)
        for (const line of cache.sources[group]?.lines ?? [])
          known.set(lineFingerprint(line), line);
      const count: SourceCount = { size: 0, counts: new Map(), lines: known };
      counts.set(group, count);
      const last = await corpus.fingerprintsOf(group);
      const kept = last?.knowledge === knowledge ? last.dumps : {};
      for (const file of members) {
        const dump = Object.hasOwn(kept, file) ? kept[file] : undefined;
        if (dump && dump[0] === info.get(file)?.input) {
          fingerprints.set(file, dump);
          addFingerprints(count, splitFingerprints(dump[1]));
        } else unread.push(file);
      }
    }
    await readLines(unread, linesOf, info, counts, fingerprints);
    await readMissingLines(counts, groups, fingerprints, linesOf);
    for (const [group, count] of counts) repeatedLines.set(group, repeatedOf(count, ctx));
    for (const [group, members] of stale) {
      const dumps: SourceFingerprints["dumps"] = {};
      for (const file of members) {
        const known = fingerprints.get(file);
        if (known) dumps[file] = known;
      }
      counted.set(group, { knowledge, dumps });
    }
  }
  const furnitureHash = new Map(
    [...repeatedLines].map(([g, lines]) => [g, hashOfAll([...lines].sort(compareStrings))]),
  );
  return { repeatedLines, composition, furnitureHash, fingerprints: counted };
}

/** What counting one source's lines needs: its dumps, each fingerprint's count, and the words of those known. */
interface SourceCount {
  size: number;
  counts: Map<string, number>;
  lines: Map<string, string>;
}

function addFingerprints(count: SourceCount, fingerprints: readonly string[]): void {
  count.size++;
  for (const f of fingerprints) count.counts.set(f, (count.counts.get(f) ?? 0) + 1);
}

/** Reads these dumps' lines (in order), counting them into their sources and keeping their fingerprints. */
async function readLines(
  files: readonly string[],
  linesOf: (files: string[], words: boolean) => AsyncIterable<DumpLines | undefined>,
  info: ReadonlyMap<string, DumpIdentity>,
  counts: Map<string, SourceCount>,
  fingerprints: Map<string, [string, string]>,
): Promise<void> {
  let i = 0;
  // The fingerprints are what is counted; the words of the few lines repeated enough are
  // read afterwards (readMissingLines) when these leave them out.
  for await (const dump of linesOf([...files], false)) {
    const file = files[i++] as string;
    if (!dump) continue; // cannot be decoded: reported when it is extracted
    const count = counts.get(dump.source);
    const own = splitFingerprints(dump.fingerprints);
    if (count) {
      for (const [n, line] of dump.lines.entries()) count.lines.set(own[n] as string, line);
      addFingerprints(count, own);
    }
    fingerprints.set(file, [info.get(file)?.input ?? "", dump.fingerprints]);
  }
}

/**
 * A line repeated enough whose words no dump read this run gave (a date line
 * filtered out last time, a line under last time's threshold): one dump that
 * holds it is read.
 */
async function readMissingLines(
  counts: ReadonlyMap<string, SourceCount>,
  groups: ReadonlyMap<string, readonly string[]>,
  fingerprints: ReadonlyMap<string, [string, string]>,
  linesOf: (files: string[], words: boolean) => AsyncIterable<DumpLines | undefined>,
): Promise<void> {
  const wanted: string[] = [];
  for (const [group, count] of counts) {
    const missing = new Set(
      [...count.counts]
        .filter(([f, n]) => n >= thresholdOf(count.size) && !count.lines.has(f))
        .map(([f]) => f),
    );
    for (const file of groups.get(group) ?? []) {
      if (missing.size === 0) break;
      const holds = splitFingerprints(fingerprints.get(file)?.[1] ?? "").filter((f) =>
        missing.has(f),
      );
      if (holds.length === 0) continue;
      wanted.push(file);
      for (const f of holds) missing.delete(f);
    }
  }
  if (wanted.length === 0) return;
  for await (const dump of linesOf(wanted, true)) {
    const count = dump && counts.get(dump.source);
    if (!count) continue;
    const own = splitFingerprints(dump.fingerprints);
    for (const [n, line] of dump.lines.entries()) count.lines.set(own[n] as string, line);
  }
}

/** A source of this many dumps repeats a line when this many print it. */
function thresholdOf(size: number): number {
  return Math.max(MIN_SOURCE_DUMPS, Math.ceil(size * 0.05));
}

/**
 * Lines that at least 3 dumps of one source (and 5% of them) print before
 * their first section heading: a site's slogan, share bar, footer, sidebar.
 * Sections (related headlines, tickers) are not counted, so an article's
 * headline listed as "related" under other articles is never mistaken for
 * one; nor are date lines and bylines, which articles of one day or one
 * writer share.
 */
function repeatedOf(count: SourceCount, ctx: PipelineContext): Set<string> {
  const lines = new Set<string>();
  if (count.size < MIN_SOURCE_DUMPS) return lines;
  const threshold = thresholdOf(count.size);
  for (const [f, n] of count.counts) {
    const line = count.lines.get(f);
    if (n < threshold || line === undefined) continue;
    // Several articles of one day share a date line, several of one writer a byline: never furniture.
    if (!isDateLine(line, ctx.dates) && !isByline(line)) lines.add(line);
  }
  return lines;
}

/**
 * A line's fingerprint: 66 bits of its SHA-1, 11 characters. The cache keeps
 * a dump's lines as their fingerprints joined (a tenth of their size); two of a
 * source's lines sharing one is a chance of about 1 in 10^13 at 100,000 dumps.
 */
export function lineFingerprint(line: string): string {
  return hash("sha1", line, "base64url").slice(0, FINGERPRINT_LENGTH);
}

const FINGERPRINT_LENGTH = 11;

function splitFingerprints(joined: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < joined.length; i += FINGERPRINT_LENGTH)
    out.push(joined.slice(i, i + FINGERPRINT_LENGTH));
  return out;
}

/** A source needs this many dumps before its repeated lines are judged. */
const MIN_SOURCE_DUMPS = 3;

/** What one dump tells the corpus pass: its source, and the lines it prints before its first section. */
export interface DumpLines {
  source: string;
  /** Its lines, each once; empty when only the fingerprints were asked for (extract-all.ts). */
  lines: string[];
  /** Their fingerprints (lineFingerprint), joined: taken on the thread that read the lines. */
  fingerprints: string;
  /** The dump as text, from a worker thread (dumpLinesAndText): extract-all.ts hands it on to the dump. */
  decoded?: DecodedDump;
}

/**
 * A text dump's lines before its first section heading (related headlines,
 * tickers), each once, normalised; undefined when it cannot be decoded (the
 * dump is reported when it is extracted). The part of the corpus pass that
 * looks at one dump: the workers do it for their dumps (extract-all.ts).
 */
export function dumpLines(dump: RawDump, ctx: PipelineContext): DumpLines | undefined {
  const read = dumpLinesAndText(dump, ctx);
  if (!read) return undefined;
  const { decoded: _text, ...lines } = read;
  return lines;
}

/** dumpLines, with the dump's text it decoded: a worker hands the text back for the dump's extraction. */
export function dumpLinesAndText(
  dump: RawDump,
  ctx: PipelineContext,
): (DumpLines & { decoded: DecodedDump }) | undefined {
  let decoded: DecodedDump;
  try {
    decoded = decodeRawDump(dump, ctx).decoded;
  } catch {
    return undefined;
  }
  return { ...linesOfText(dump, decoded.text, ctx), decoded };
}

function linesOfText(dump: RawDump, text: string, ctx: PipelineContext): DumpLines {
  const furniture = ctx.boilerplate.furnitureFor({});
  const seen = new Set<string>();
  for (const line of normalisedLines(text)) {
    if (line === "") continue;
    if (furniture.section(line) !== null) break;
    seen.add(line);
  }
  const lines = [...seen];
  return {
    source: sourceKey(dump.file, dump.sidecar),
    lines,
    fingerprints: lines.map(lineFingerprint).join(""),
  };
}

async function* linesHere(
  files: string[],
  load: (file: string) => Promise<RawDump>,
  ctx: PipelineContext,
): AsyncGenerator<DumpLines | undefined> {
  for await (const [, loaded] of inOrder(files, load))
    yield loaded instanceof Error ? undefined : dumpLines(loaded, ctx);
}
