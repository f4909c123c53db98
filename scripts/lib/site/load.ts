import { hash as digest } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { codeKeyOf } from "../code-key.ts";
import { compareStrings, fileStamp, listFiles, type ReadSource, worthRewriting } from "../files.ts";
import { type Moves, parseRedirects, REDIRECTS_FILE } from "../redirects.ts";
import { Archive } from "./archive.ts";
import { type ArchiveArticle, articleFromMarkdown } from "./archive-article.ts";
import { URLS } from "./urls.ts";

/** Loading the archive: every article file's front matter (cached by file hash), and the redirects of moved articles. */

/**
 * Reads every article's front matter and builds the archive from it (see
 * loadArticles).
 */
export async function loadArchive(
  articlesDir: string,
  pageSize: number,
  options: { cacheFile?: string } = {},
): Promise<Archive> {
  const { articles, files, hashes } = await loadArticles(articlesDir, options);
  const archive = new Archive(articles, pageSize, {
    dir: articlesDir,
    hashes,
  });
  archive.redirects = redirectsOf(await readMoves(articlesDir), new Set(files));
  return archive;
}

interface ReadOptions {
  cacheFile?: string;
  /** The time now, in ms (for the racy-file check, fileStamp; tests set it). */
  now?: number;
  /** Sees each file read (not those taken from the cache by their stamp), as readArchiveVocabulary takes them. */
  onRead?: (file: string, read: ReadSource) => void;
  /**
   * Reads some of the files to read elsewhere (another thread, readArticlesAt
   * there) while this thread reads the others: given the later ones, resolves
   * to what it read of each.
   */
  readElsewhere?: (files: string[]) => Promise<ArticleFileRead[]>;
}

/** An article file read: its text, its hash and the article it holds. */
export interface ArticleFileRead {
  /** Relative to the articles folder. */
  file: string;
  text: string;
  hash: string;
  article: ArchiveArticle;
}

/** These article files (relative to the folder) read, hashed and parsed (readArticleAt). */
export function readArticlesAt(articlesDir: string, files: readonly string[]): ArticleFileRead[] {
  return files.map((file) => readArticleAt(articlesDir, file));
}

/**
 * An article file (relative to the folder) read, hashed and parsed; a file
 * that is not a valid article throws, named. `cached`: what the cache holds
 * of it, whose article is taken when the text hashes the same.
 */
function readArticleAt(
  articlesDir: string,
  file: string,
  cached?: { hash: string; article: ArchiveArticle },
): ArticleFileRead {
  const text = readFileSync(path.join(articlesDir, file), "utf8");
  const hash = digest("sha1", text, "base64url");
  const article = cached?.hash === hash ? cached.article : articleFromMarkdown(file, text);
  return { file, text, hash, article };
}

/**
 * Of the files to read, the share another thread reads (readElsewhere): the
 * later ones, from this many on. Its code takes a quarter of a second to
 * load, the two threads parse more slowly side by side than one alone, and
 * its answer takes 0.15–0.2 s to arrive, so it takes about a third. Measured
 * on the benchmark's 10,000 articles, a full build's read-ahead alone (three
 * rounds): a third 1.62–1.92 s, 45 % 1.85–2.16 s, a quarter 1.90–2.34 s, one
 * thread 2.00–2.08 s.
 */
const READ_ELSEWHERE_FROM = 2000;
const SHARE_READ_ELSEWHERE = 0.35;

/**
 * Reads every article's front matter; a file that is not a valid article
 * stops the build, named. With a cache file, an article whose file has not
 * changed since the last build (fileStamp) is taken from it instead of read
 * again, one whose text is the same is not parsed again. An article whose
 * photo is missing from the media folder comes without it.
 */
export async function loadArticles(
  articlesDir: string,
  options: ReadOptions = {},
): Promise<{ articles: ArchiveArticle[]; files: string[]; hashes: Map<string, string> }> {
  const read = await readArticleFiles(articlesDir, options);
  return { ...read, articles: withPhotosFound(read.articles, articlesDir) };
}

/**
 * loadArticles without looking for the articles' photos: what a full build
 * reads ahead into the archive cache for its parts (which look for them, and
 * say which are missing, themselves).
 */
export async function readArticleFiles(
  articlesDir: string,
  options: ReadOptions = {},
): Promise<{ articles: ArchiveArticle[]; files: string[]; hashes: Map<string, string> }> {
  const now = options.now ?? Date.now();
  let files: string[] = [];
  try {
    files = (await listFiles(articlesDir)).filter((f) => f.endsWith(".md"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const cache = options.cacheFile ? await readArchiveCache(options.cacheFile) : undefined;
  const stamps = files.map((file) => fileStamp(path.join(articlesDir, file), now));
  // What the cache holds of each file whose stamp it vouches for (taken as it is, not read).
  const vouched = files.map((file, i) => {
    const cached = cache?.articles[file];
    return cached && stamps[i] && cached.stamp === stamps[i] ? cached : undefined;
  });
  const toRead = files.filter((_, i) => !vouched[i]);
  // Many to read (a first build, or code that changed): the later ones read on another thread
  // meanwhile, once this thread has read the others.
  const cut =
    options.readElsewhere && toRead.length >= READ_ELSEWHERE_FROM
      ? Math.ceil(toRead.length * (1 - SHARE_READ_ELSEWHERE))
      : toRead.length;
  const elsewhere =
    options.readElsewhere && cut < toRead.length
      ? options.readElsewhere(toRead.slice(cut))
      : Promise.resolve([]);
  elsewhere.catch(() => {}); // awaited below, after this thread's share
  let readThere: Map<string, ArticleFileRead> | undefined;

  const fresh: ArchiveCache["articles"] = {};
  let changed = 0;
  const hashes = new Map<string, string>();
  const articles: ArchiveArticle[] = [];
  let reading = 0;
  for (const [i, file] of files.entries()) {
    const stamp = stamps[i] as string;
    const kept = vouched[i];
    if (kept) {
      hashes.set(file, kept.hash);
      fresh[file] = kept;
      articles.push(kept.article);
      continue;
    }
    // One by one, synchronously: small files, read in half the time of batches of promises
    // (measured on the 10,000 articles of the benchmark: 330 ms against 720); each text kept
    // no longer than its file takes (100,000 of them are gigabytes).
    const cached = cache?.articles[file];
    let got: ArticleFileRead | undefined;
    if (reading++ < cut) got = readArticleAt(articlesDir, file, cached);
    else {
      readThere ??= new Map((await elsewhere).map((r) => [r.file, r]));
      got = readThere.get(file);
      readThere.delete(file);
    }
    if (!got) throw new Error(`content/articles/${file}: not read`);
    const { text, hash, article } = got;
    options.onRead?.(file, { text, hash, stamp });
    hashes.set(file, hash);
    fresh[file] = { hash, stamp, article };
    if (cached?.hash !== hash || cached.stamp !== stamp) changed++;
    articles.push(article);
  }
  const gone = Object.keys(cache?.articles ?? {}).filter((f) => !(f in fresh)).length;
  if (options.cacheFile && (!cache || worthRewriting(changed + gone, files.length))) {
    await writeArchiveCache(options.cacheFile, fresh);
  }
  return { articles, files, hashes };
}

/**
 * An article whose photo (the lead, or a figure) is not in the media folder (deleted by hand, not yet
 * imported) is shown without it, and the build says so: a missing photo is
 * not worth a failed build, nor a page that links a file there is none of.
 */
function withPhotosFound(articles: ArchiveArticle[], articlesDir: string): ArchiveArticle[] {
  const contentDir = path.dirname(path.resolve(articlesDir));
  const found = (a: ArchiveArticle, src: string) => {
    if (existsSync(path.join(contentDir, src))) return true;
    console.warn(
      `[nashra] content/articles/${a.path}: its photo ${src} is not in the content folder; the page is built without it (npm run import writes it again)`,
    );
    return false;
  };
  return articles.map((a) => {
    let out = a;
    if (a.image && !found(a, a.image.src)) {
      const { image: _missing, ...rest } = out;
      out = rest;
    }
    if (a.figures?.some((f) => !found(a, f.src))) {
      const { figures, ...rest } = out;
      const kept = (figures ?? []).filter((f) => existsSync(path.join(contentDir, f.src)));
      out = kept.length > 0 ? { ...rest, figures: kept } : rest;
    }
    return out;
  });
}

/** The redirects of an articles folder, without loading the archive (a build in parts indexes with them). */
export async function redirectsIn(articlesDir: string): Promise<Redirect[]> {
  let files: string[] = [];
  try {
    files = (await listFiles(articlesDir)).filter((f) => f.endsWith(".md"));
  } catch {
    return [];
  }
  return redirectsOf(await readMoves(articlesDir), new Set(files));
}

/** A page at an old article URL that sends the reader to the article's URL now. */
export interface Redirect {
  url: string;
  to: string;
}

async function readMoves(articlesDir: string): Promise<Moves> {
  let text: string;
  try {
    text = await readFile(path.join(articlesDir, REDIRECTS_FILE), "utf8");
  } catch {
    return new Map();
  }
  return parseRedirects(text, `content/articles/${REDIRECTS_FILE}`);
}

/** Redirects to articles that exist, from URLs no article has. */
export function redirectsOf(moves: Moves, articleFiles: ReadonlySet<string>): Redirect[] {
  return [...moves]
    .filter(([from, to]) => !articleFiles.has(from) && articleFiles.has(to))
    .map(([from, to]) => ({ url: URLS.article(from), to: URLS.article(to) }))
    .sort((a, b) => compareStrings(a.url, b.url));
}

interface ArchiveCache {
  code: string;
  articles: Record<string, { hash: string; stamp: string; article: ArchiveArticle }>;
}

/** The code that turns a file into an ArchiveArticle (this module and all it imports): a change to it empties the cache. */
function archiveCodeKey(): string {
  archiveCode ??= codeKeyOf(["scripts/lib/site/archive-article.ts"]);
  return archiveCode;
}
let archiveCode: string | undefined;

// The cache is V8's serialisation, not JSON: an update's render reads it first thing, and
// 10,000 articles' 21 MB took 467–483 ms to read as JSON against 348–353 ms (a fresh
// process each). Unreadable (another V8, a torn file): no cache, every file read.
async function readArchiveCache(file: string): Promise<ArchiveCache | undefined> {
  try {
    const cache = deserialize(await readFile(file)) as ArchiveCache;
    return cache.code === archiveCodeKey() && typeof cache.articles === "object"
      ? cache
      : undefined;
  } catch {
    return undefined;
  }
}

async function writeArchiveCache(file: string, articles: ArchiveCache["articles"]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, serialize({ code: archiveCodeKey(), articles } satisfies ArchiveCache));
  await rename(tmp, file);
}
