import { createHash, hash } from "node:crypto";
import { readdirSync, readFileSync, realpathSync } from "node:fs";
import { mkdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { codeKeyOf } from "../code-key.ts";
import { compareStrings } from "../files.ts";
import { repoRoot } from "../paths.ts";
import { articlePageFile, planShards } from "../search/index-site.ts";

/**
 * Which pages a build renders. Every generated page — article, listing,
 * feed, sitemap — is a pagination item, and each has a key: a hash of
 * everything its HTML is made of (the article's file, its neighbours' titles,
 * a listing's items…). A build records the keys it rendered; an incremental
 * build renders only the pages whose key changed and deletes the pages that
 * no longer exist. A change to the templates, the site's code, the
 * configuration or the dependencies changes the code key, and everything is
 * rendered again. Keys are checked by a test: an incremental build's output
 * is byte-identical to a full build's.
 */

export interface RenderManifest {
  codeKey: string;
  /** Output URL → page key. */
  pages: Record<string, string>;
}

/** One of the parts a build is split into: rendered by its own process, or on its own machine. */
export interface Part {
  /** 0-based. */
  index: number;
  count: number;
  /**
   * Other parts (0-based) rendered by the same Eleventy run: an update's
   * process renders its parts together (build.ts).
   */
  with?: readonly number[];
}

/** The parts (0-based) a run renders: its own and those it renders with it. */
function partsOf(part: Part): Set<number> {
  return new Set([part.index, ...(part.with ?? [])]);
}

/**
 * Which part renders which page. Article pages go with their search shard
 * (a run of dates, or undated articles), and shards are dealt to parts by size, largest first, so
 * a part can index its own shards; every other page goes by a hash of its URL.
 * Pages that are not generated from a list (the search page, 404, …) and the
 * assets belong to part 0. The same archive gives every process the same split.
 */
export class Partition {
  private readonly shardPart = new Map<string, number>();
  private readonly shardOfPage = new Map<string, string>();
  private readonly mine: Set<number>;

  constructor(
    readonly part: Part,
    articles: readonly { url: string }[],
  ) {
    this.mine = partsOf(part);
    const sizes = new Map<string, number>();
    for (const [shard, pages] of planShards(articles.map((a) => articlePageFile(a.url)))) {
      sizes.set(shard, pages.length);
      for (const page of pages) this.shardOfPage.set(page, shard);
    }
    const load = Array.from({ length: part.count }, () => 0);
    const bySize = [...sizes.entries()].sort(([a, m], [b, n]) => n - m || compareStrings(a, b));
    for (const [shard, size] of bySize) {
      const lightest = load.indexOf(Math.min(...load));
      this.shardPart.set(shard, lightest);
      load[lightest] = (load[lightest] ?? 0) + size;
    }
  }

  /** The search shard of an article page's URL (undefined: not an article page). */
  shardOf(url: string): string | undefined {
    return url.startsWith("/articles/") ? this.shardOfPage.get(articlePageFile(url)) : undefined;
  }

  /** Shards this part indexes. */
  get shards(): string[] {
    return [...this.shardPart.entries()].filter(([, p]) => this.mine.has(p)).map(([s]) => s);
  }

  partOf(url: string): number {
    const shard = this.shardOf(url);
    if (shard !== undefined) return this.shardPart.get(shard) ?? 0;
    // FNV-1a: a stable spread of listing pages over the parts.
    let h = 0x811c9dc5;
    for (let i = 0; i < url.length; i++) h = Math.imul(h ^ url.charCodeAt(i), 0x01000193);
    return (h >>> 0) % this.part.count;
  }

  owns(url: string): boolean {
    return this.mine.has(this.partOf(url));
  }
}

/** Article counts by search shard, from an archive's articles. */
export function shardSizes(articles: readonly { url: string }[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const [shard, pages] of planShards(articles.map((a) => articlePageFile(a.url)))) {
    sizes.set(shard, pages.length);
  }
  return sizes;
}

/**
 * A part's pages in two Eleventy runs (build.ts): its article pages first, so
 * that the search index can start on them while its other pages render. An
 * update whose new articles go to some shards (RenderPlan's `newShards`)
 * renders those shards' article pages in a run before the others
 * ("new-articles"), so that Pagefind starts on the day's shard while the rest
 * of the article pages are keyed and rendered.
 */
export type Phase = "new-articles" | "articles" | "others";

/**
 * Whether a page is one a phase renders: articles (and the redirect pages at
 * their old URLs) in an article phase — those of the new articles' shards in
 * "new-articles", the others in "articles" — the rest in "others".
 */
function inPhase(
  url: string,
  phase: Phase | undefined,
  newShard: (url: string) => boolean,
): boolean {
  if (phase === undefined) return true;
  if (!url.startsWith("/articles/")) return phase === "others";
  if (phase === "others") return false;
  return newShard(url) === (phase === "new-articles");
}

export class RenderPlan {
  private readonly current = new Map<string, string>();
  private considered = 0;
  private chosen = 0;
  private partition: Partition | undefined;

  readonly codeKey: string;
  readonly manifestPath: string;
  readonly part: Part | undefined;
  /** Which of the part's pages this run renders (undefined: all). */
  readonly phase: Phase | undefined;
  /** Whether this build indexes its articles for search (a part run by `npm run build` leaves that to it). */
  readonly indexes: boolean;
  /** The search shards the new articles of an update go to (the "new-articles" phase renders theirs). */
  readonly newShards: ReadonlySet<string>;
  private readonly previous: RenderManifest | undefined;

  /**
   * With no previous manifest every page is rendered; the new manifest is
   * saved to `manifestPath`. With a part, only that part's pages are rendered.
   */
  constructor(options: {
    codeKey: string;
    manifestPath: string;
    previous?: RenderManifest;
    part?: Part;
    phase?: Phase;
    indexes?: boolean;
    newShards?: ReadonlySet<string>;
  }) {
    this.codeKey = options.codeKey;
    this.manifestPath = options.manifestPath;
    this.previous = options.previous;
    this.part = options.part;
    this.phase = options.phase;
    this.indexes = options.indexes ?? true;
    this.newShards = options.newShards ?? new Set();
  }

  /** The split of the pages among parts, computed once from the archive (undefined: one part). */
  partitionFor(articles: readonly { url: string }[]): Partition | undefined {
    // One part needs none, but for the shards of its pages when its new articles' shards go first.
    if (!this.part || (this.part.count <= 1 && this.newShards.size === 0)) return undefined;
    this.partition ??= new Partition(this.part, articles);
    return this.partition;
  }

  /** Whether this build renders a page not generated from a list (404, search…): part 0 does, with its other pages. */
  get rendersSinglePages(): boolean {
    return (!this.part || partsOf(this.part).has(0)) && (!this.phase || this.phase === "others");
  }

  /** Whether pages are skipped at all (a previous build's manifest is in use). */
  get incremental(): boolean {
    return this.previous !== undefined;
  }

  /** Items of one template whose pages must be rendered; records every item's key. */
  select<T>(
    items: readonly T[],
    urlOf: (item: T) => string,
    keyOf: (item: T) => unknown,
    replacer?: KeyReplacer,
    partition?: Partition,
  ): T[] {
    const old = this.previous?.pages;
    const out: T[] = [];
    let considered = 0;
    const newShard = (url: string) =>
      this.newShards.size > 0 && this.newShards.has(partition?.shardOf(url) ?? "");
    for (const item of items) {
      const url = urlOf(item);
      if ((partition && !partition.owns(url)) || !inPhase(url, this.phase, newShard)) continue;
      considered++;
      const key = pageKey(keyOf(item), replacer);
      this.current.set(url, key);
      if (old?.[url] !== key) out.push(item);
    }
    this.considered += considered;
    this.chosen += out.length;
    return out;
  }

  /** Pages of the previous build that this one no longer has. */
  removed(): string[] {
    return Object.keys(this.previous?.pages ?? {})
      .filter((url) => !this.current.has(url))
      .sort(compareStrings);
  }

  /** Pages this build has (generated ones: articles, listings, feeds, sitemaps). */
  get pageCount(): number {
    return this.considered;
  }

  /** Of those, the pages rendered. */
  get renderedCount(): number {
    return this.chosen;
  }

  manifest(): RenderManifest {
    const pages: Record<string, string> = {};
    for (const url of [...this.current.keys()].sort(compareStrings)) {
      pages[url] = this.current.get(url) as string;
    }
    return { codeKey: this.codeKey, pages };
  }
}

/**
 * Each page's key with the code key before it: equal only when the page's
 * data and the code that renders it are the same, so the page is too (what
 * the search index may take as known about a page without reading it).
 */
export function pageKeysOf(manifest: RenderManifest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [url, key] of Object.entries(manifest.pages)) out[url] = `${manifest.codeKey} ${key}`;
  return out;
}

/** Lets a key stand for a large object by a digest of it (an article, in a listing's key). */
export type KeyReplacer = (key: string, value: unknown) => unknown;

export function pageKey(data: unknown, replacer?: KeyReplacer): string {
  // One call, no Hash object: a build hashes a key for each of its tens of thousands of pages.
  return hash("sha1", JSON.stringify(data, replacer) ?? "", "base64url").slice(0, 20);
}

// The plan of the build in progress, read by the templates' pagination (layouts/types.ts).
let active: RenderPlan | undefined;

export function activePlan(): RenderPlan | undefined {
  return active;
}

export function setActivePlan(plan: RenderPlan | undefined): void {
  active = plan;
}

/** Where the code that renders pages starts: the build, Eleventy's configuration, the search page's script. */
const RENDER_ENTRIES = [".eleventy.ts", "scripts/build.ts", "scripts/browser/search-page.ts"];
/** Files copied or read as they are: the stylesheet, the icon. */
const ASSETS = "layouts/assets";

/**
 * The code key: every module that renders pages (reached by import from the
 * build, the configuration and the page templates of the content folder —
 * not its articles), the assets, the dependencies, the resolved
 * configuration (the environment can change the base URL and path prefix),
 * and Node's version.
 */
export function codeKey(contentDir: string, config: unknown): string {
  const hash = createHash("sha256");
  hash.update(`${process.version}\n${JSON.stringify(config)}\n`);
  const templates: string[] = [];
  const walk = (dir: string, skip: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      compareStrings(a.name, b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (full === skip) continue;
      if (entry.isDirectory()) walk(full, skip);
      else if (!entry.name.endsWith(".md")) templates.push(full);
    }
  };
  // Templates in the content folder; the articles are pages' data, not code.
  walk(contentDir, path.join(contentDir, "articles"));
  for (const file of templates) {
    hash.update(`${path.relative(contentDir, file)}\n`);
    hash.update(readFileSync(file));
  }
  // A template linked from another content folder (a test's, the benchmark's) runs the repository's code.
  const entries = [
    ...RENDER_ENTRIES,
    ...templates
      .map((t) => path.relative(repoRoot, realpathSync(t)).split(path.sep).join("/"))
      .filter((t) => /\.[cm]?ts$/.test(t) && !t.startsWith("..")),
  ];
  const assets = readdirSync(path.join(repoRoot, ASSETS))
    .filter((f) => !f.endsWith(".ts"))
    .map((f) => `${ASSETS}/${f}`);
  hash.update(codeKeyOf(entries, assets));
  return hash.digest("hex").slice(0, 32);
}

/** Where the manifest of the build writing into `outputDir` is kept. */
export function manifestFile(cacheDir: string, outputDir: string): string {
  const id = createHash("sha256").update(path.resolve(outputDir)).digest("hex").slice(0, 16);
  return path.join(cacheDir, "build", `${id}.json`);
}

/** Where a phased part (Phase) leaves the keys of its article pages, beside those of its others. */
export function articlesManifest(manifestPath: string): string {
  return `${manifestPath}.articles`;
}

/** Where a part leaves the keys of its new articles' shards' pages, rendered first (Phase). */
export function newArticlesManifest(manifestPath: string): string {
  return `${manifestPath}.new-articles`;
}

export async function readManifest(file: string): Promise<RenderManifest | undefined> {
  try {
    const value = JSON.parse(await readFile(file, "utf8")) as RenderManifest;
    return typeof value.codeKey === "string" && typeof value.pages === "object" ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function writeManifest(file: string, manifest: RenderManifest): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, JSON.stringify(manifest));
  await rename(tmp, file);
}

/** The file a page URL is written to: "/a/b/" → a/b/index.html, "/feed.xml" → feed.xml. */
export function outputFileOf(outputDir: string, url: string): string {
  const rel = decodeURI(url).replace(/^\//, "");
  return path.join(outputDir, rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel);
}

/** Deletes the files of pages that no longer exist (and folders left empty). */
export async function removePages(outputDir: string, urls: string[]): Promise<void> {
  for (const url of urls) {
    const file = outputFileOf(outputDir, url);
    if (!path.resolve(file).startsWith(path.resolve(outputDir) + path.sep)) continue;
    await rm(file, { force: true });
    let dir = path.dirname(file);
    while (dir.startsWith(path.resolve(outputDir) + path.sep)) {
      try {
        if (readdirSync(dir).length > 0) break;
        await rmdir(dir);
      } catch {
        break;
      }
      dir = path.dirname(dir);
    }
  }
}
