import { hash as digest } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { codeKeyOf } from "../code-key.ts";
import { fileStamp, listFiles, type ReadSource, writeAtomically } from "../files.ts";
import { ArchiveVocabulary, foldedForms } from "./proclitics.ts";

/**
 * The archive's vocabulary: the words of every article file, to tell a word
 * of the archive from a fragment of one (proclitics.ts), and their languages,
 * to index them in the archive's. Read from the sources, not the pages, so
 * that a part of a split build decides as the whole build would.
 *
 * Folding every article's words is most of the index step's own work in an
 * update (3.2 s of CPU at 10,000 articles, while the parts render), and an
 * update changes few articles: so each file's folded words are kept in a
 * cache by the file's content hash, and only new or changed files are folded;
 * a file unchanged since it was read (its stamp, fileStamp) is not even read.
 * The counts are the same as reading everything afresh (tested).
 */

/** An article's `lang` from its front matter; "ar" when it has none, as the archive reads it (site/archive.ts). */
export function frontMatterLang(markdown: string): string {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markdown)?.[1] ?? "";
  return /^lang:[ \t]*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)["']?[ \t]*$/m.exec(front)?.[1] ?? "ar";
}

/** The cache's file in a cache folder (the search index's). */
export function vocabularyCacheFile(cacheDir: string): string {
  return path.join(cacheDir, "vocabulary.json");
}

interface VocabularyCache {
  /** The folding code (proclitics.ts and what it imports): another code, another vocabulary. */
  code: string;
  /** Every word some article holds; articles name their words by place in this list. */
  words: string[];
  /**
   * Article file (relative) → [content hash, language, its words (packedIds: their places
   * in `words`), its stamp (fileStamp)].
   */
  articles: Record<string, [string, string, string, string]>;
}

/**
 * An article's words as one string: their places in the word list, in order,
 * each as the gap from the one before in 7-bit groups (a varint), in base64.
 * The cache holds 10,000 articles of 300 words each: as JSON numbers it was
 * 20 MB that every build parsed (0.4 s of the index step's CPU at 10,000
 * articles); as strings it is a third of that, parsed as fast as it is read.
 */
export function packIds(ids: Iterable<number>): string {
  const sorted = Uint32Array.from(ids).sort();
  const bytes: number[] = [];
  let last = 0;
  for (const id of sorted) {
    let gap = id - last;
    last = id;
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    bytes.push(gap);
  }
  return Buffer.from(bytes).toString("base64");
}

/** The places packIds packed, in order, each given to `each`. */
export function unpackIds(packed: string, each: (id: number) => void): void {
  const bytes = Buffer.from(packed, "base64");
  let id = 0;
  for (let i = 0; i < bytes.length; ) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[i++] as number;
      gap += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80 && i < bytes.length);
    id += gap;
    each(id);
  }
}

export async function readArchiveVocabulary(
  articlesDir: string,
  options: {
    /** Where to keep each file's folded words between runs (vocabularyCacheFile). None: no cache. */
    cacheFile?: string;
    /** The time now, in ms (for the racy-file check, fileStamp; tests set it). */
    now?: number;
    /** Files read already, by file (relative): their text, hash and stamp (site/load.ts reads them so). */
    read?: ReadonlyMap<string, ReadSource>;
  } = {},
): Promise<ArchiveVocabulary> {
  const vocabulary = new ArchiveVocabulary();
  if (!existsSync(articlesDir)) return vocabulary;
  const files = (await listFiles(articlesDir)).filter((f) => f.endsWith(".md"));
  if (!options.cacheFile) {
    // Read one by one: small files, and a third faster than batches of promises (measured).
    for (const file of files) {
      const markdown =
        options.read?.get(file)?.text ?? readFileSync(path.join(articlesDir, file), "utf8");
      vocabulary.addArticle(markdown);
      vocabulary.addLanguage(frontMatterLang(markdown));
    }
    return vocabulary;
  }

  const code = foldingCodeKey();
  const cached = readCache(options.cacheFile, code);
  // The cache's word list, extended by the words of new or changed files.
  const words = cached?.words ?? [];
  // Built only when a file is new or changed: an unchanged archive needs no word looked up.
  let idOf: Map<string, number> | undefined;
  const id = (word: string) => {
    idOf ??= new Map(words.map((w, n) => [w, n]));
    let n = idOf.get(word);
    if (n === undefined) {
      n = words.length;
      words.push(word);
      idOf.set(word, n);
    }
    return n;
  };
  const articles: VocabularyCache["articles"] = {};
  /** Files new or changed since the cache was written (or gone, below). */
  let changed = 0;
  const now = options.now ?? Date.now();
  for (const file of files) {
    const read = options.read?.get(file);
    const stamp = read?.stamp ?? fileStamp(path.join(articlesDir, file), now);
    const known = cached?.articles[file];
    // Unchanged since it was read (its stamp): not read again.
    if (known && stamp && known[3] === stamp) {
      articles[file] = known;
      continue;
    }
    const markdown = read?.text ?? readFileSync(path.join(articlesDir, file), "utf8");
    const hash = read?.hash ?? digest("sha1", markdown, "base64url");
    if (known && known[0] === hash) {
      if (known[3] !== stamp) changed++;
      articles[file] = [hash, known[1], known[2], stamp];
      continue;
    }
    changed++;
    articles[file] = [
      hash,
      frontMatterLang(markdown),
      packIds([...foldedForms(markdown)].map(id)),
      stamp,
    ];
  }
  changed += Object.keys(cached?.articles ?? {}).filter((f) => !(f in articles)).length;

  const counts = new Uint32Array(words.length);
  const count = (n: number) => {
    counts[n] = (counts[n] ?? 0) + 1;
  };
  for (const [, lang, ids] of Object.values(articles)) {
    vocabulary.addLanguage(lang);
    unpackIds(ids, count);
  }
  counts.forEach((count, n) => {
    if (count > 0) vocabulary.addWord(words[n] as string, count);
  });
  // Written for any change, so that no file is folded twice (a write costs less than folding a
  // day's hundred articles again); the words no article holds any more are dropped once they
  // are a tenth of the list (the articles' words are then renumbered, unpacked and packed again).
  if (!cached || changed > 0) {
    const unused = counts.reduce((n, c) => (c === 0 ? n + 1 : n), 0);
    if (unused * 10 >= words.length && unused > 0)
      await writeCache(options.cacheFile, code, words, counts, articles);
    else
      await writeAtomically(
        options.cacheFile,
        JSON.stringify({ code, words, articles } satisfies VocabularyCache),
      );
  }
  return vocabulary;
}

function readCache(file: string, code: string): VocabularyCache | undefined {
  try {
    const cache = JSON.parse(readFileSync(file, "utf8")) as VocabularyCache;
    return cache.code === code && Array.isArray(cache.words) && typeof cache.articles === "object"
      ? cache
      : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache with only the words some article still holds, renumbered (each article's words unpacked and packed again). */
async function writeCache(
  file: string,
  code: string,
  words: string[],
  counts: Uint32Array,
  articles: VocabularyCache["articles"],
): Promise<void> {
  const renumbered = new Int32Array(words.length).fill(-1);
  const kept: string[] = [];
  counts.forEach((count, n) => {
    if (count > 0) {
      renumbered[n] = kept.length;
      kept.push(words[n] as string);
    }
  });
  const out: VocabularyCache["articles"] = {};
  for (const [rel, [hash, lang, ids, stamp]] of Object.entries(articles)) {
    const kept: number[] = [];
    unpackIds(ids, (n) => kept.push(renumbered[n] as number));
    out[rel] = [hash, lang, packIds(kept), stamp];
  }
  await writeAtomically(
    file,
    JSON.stringify({ code, words: kept, articles: out } satisfies VocabularyCache),
  );
}

function foldingCodeKey(): string {
  foldingCode ??= codeKeyOf(["scripts/lib/search/vocabulary.ts"]);
  return foldingCode;
}
let foldingCode: string | undefined;
