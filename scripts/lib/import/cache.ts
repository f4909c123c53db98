import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { codeKeyOf } from "../code-key.ts";
import { TEMPORARY_FILE, writeAtomically } from "../files.ts";
import { repoRoot } from "../paths.ts";
import type { ArticleFileFacts } from "./place.ts";

/**
 * What a re-import may take from the last run instead of redoing: for each
 * dump, the key of its bytes and metadata, the knowledge it was read with
 * (gazetteer, boilerplate lists, the importer's code) and its source's
 * repeated lines. When all three match and the article file is untouched, the
 * article file is already what extraction would write. Kept in .cache/, never
 * committed; deleting it only costs time.
 */

export interface CachedDump {
  /** SHA-256 of the dump's bytes and its sidecar/manifest metadata. */
  input: string;
  knowledge: string;
  /** Hash of the repeated lines of the dump's source. */
  furniture: string;
  /** Duplicate-detection key of its article. */
  key: string;
  warnings: string[];
  /** Input files its lead image and figures were looked for in, with their hashes (media-files.ts). */
  images?: Record<string, string>;
  /** The kept image (media/…): it must still be in the media folder. */
  media?: string;
  /** The kept figures (media/…): they must still be in the media folder. */
  figureMedia?: string[];
  /**
   * The stamps of the dump and its metadata when it was read (InputFolder.stampOf),
   * and its source: while they hold, its identity is known without reading it.
   */
  stamp?: string;
  group?: string;
}

export interface ImportCache {
  dumps: Record<string, CachedDump>;
  /** Repeated lines of each source, by a hash of the source's dumps and the knowledge they were read with. */
  sources: Record<string, { composition: string; knowledge?: string; lines: string[] }>;
  /** What each article file of the output folder was, by its stamp (place.ts). */
  articles?: Record<string, ArticleFileFacts>;
}

export function emptyCache(): ImportCache {
  return { dumps: {}, sources: {} };
}

/** The cache file of an output folder. */
export function cacheFileFor(outDir: string): string {
  const id = createHash("sha256").update(path.resolve(outDir)).digest("hex").slice(0, 16);
  return path.join(
    process.env.NASHRA_CACHE_DIR ?? path.join(repoRoot, ".cache"),
    "import",
    `${id}.v8`,
  );
}

// The cache is V8's serialisation, not JSON: a day's import reads and writes it whole, and
// 10,300 dumps' 6.8 MB took 185–251 ms to read and 191–203 ms to write as JSON against
// 151–214 and 58–84 ms (a fresh process each). Unreadable (another V8, a torn file): empty.
export async function loadCache(file: string): Promise<ImportCache> {
  try {
    const data = deserialize(await readFile(file)) as ImportCache;
    return data && typeof data.dumps === "object" && typeof data.sources === "object"
      ? data
      : emptyCache();
  } catch {
    return emptyCache();
  }
}

/**
 * The corpus pass's reading of one source's text dumps (corpus.ts): each
 * dump's input hash and its lines' fingerprints joined, under the knowledge
 * they were read with. A file a source, beside the cache file: read only when
 * the source changed, written only then (at 100,000 dumps the whole of it is
 * 16 MB, which a day's dumps in a folder of their own never need).
 */
export interface SourceFingerprints {
  knowledge: string;
  dumps: Record<string, [input: string, fingerprints: string]>;
}

/** The folder of a cache file's source fingerprints. */
export function fingerprintsDirFor(cacheFile: string): string {
  return cacheFile.replace(/\.(?:json|v8)$/, ".sources");
}

function fingerprintsFile(dir: string, source: string): string {
  return path.join(dir, `${createHash("sha256").update(source).digest("hex").slice(0, 16)}.v8`);
}

export async function readSourceFingerprints(
  dir: string,
  source: string,
): Promise<SourceFingerprints | undefined> {
  try {
    // V8's serialisation, as the cache file (loadCache).
    const data = deserialize(await readFile(fingerprintsFile(dir, source))) as SourceFingerprints;
    return typeof data?.knowledge === "string" && typeof data.dumps === "object" ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the sources counted this run; removes the files of sources the inputs no longer have. */
export async function writeSourceFingerprints(
  dir: string,
  counted: ReadonlyMap<string, SourceFingerprints>,
  sources: Iterable<string>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [source, data] of counted)
    await writeAtomically(fingerprintsFile(dir, source), serialize(data));
  const kept = new Set([...sources].map((s) => path.basename(fingerprintsFile(dir, s))));
  for (const name of await readdir(dir))
    if (!kept.has(name) && !TEMPORARY_FILE.test(name))
      await rm(path.join(dir, name), { force: true });
}

export async function ensureCacheDir(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
}

let knowledge: string | undefined;

/**
 * Hash of everything besides a dump that decides its article: the importer's
 * code (every module its entry points reach, the worker's included), the data
 * files it reads, and the dependencies.
 */
export function knowledgeHash(): string {
  knowledge ??= codeKeyOf(IMPORTER_ENTRIES, importerData());
  return knowledge;
}

/** Where the importer's code starts: the run, and the worker it starts by file name. */
export const IMPORTER_ENTRIES = [
  "scripts/lib/import/run.ts",
  "scripts/lib/import/extract-worker.ts",
];

/** The data files the importer reads at run time (gazetteer, profiles, word lists). */
function importerData(): string[] {
  return (readdirSync(path.join(repoRoot, "scripts/data"), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `scripts/data/${f.split(path.sep).join("/")}`);
}

export function hashOf(...parts: (string | Uint8Array)[]): string {
  return hashOfAll(parts);
}

/** hashOf for a list of any length (spreading 200,000 arguments overflows the stack). */
export function hashOfAll(parts: Iterable<string | Uint8Array>): string {
  const hash = createHash("sha256");
  for (const p of parts) {
    hash.update(p);
    hash.update("\u0000");
  }
  return hash.digest("hex").slice(0, 32);
}
