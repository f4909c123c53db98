import { rm } from "node:fs/promises";
import { serialize } from "node:v8";
import { compareStrings, writeAtomically } from "../files.ts";
import type { Article } from "./article.ts";
import {
  type CachedDump,
  cacheFileFor,
  emptyCache,
  ensureCacheDir,
  fingerprintsDirFor,
  type ImportCache,
  knowledgeHash,
  loadCache,
  readSourceFingerprints,
  type SourceFingerprints,
  writeSourceFingerprints,
} from "./cache.ts";
import { sourceFurniture } from "./corpus.ts";
import {
  dumpLinesAhead,
  type ExtractionWorkers,
  extractEach,
  startExtractionWorkers,
  workersFor,
} from "./extract-all.ts";
import { type InputFolder, identifyDumps, readInputFolder } from "./inputs.ts";
import {
  consultedUnchanged,
  mediaDirFor,
  mediaPresent,
  readFigures,
  readLeadImage,
  removeUnusedMedia,
  writeMedia,
} from "./media-files.ts";
import { formatOf, type PipelineContext } from "./pipeline.ts";
import {
  articlesOfMovedDumps,
  indexExistingArticles,
  isForced,
  type PlannedArticle,
  placeArticle,
} from "./place.ts";
import { contentKey } from "./prepare.ts";
import { type ImportReport, type InputReport, inputId, orphansOf } from "./report.ts";
import { serialiseArticle } from "./serialise.ts";
import {
  fileSystemError,
  lockFolder,
  recordMoves,
  removeStaleCopies,
  removeStaleTemporaryFiles,
  writePlaced,
} from "./write.ts";

/**
 * An import run, stage by stage:
 *
 *   inputs.ts   what the input folder holds (dumps, metadata, what cannot be read)
 *   corpus.ts   the lines each source repeats across its dumps (its furniture)
 *   extract-all.ts   every changed dump through the pipeline (pipeline.ts), on one core or several
 *   place.ts    where each article goes, given what content/ holds
 *   write.ts    the only stage that changes content/: atomic writes, moves, the lock
 *   report.ts   every input's outcome
 *
 * A dump whose bytes, metadata, importer and source furniture are unchanged,
 * and whose article file nobody touched, is not extracted again (cache.ts).
 */

export interface ImportOptions extends PipelineContext {
  inDir: string;
  outDir: string;
  /**
   * Overwrite article files edited by hand: all of them (true), or only these
   * (article paths relative to the output folder, or input files).
   */
  force?: boolean | readonly string[];
  /** Change nothing; report what an import would do. */
  dryRun?: boolean;
  /** Sees every article the import extracted (the evaluation reads them). */
  onArticle?: (input: InputReport, article: Article) => void;
  /** Worker threads for extraction; by default one per core from 2,000 dumps on. */
  workers?: number;
  /** Where the re-import cache lives (default: .cache/import/ by output folder); null: no cache. */
  cacheFile?: string | null;
  /** Where articles' images are kept (default: `media/` beside the output folder). */
  mediaDir?: string;
  /** The time now, in ms, for the racy-file check of the cache's stamps (fileStamp; tests set it). */
  now?: number;
}

/**
 * Runs an import. One import at a time writes to an output folder (a lock
 * file in it, `.nashra-import.lock`, names the process); the temporary files
 * an interrupted import left there are removed first.
 */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  if (options.dryRun) return importFolder(options);
  const release = await lockFolder(options.outDir);
  try {
    const stale = [
      ...(await removeStaleTemporaryFiles(options.outDir)),
      ...(await removeStaleTemporaryFiles(options.mediaDir ?? mediaDirFor(options.outDir))).map(
        (f) => `../media/${f}`,
      ),
    ];
    const report = await importFolder(options);
    return stale.length > 0 ? { ...report, staleTemporaryFiles: stale } : report;
  } finally {
    await release();
  }
}

async function importFolder(options: ImportOptions): Promise<ImportReport> {
  // What there is: the inputs, the cache, the article files content/ holds now.
  // One "now" for the run's racy-file checks (fileStamp) of inputs and article files.
  const now = options.now ?? Date.now();
  const folder = await readInputFolder(options.inDir, now);
  const { dumps } = folder;
  const inputs: InputReport[] = [...folder.rejected];
  const cacheFile =
    options.cacheFile === null ? undefined : (options.cacheFile ?? cacheFileFor(options.outDir));
  const cache = cacheFile ? await loadCache(cacheFile) : emptyCache();
  // Many dumps the cache has never seen (a first import): the extraction workers start
  // now, loading the pipeline while this thread reads the inputs. An unchanged re-import
  // starts none.
  const unseen = dumps.filter((f) => !cache.dumps[f]).length;
  const threads = options.workers ?? workersFor(unseen);
  const early = threads > 1 ? startExtractionWorkers(threads) : undefined;
  try {
    return await importWith({ ...options, now }, folder, inputs, cacheFile, cache, early);
  } finally {
    await early?.terminate();
  }
}

/** The import proper, with the extraction workers already started (if any). */
async function importWith(
  options: ImportOptions,
  folder: InputFolder,
  inputs: InputReport[],
  cacheFile: string | undefined,
  cache: ImportCache,
  early: ExtractionWorkers | undefined,
): Promise<ImportReport> {
  const { dumps, loadDump } = folder;
  const knowledge = knowledgeHash();
  const mediaDir = options.mediaDir ?? mediaDirFor(options.outDir);
  const existing = await indexExistingArticles(options.outDir, cache.articles, options.now);
  // With workers started early (a first import), they read the new text dumps' lines for
  // the corpus pass while this thread identifies the dumps, not after; the text they
  // decoded stays with each dump held for its extraction.
  const linesOf = early
    ? dumpLinesAhead(
        dumps.filter((f) => formatOf(f) === "text" && !cache.dumps[f]),
        loadDump,
        early,
        folder.keepDecoded,
      )
    : undefined;
  // A dump unchanged since the last run read it (its stamp) is known without reading it;
  // a dump read has the stamp it had when it was opened (one changed meanwhile is read
  // again next run).
  const info = await identifyDumps(dumps, loadDump, (file) => {
    const c = cache.dumps[file];
    if (!c?.stamp || c.group === undefined) return undefined;
    return c.stamp === folder.stampOf(file)
      ? { input: c.input, group: c.group, stamp: c.stamp }
      : undefined;
  });
  const { repeatedLines, composition, furnitureHash, fingerprints } = await sourceFurniture(
    dumps,
    info,
    cache,
    loadDump,
    options,
    linesOf,
    {
      knowledge,
      fingerprintsOf: async (source) =>
        cacheFile ? readSourceFingerprints(fingerprintsDirFor(cacheFile), source) : undefined,
    },
  );
  const ctx: PipelineContext = { ...options, repeatedLines };

  // A dump whose input, knowledge and source furniture are unchanged, and whose
  // article file nobody touched, already has the article extraction would write.
  const reusable = (file: string): CachedDump | undefined => {
    const c = cache.dumps[file];
    const i = info.get(file);
    const previous = existing.bySource.get(file);
    if (!c || !i || !previous || isForced(options.force, previous.path, file)) return undefined;
    // Text and HTML dumps hold one article each; a JSON file's records are read again.
    const format = formatOf(file);
    if (format !== "text" && format !== "html") return undefined;
    if (
      c.input !== i.input ||
      c.knowledge !== knowledge ||
      c.furniture !== (furnitureHash.get(i.group) ?? "")
    ) {
      return undefined;
    }
    // Its image: the files it was looked for in unchanged, the kept file still there.
    if (c.images && !consultedUnchanged(c.images, options.inDir, folder.fileSet)) return undefined;
    if (c.media && !mediaPresent(mediaDir, c.media)) return undefined;
    if (c.figureMedia?.some((src) => !mediaPresent(mediaDir, src))) return undefined;
    if (!previous.untouched) return undefined;
    // Remembered with this run's stamp: a dump read again because its stamp moved while its
    // bytes did not (written again by a checkout, copied) is then known without reading it.
    const { stamp: _stamp, group: _group, ...known } = c;
    return i.stamp ? { ...known, stamp: i.stamp, group: i.group } : known;
  };
  const reused = new Map<string, CachedDump>();
  for (const file of dumps) {
    const c = reusable(file);
    if (c) reused.set(file, c);
  }

  // Placing (given what content/ holds): copies of one source's article first, then each
  // article in input order (sorted), so a run is deterministic.
  const dryRun = options.dryRun ?? false;
  const taken = new Set(existing.paths);
  const { duplicateFiles, movedFiles } = await removeStaleCopies(
    options.outDir,
    existing,
    taken,
    dryRun,
  );
  const gone = articlesOfMovedDumps(existing, folder.fileSet);
  const moved = new Set<string>();
  /** Images to keep, by media path. */
  const media = new Map<string, Uint8Array>();
  const place = async (item: PlannedArticle): Promise<void> => {
    const placement = placeArticle(item, existing, gone, moved, taken, options.force);
    if (placement.action === "write" && !dryRun)
      await writePlaced(options.outDir, item.report, item.text, placement, taken, movedFiles);
    await keepImage(item, media, mediaDir, dryRun);
  };

  // Every input's outcome, and each article placed and written as its dump's
  // extraction comes back (in input order, while the workers extract the next);
  // the same article dumped twice (other masthead, ticker, boilerplate) is imported once.
  const extracted = extractEach(
    dumps.filter((f) => !reused.has(f)),
    loadDump,
    ctx,
    early ?? options.workers,
  );
  const seenContent = new Map<string, string>();
  const remember: Record<string, CachedDump> = {};
  try {
    for (const file of dumps) {
      const hit = reused.get(file);
      if (hit) {
        const report: InputReport = {
          file,
          outcome: "unchanged",
          article: existing.bySource.get(file)?.path as string,
          warnings: [...hit.warnings],
        };
        inputs.push(report);
        const first = seenContent.get(hit.key);
        if (first !== undefined) {
          report.outcome = "duplicate";
          report.duplicateOf = first;
          delete report.article;
          continue;
        }
        seenContent.set(hit.key, file);
        remember[file] = hit;
        continue;
      }
      const next = await extracted.next();
      if (next.done || next.value[0] !== file)
        throw new Error(`extraction out of order at ${file}`); // extractEach keeps input order
      const outcome = next.value[1];
      if ("reason" in outcome) {
        inputs.push({ file, outcome: "rejected", reason: outcome.reason, warnings: [] });
        continue;
      }
      for (const x of outcome.extractions) {
        const report: InputReport = {
          file,
          ...(x.record !== undefined ? { record: x.record } : {}),
          outcome: "unchanged",
          warnings: x.warnings,
        };
        inputs.push(report);
        if (!x.article) {
          report.outcome = "rejected";
          report.reason = x.reason ?? "unreadable";
          continue;
        }
        const key = x.key ?? contentKey(x.article);
        const first = seenContent.get(key);
        if (first !== undefined) {
          report.outcome = "duplicate";
          report.duplicateOf = first;
          continue;
        }
        seenContent.set(key, inputId(file, x.record));
        let text = x.text ?? serialiseArticle(x.article);
        let consulted: Record<string, string> | undefined;
        if (x.article.imageCandidates) {
          const lead = readLeadImage(x.article.imageCandidates, options.inDir, folder.fileSet);
          report.warnings.push(...lead.warnings);
          consulted = lead.consulted;
          if (lead.image && lead.bytes) {
            x.article.image = lead.image;
            media.set(lead.image.src, lead.bytes);
            text = serialiseArticle(x.article);
          }
        }
        if (x.article.figureCandidates) {
          const read = readFigures(
            x.article.figureCandidates,
            options.inDir,
            folder.fileSet,
            x.article.image?.src,
          );
          report.warnings.push(...read.warnings);
          consulted = { ...consulted, ...read.consulted };
          if (read.figures.length > 0) {
            x.article.figures = read.figures;
            for (const [src, bytes] of read.bytes) media.set(src, bytes);
            text = serialiseArticle(x.article);
          }
        }
        const item: PlannedArticle = { report, article: x.article, text };
        options.onArticle?.(report, x.article);
        await place(item);
        const i = info.get(file);
        if (i && x.record === undefined) {
          remember[file] = {
            input: i.input,
            knowledge,
            furniture: furnitureHash.get(i.group) ?? "",
            key,
            warnings: report.warnings,
            ...(consulted && Object.keys(consulted).length > 0 ? { images: consulted } : {}),
            ...(x.article.image ? { media: x.article.image.src } : {}),
            ...(x.article.figures ? { figureMedia: x.article.figures.map((f) => f.src) } : {}),
            ...(i.stamp ? { stamp: i.stamp, group: i.group } : {}),
          };
        }
      }
    }
  } finally {
    // Done, or stopped by an error: the workers started for this extraction stop too.
    await extracted.return(undefined);
    folder.release();
  }

  if (!dryRun) await recordMoves(options.outDir, movedFiles, taken);
  const unusedMedia = await removeUnusedMedia(options.outDir, mediaDir, dryRun);
  if (cacheFile && !dryRun)
    await saveCache(
      cacheFile,
      inputs,
      remember,
      repeatedLines,
      composition,
      knowledge,
      fingerprints,
      // As they were found: a file this run rewrote or moved has another stamp (a new
      // inode) and is read again next run; one it removed is not looked for. No second
      // stat of every article file to weed them out.
      Object.fromEntries(existing.facts),
    );

  inputs.sort((a, b) => compareStrings(a.file, b.file) || (a.record ?? 0) - (b.record ?? 0));
  return {
    dryRun,
    inputs,
    orphans: orphansOf(inputs, existing.bySource, moved),
    reused: reused.size,
    ...(duplicateFiles.length > 0 ? { duplicateFiles: duplicateFiles.sort(compareStrings) } : {}),
    ...(unusedMedia.length > 0 ? { unusedMedia } : {}),
  };
}

/**
 * Writes an article's images (the lead, the figures) into the media folder, unless it is there (one
 * file per content): an image missing from it makes the article's outcome
 * "updated" (and `--check` fail). An image that cannot be written is reported.
 */
async function keepImage(
  { report, article }: PlannedArticle,
  media: ReadonlyMap<string, Uint8Array>,
  mediaDir: string,
  dryRun: boolean,
): Promise<void> {
  if (report.outcome === "rejected" || report.outcome === "kept") return;
  for (const { src } of [...(article.image ? [article.image] : []), ...(article.figures ?? [])]) {
    const bytes = media.get(src);
    if (!bytes || mediaPresent(mediaDir, src)) continue;
    if (report.outcome === "unchanged") {
      report.outcome = "updated";
      report.warnings.push(`${src} was missing from the media folder`);
    }
    if (dryRun) continue;
    try {
      await writeMedia(mediaDir, src, bytes);
    } catch (error) {
      report.warnings.push(`image not written to ${src}: ${fileSystemError(error)}`);
    }
  }
}

/** Remembers what this run wrote or confirmed; hand-kept files are asked again next time. */
async function saveCache(
  cacheFile: string,
  inputs: readonly InputReport[],
  remember: Record<string, CachedDump>,
  repeatedLines: ReadonlyMap<string, ReadonlySet<string>>,
  composition: ReadonlyMap<string, string>,
  knowledge: string,
  fingerprints: ReadonlyMap<string, SourceFingerprints>,
  articles: NonNullable<ImportCache["articles"]>,
): Promise<void> {
  for (const report of inputs) if (report.outcome === "kept") delete remember[report.file];
  const sources: ImportCache["sources"] = {};
  for (const [group, lines] of repeatedLines) {
    sources[group] = {
      composition: composition.get(group) ?? "",
      knowledge,
      lines: [...lines].sort(compareStrings),
    };
  }
  // The cache only saves time next run: a cache that cannot be written is not kept.
  try {
    await ensureCacheDir(cacheFile);
    await writeSourceFingerprints(
      fingerprintsDirFor(cacheFile),
      fingerprints,
      repeatedLines.keys(),
    );
    await writeAtomically(
      cacheFile,
      serialize({ dumps: remember, sources, articles } satisfies ImportCache),
    );
  } catch {
    await rm(cacheFile, { force: true }).catch(() => {});
  }
}
