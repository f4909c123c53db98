import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { foldArabic } from "../arabic.ts";
import {
  type ArticleFile,
  ArticleFileError,
  type ArticleFrontMatter,
  readArticleFile,
  splitArticleFile,
} from "../article-file.ts";
import { codeKeyOf } from "../code-key.ts";
import { compareStrings, listFiles } from "../files.ts";
import { type Moves, parseRedirects, REDIRECTS_FILE } from "../redirects.ts";
import { slugify } from "../slug.ts";
import { textOfHtml } from "./html.ts";
import { createMarkdown } from "./markdown.ts";

/**
 * The archive's indexes — home, tags, years, months, days, undated — built in
 * one pass over the articles' front matter, then paginated. Eleventy renders
 * these pages by paginating over the prepared lists, so it never builds a
 * collection per tag or searches a collection per page: the work stays linear
 * in the number of articles.
 */

/** An article as the site sees it: its front matter, where it lives, and its opening. */
export interface ArchiveArticle extends Omit<ArticleFrontMatter, "source"> {
  /** Path relative to the articles folder, e.g. "2025/11/slug.md". */
  path: string;
  /** Site URL without the path prefix, e.g. "/articles/2025/11/slug/". */
  url: string;
  /** Local calendar day the article is filed under. */
  day?: string;
  /** The source as pages show it (the dump's checksum and record stay out of the site). */
  source: Pick<ArticleFrontMatter["source"], "file" | "name" | "url">;
  /** The opening of the body as plain text (for descriptions and feeds). */
  excerpt: string;
}

export interface TagSummary {
  name: string;
  slug: string;
  url: string;
  count: number;
}

export interface ListPage {
  url: string;
  /** 1-based. */
  pageNumber: number;
  pageCount: number;
  /** URL of every page of this listing, in order. */
  pageUrls: string[];
  items: ArchiveArticle[];
}

export interface DaySummary {
  day: string;
  url: string;
  count: number;
}

export interface MonthSummary {
  /** "2025-11" */
  month: string;
  url: string;
  count: number;
  days: DaySummary[];
}

export interface YearSummary {
  year: string;
  url: string;
  count: number;
  months: MonthSummary[];
}

export interface TagPage extends ListPage {
  tag: TagSummary;
}
export interface MonthPage extends ListPage {
  year: YearSummary;
  month: MonthSummary;
  previous?: MonthSummary;
  next?: MonthSummary;
}
export interface DayPage extends ListPage {
  month: MonthSummary;
  day: DaySummary;
  previous?: DaySummary;
  next?: DaySummary;
}
export interface YearPage {
  url: string;
  year: YearSummary;
  previous?: YearSummary;
  next?: YearSummary;
}

/** An Atom and a JSON feed of the newest dated articles: the whole archive, or one tag. */
export interface Feed {
  title: string;
  /** The HTML page the feed follows. */
  htmlUrl: string;
  atomUrl: string;
  jsonUrl: string;
  items: ArchiveArticle[];
}

export interface SitemapEntry {
  url: string;
  /** YYYY-MM-DD, for articles. */
  lastmod?: string;
}

/** One file of the sitemap: a list of pages, or (for large archives) the index of the lists. */
export type SitemapFile =
  | { url: string; kind: "urlset"; entries: SitemapEntry[] }
  | { url: string; kind: "index"; files: string[] };

export interface Neighbours {
  /** The next older dated article. */
  older?: ArchiveArticle;
  /** The next newer dated article. */
  newer?: ArchiveArticle;
}

export const URLS = {
  home: "/",
  article: (relPath: string) => `/articles/${relPath.replace(/\.md$/, "")}/`,
  tags: "/tags/",
  tag: (slug: string) => `/tags/${slug}/`,
  archive: "/archive/",
  year: (year: string) => `/archive/${year}/`,
  month: (month: string) => `/archive/${month.replace("-", "/")}/`,
  day: (day: string) => `/archive/${day.replaceAll("-", "/")}/`,
  undated: "/archive/undated/",
  search: "/search/",
  tagsAlphabetical: "/tags/alphabetical/",
  atom: (base: string) => `${base}feed.xml`,
  json: (base: string) => `${base}feed.json`,
  sitemap: "/sitemap.xml",
  sitemapPart: (n: number) => `/sitemaps/sitemap-${n}.xml`,
  page: (base: string, n: number) => (n === 1 ? base : `${base}page/${n}/`),
};

/** Arabic alphabetical order for names shown to readers. */
const collator = new Intl.Collator("ar");

export class Archive {
  /** Newest first; undated articles last, in alphabetical order. */
  readonly articles: ArchiveArticle[];
  readonly dated: ArchiveArticle[];
  readonly undated: ArchiveArticle[];
  /** By count, then alphabetically. */
  readonly tags: TagSummary[];
  readonly years: YearSummary[];
  readonly homePages: ListPage[];
  readonly tagPages: TagPage[];
  readonly yearPages: YearPage[];
  readonly monthPages: MonthPage[];
  readonly dayPages: DayPage[];
  readonly undatedPages: ListPage[];
  readonly feeds: Feed[];
  readonly sitemaps: SitemapFile[];
  /** Old article URLs and where each article lives now (scripts/lib/redirects.ts). */
  redirects: Redirect[] = [];
  /** Languages and sections the articles have, for the search filters. */
  readonly languages: string[];
  readonly sections: string[];

  private readonly byPath = new Map<string, number>();
  private readonly feedByPage = new Map<string, Feed>();
  /** Articles of each tag, in archive order. */
  private readonly byTag = new Map<TagSummary, ArchiveArticle[]>();
  private readonly tagByName: Map<string, TagSummary>;
  private readonly byTitle = new Map<string, ArchiveArticle>();
  /** Where the article files are, and a hash of each file's text (see articlePageKey). */
  private readonly files: { dir: string; hashes: Map<string, string> } | undefined;

  constructor(
    articles: ArchiveArticle[],
    pageSize: number,
    files?: { dir: string; hashes: Map<string, string> },
  ) {
    this.files = files;
    this.dated = articles.filter((a) => a.day !== undefined).sort(newestFirst);
    this.undated = articles
      .filter((a) => a.day === undefined)
      .sort((a, b) => collator.compare(a.title, b.title) || compareStrings(a.path, b.path));
    this.articles = [...this.dated, ...this.undated];
    this.articles.forEach((a, i) => {
      this.byPath.set(a.path, i);
      const key = titleKey(a.title);
      if (!this.byTitle.has(key)) this.byTitle.set(key, a);
    });

    const summary = summariseTags(this.articles);
    this.tags = summary.tags;
    this.tagByName = summary.byName;
    this.languages = [...new Set(this.articles.map((a) => a.lang))].sort(compareStrings);
    this.sections = [...new Set(this.articles.flatMap((a) => (a.section ? [a.section] : [])))].sort(
      (a, b) => collator.compare(a, b) || compareStrings(a, b),
    );
    this.years = summariseDates(this.dated);

    this.homePages = paginate(this.articles, pageSize, URLS.home, true);
    const byTag = this.byTag;
    for (const a of this.articles) {
      for (const tag of new Set(a.tags.map((t) => this.tagByName.get(t) as TagSummary))) {
        const list = byTag.get(tag);
        if (list) list.push(a);
        else byTag.set(tag, [a]);
      }
    }
    this.tagPages = this.tags.flatMap((tag) =>
      paginate(byTag.get(tag) ?? [], pageSize, tag.url).map((page) => ({ ...page, tag })),
    );

    const byMonth = groupBy(this.dated, (a) => (a.day as string).slice(0, 7));
    const byDay = groupBy(this.dated, (a) => a.day as string);
    const months = this.years.flatMap((y) => y.months);
    const days = months.flatMap((m) => m.days);
    this.yearPages = this.years.map((year, i) => ({
      url: year.url,
      year,
      ...optional("previous", this.years[i + 1]),
      ...optional("next", this.years[i - 1]),
    }));
    this.monthPages = months.flatMap((month, i) => {
      const year = this.years.find((y) => month.month.startsWith(y.year)) as YearSummary;
      return paginate(byMonth.get(month.month) ?? [], pageSize, month.url).map((page) => ({
        ...page,
        year,
        month,
        ...optional("previous", months[i + 1]),
        ...optional("next", months[i - 1]),
      }));
    });
    this.dayPages = days.flatMap((day, i) => {
      const month = months.find((m) => day.day.startsWith(m.month)) as MonthSummary;
      return paginate(byDay.get(day.day) ?? [], pageSize, day.url).map((page) => ({
        ...page,
        month,
        day,
        ...optional("previous", days[i + 1]),
        ...optional("next", days[i - 1]),
      }));
    });
    this.undatedPages = paginate(this.undated, pageSize, URLS.undated, true);

    // Feeds follow dated articles only: an entry needs a date.
    const feed = (title: string, htmlUrl: string, items: ArchiveArticle[]): Feed => ({
      title,
      htmlUrl,
      atomUrl: URLS.atom(htmlUrl),
      jsonUrl: URLS.json(htmlUrl),
      items: items.filter((a) => a.date !== undefined).slice(0, FEED_SIZE),
    });
    this.feeds = [
      feed("", URLS.home, this.dated),
      ...this.tags.map((tag) => feed(tag.name, tag.url, this.byTag.get(tag) ?? [])),
    ];
    for (const f of this.feeds) this.feedByPage.set(f.htmlUrl, f);
    this.sitemaps = sitemapFiles(this.pageEntries());
  }

  /** The feed that follows a page (home or a tag page), if any. */
  feedFor(htmlUrl: string): Feed | undefined {
    return this.feedByPage.get(htmlUrl);
  }

  /** Every HTML page of the site, articles with their day as last-modified date. */
  pageEntries(): SitemapEntry[] {
    const urls = (pages: { url: string }[]) => pages.map((p) => ({ url: p.url }));
    return [
      ...urls(this.homePages),
      ...this.articles.map((a) => (a.day ? { url: a.url, lastmod: a.day } : { url: a.url })),
      { url: URLS.tags },
      { url: URLS.tagsAlphabetical },
      ...urls(this.tagPages),
      { url: URLS.archive },
      ...urls(this.yearPages),
      ...urls(this.monthPages),
      ...urls(this.dayPages),
      ...urls(this.undatedPages),
      { url: URLS.search },
    ];
  }

  article(relPath: string): ArchiveArticle | undefined {
    const i = this.byPath.get(relPath);
    return i === undefined ? undefined : this.articles[i];
  }

  /** Previous and next article in date order (dated articles only). */
  neighbours(relPath: string): Neighbours {
    const i = this.byPath.get(relPath);
    if (i === undefined || i >= this.dated.length) return {};
    return { ...optional("newer", this.dated[i - 1]), ...optional("older", this.dated[i + 1]) };
  }

  /**
   * Articles that share tags with this one, most related first: shared tags
   * weighted by rarity (a shared rare tag says more than a shared «مصر»),
   * then nearness in time. Only the neighbourhood of the article in its
   * rarest tags' lists is scored, so the cost does not grow with the archive.
   * Rarity is a class — the tag's count rounded up to a power of two — so
   * the lists stay put as the archive grows: a day's new articles change the
   * related lists of the articles near them, not of every article sharing a
   * tag with them (and an incremental build re-renders only those).
   */
  relatedByTags(relPath: string, limit = 5): ArchiveArticle[] {
    const i = this.byPath.get(relPath);
    const self = i === undefined ? undefined : this.articles[i];
    if (!self || i === undefined) return [];
    const tags = [...new Set(self.tags.map((t) => this.tagByName.get(t)))]
      .filter((t): t is TagSummary => t !== undefined && t.count > 1)
      .sort((a, b) => rarityClass(a) - rarityClass(b) || compareStrings(a.slug, b.slug))
      .slice(0, RELATED_TAGS);
    const scores = new Map<ArchiveArticle, number>();
    for (const tag of tags) {
      const list = this.byTag.get(tag) ?? [];
      const at = lowerBound(list, (a) => (this.byPath.get(a.path) as number) >= i);
      for (
        let k = Math.max(0, at - RELATED_WINDOW);
        k < Math.min(list.length, at + RELATED_WINDOW + 1);
        k++
      ) {
        const other = list[k] as ArchiveArticle;
        if (other === self) continue;
        scores.set(other, (scores.get(other) ?? 0) + 1 / rarityClass(tag));
      }
    }
    const distance = (a: ArchiveArticle) => Math.abs((this.byPath.get(a.path) as number) - i);
    return [...scores.entries()]
      .sort(
        ([a, x], [b, y]) => y - x || distance(a) - distance(b) || compareStrings(a.path, b.path),
      )
      .slice(0, limit)
      .map(([a]) => a);
  }

  /**
   * For page keys (render-plan.ts): an article of this archive inside a
   * listing's key stands as a digest of all its fields, computed once, so a
   * key is short to hash however many articles the page lists.
   */
  readonly keyReplacer = (_key: string, value: unknown): unknown => {
    const path = (value as ArchiveArticle | null)?.path;
    if (typeof path !== "string") return value;
    const i = this.byPath.get(path);
    const article = i === undefined ? undefined : this.articles[i];
    if (article === undefined || article !== value) return value;
    let digest = this.digests.get(article);
    if (digest === undefined) {
      // With its tags' URLs: a page that links them changes when a tag's slug does.
      const tagUrls = article.tags.map((t) => this.tag(t)?.url ?? "");
      digest = createHash("sha1")
        .update(JSON.stringify([article, tagUrls]))
        .digest("base64url");
      this.digests.set(article, digest);
    }
    return digest;
  };
  private readonly digests = new Map<ArchiveArticle, string>();

  /** An article's body, rendered: read from its file when its page is rendered, not kept in memory. */
  bodyHtml(a: ArchiveArticle): string {
    if (!this.files) return "";
    const text = readFileSync(path.join(this.files.dir, a.path), "utf8");
    return md.render(splitArticleFile(text)?.body ?? "");
  }

  /**
   * Everything an article's page is made of: its file, and what the page shows
   * of other articles and tags. Equal keys, equal pages (render-plan.ts).
   */
  articlePageKey(a: ArchiveArticle): unknown {
    const brief = (x: ArchiveArticle | undefined) => (x ? [x.url, x.title, x.lang, x.dir] : null);
    const { older, newer } = this.neighbours(a.path);
    return [
      a.path,
      this.files?.hashes.get(a.path) ?? null,
      a.tags.map((t) => this.tag(t)?.url ?? null),
      a.related.map((h) => this.articleTitled(h)?.url ?? null),
      this.relatedByTags(a.path).map(brief),
      brief(older),
      brief(newer),
    ];
  }

  tag(name: string): TagSummary | undefined {
    return this.tagByName.get(name);
  }

  /** The archive's article with this headline, if it holds one (for «أخبار ذات صلة» links). */
  articleTitled(headline: string): ArchiveArticle | undefined {
    return this.byTitle.get(titleKey(headline));
  }
}

/** Entries in a feed. */
const FEED_SIZE = 20;
/** URLs in one sitemap file (the protocol allows 50,000). */
const SITEMAP_SIZE = 45_000;

function sitemapFiles(entries: SitemapEntry[]): SitemapFile[] {
  if (entries.length <= SITEMAP_SIZE) return [{ url: URLS.sitemap, kind: "urlset", entries }];
  const parts: SitemapFile[] = [];
  for (let i = 0; i < entries.length; i += SITEMAP_SIZE) {
    parts.push({
      url: URLS.sitemapPart(parts.length + 1),
      kind: "urlset",
      entries: entries.slice(i, i + SITEMAP_SIZE),
    });
  }
  return [{ url: URLS.sitemap, kind: "index", files: parts.map((p) => p.url) }, ...parts];
}

/** How many of an article's rarest tags, and how many neighbours in each, related articles come from. */
const RELATED_TAGS = 4;
const RELATED_WINDOW = 12;

/** 1 for a tag of 2 articles, 2 up to 4, 3 up to 8, …: how common a tag is, in steps. */
function rarityClass(tag: TagSummary): number {
  return Math.ceil(Math.log2(tag.count));
}

/** First index whose item satisfies a predicate that is false, then true, along the list. */
function lowerBound<T>(list: readonly T[], isAtOrAfter: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isAtOrAfter(list[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function titleKey(title: string): string {
  return foldArabic(title).replace(/\s+/g, " ").trim();
}

/** Newest day first; within a day, latest time first; then by path, for a total order. */
function newestFirst(a: ArchiveArticle, b: ArchiveArticle): number {
  return (
    compareStrings(b.day as string, a.day as string) ||
    compareStrings(localTime(b), localTime(a)) ||
    compareStrings(a.path, b.path)
  );
}

function localTime(a: ArchiveArticle): string {
  return a.date && a.date.length > 10 ? a.date.slice(11, 19) : "";
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Spellings that differ only in hamza forms, ta marbuta, alef maqsura or diacritics name one tag. */
export function tagKey(name: string): string {
  return foldArabic(name).replace(/\s+/g, " ").trim();
}

const MARK = /\p{M}/u;

/**
 * The diacritics of a name, letter by letter ("" when it has none): what tells
 * عُمان (Oman) from عمّان (Amman), which fold to one key.
 */
function markSignature(name: string): string {
  const perLetter: string[] = [];
  for (const ch of name.normalize("NFC")) {
    if (MARK.test(ch)) perLetter[perLetter.length - 1] = `${perLetter.at(-1) ?? ""}${ch}`;
    else if (!/\s/.test(ch)) perLetter.push("");
  }
  return perLetter.some((m) => m !== "") ? perLetter.join("|") : "";
}

/**
 * The tag a spelling belongs to. Spellings of one key are one tag — unless
 * two of them are voweled differently (عُمان and عمّان: the gazetteer names
 * Oman and Amman so): then each voweling is its own tag, and the bare spelling
 * («عمان»), which could be either, is a tag of its own rather than a guess.
 */
function tagKeysOf(names: Iterable<string>): Map<string, string> {
  const byKey = new Map<string, Set<string>>();
  for (const name of names) {
    const key = tagKey(name);
    const signatures = byKey.get(key) ?? new Set<string>();
    const signature = markSignature(name);
    if (signature) signatures.add(signature);
    byKey.set(key, signatures);
  }
  const out = new Map<string, string>();
  for (const name of names) {
    const key = tagKey(name);
    const voweled = (byKey.get(key)?.size ?? 0) > 1;
    out.set(name, voweled ? `${key}\u0000${markSignature(name)}` : key);
  }
  return out;
}

/**
 * One summary per tag, whichever spellings articles use (a hand edit may
 * write «اربيل» for «أربيل»): the most used spelling is shown. Slugs are
 * unique: a second tag with the same slug gets "-2".
 */
function summariseTags(articles: ArchiveArticle[]): {
  tags: TagSummary[];
  byName: Map<string, TagSummary>;
} {
  const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  const keyOf = tagKeysOf(new Set(articles.flatMap((a) => a.tags)));
  for (const a of articles) {
    const counted = new Set<string>();
    for (const name of a.tags) {
      const key = keyOf.get(name) as string;
      const group = groups.get(key) ?? { count: 0, spellings: new Map<string, number>() };
      if (!counted.has(key)) group.count++;
      counted.add(key);
      group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
      groups.set(key, group);
    }
  }
  const named = [...groups.entries()].map(([key, g]) => {
    const [name] = [...g.spellings.entries()].sort(
      ([a, m], [b, n]) => n - m || compareStrings(a, b),
    )[0] as [string, number];
    return { key, name, count: g.count, spellings: [...g.spellings.keys()] };
  });
  // Slugs are given in code-unit order of keys so they do not depend on the locale.
  const slugs = new Set<string>();
  const tags: TagSummary[] = [];
  const byName = new Map<string, TagSummary>();
  for (const t of named.sort((a, b) => compareStrings(a.key, b.key))) {
    const base = slugify(t.name, "tag");
    let slug = base;
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.add(slug);
    const summary = { name: t.name, slug, url: URLS.tag(slug), count: t.count };
    tags.push(summary);
    for (const spelling of t.spellings) byName.set(spelling, summary);
  }
  tags.sort(
    (a, b) =>
      b.count - a.count || collator.compare(a.name, b.name) || compareStrings(a.name, b.name),
  );
  return { tags, byName };
}

function summariseDates(dated: ArchiveArticle[]): YearSummary[] {
  const years: YearSummary[] = [];
  for (const a of dated) {
    const day = a.day as string;
    const y = day.slice(0, 4);
    const m = day.slice(0, 7);
    let year = years.at(-1);
    if (year?.year !== y) {
      year = { year: y, url: URLS.year(y), count: 0, months: [] };
      years.push(year);
    }
    let month = year.months.at(-1);
    if (month?.month !== m) {
      month = { month: m, url: URLS.month(m), count: 0, days: [] };
      year.months.push(month);
    }
    let d = month.days.at(-1);
    if (d?.day !== day) {
      d = { day, url: URLS.day(day), count: 0 };
      month.days.push(d);
    }
    year.count++;
    month.count++;
    d.count++;
  }
  return years;
}

function paginate(
  items: ArchiveArticle[],
  size: number,
  base: string,
  keepEmpty = false,
): ListPage[] {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  if (items.length === 0 && !keepEmpty) return [];
  const pageUrls = Array.from({ length: pageCount }, (_, i) => URLS.page(base, i + 1));
  return pageUrls.map((url, i) => ({
    url,
    pageNumber: i + 1,
    pageCount,
    pageUrls,
    items: items.slice(i * size, (i + 1) * size),
  }));
}

/** Files read at once (well under the usual open-file limits). */
const READ_BATCH = 256;

/**
 * Reads every article's front matter; a file that is not a valid article
 * stops the build, named. With a cache file, an article whose file has not
 * changed since the last build is taken from it instead of parsed again.
 */
export async function loadArchive(
  articlesDir: string,
  pageSize: number,
  options: { cacheFile?: string } = {},
): Promise<Archive> {
  let files: string[] = [];
  try {
    files = (await listFiles(articlesDir)).filter((f) => f.endsWith(".md"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const cache = options.cacheFile ? await readArchiveCache(options.cacheFile) : undefined;
  const fresh: Record<string, { hash: string; article: ArchiveArticle }> = {};
  let parsed = 0;
  const hashes = new Map<string, string>();
  const load = async (rel: string): Promise<ArchiveArticle> => {
    const text = await readFile(path.join(articlesDir, rel), "utf8");
    const hash = createHash("sha1").update(text).digest("base64url");
    hashes.set(rel, hash);
    const cached = cache?.articles[rel];
    let article = cached?.hash === hash ? cached.article : undefined;
    if (!article) {
      article = articleFromMarkdown(rel, text);
      parsed++;
    }
    fresh[rel] = { hash, article };
    return article;
  };
  // In batches: 100,000 reads at once would exceed the open-file limit.
  const articles: ArchiveArticle[] = [];
  for (let i = 0; i < files.length; i += READ_BATCH)
    articles.push(...(await Promise.all(files.slice(i, i + READ_BATCH).map(load))));
  if (
    options.cacheFile &&
    (parsed > 0 || Object.keys(cache?.articles ?? {}).length !== files.length)
  ) {
    await writeArchiveCache(options.cacheFile, fresh);
  }
  const archive = new Archive(articles, pageSize, { dir: articlesDir, hashes });
  archive.redirects = redirectsOf(await readMoves(articlesDir), new Set(files));
  return archive;
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
  articles: Record<string, { hash: string; article: ArchiveArticle }>;
}

/** The code that turns a file into an ArchiveArticle (this module and all it imports): a change to it empties the cache. */
function archiveCodeKey(): string {
  archiveCode ??= codeKeyOf(["scripts/lib/site/archive.ts"]);
  return archiveCode;
}
let archiveCode: string | undefined;

async function readArchiveCache(file: string): Promise<ArchiveCache | undefined> {
  try {
    const cache = JSON.parse(await readFile(file, "utf8")) as ArchiveCache;
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
  await writeFile(tmp, JSON.stringify({ code: archiveCodeKey(), articles } satisfies ArchiveCache));
  await rename(tmp, file);
}

const md = createMarkdown();
const EXCERPT_CHARS = 280;

/** The body's first paragraph as plain text, cut at a word near 280 characters. */
export function excerptOf(body: string): string {
  const first = body.split(/\n\s*\n/).find((p) => p.trim().length > 0) ?? "";
  const text = textOfHtml(md.renderInline(first.replace(/\s+/g, " ").trim()));
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.slice(0, EXCERPT_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), EXCERPT_CHARS / 2))}…`;
}

const ARTICLE_PATH = /^(?:\d{4}\/\d{2}|undated)\/[^/]+\.md$/;

/** An article file as the site sees it; a file that is not a valid article stops the build, named. */
export function articleFromMarkdown(rel: string, markdown: string): ArchiveArticle {
  const fail = (why: string): never => {
    throw new Error(`content/articles/${rel}: ${why}`);
  };
  // The archive's folders are its URLs and its search shards: a file elsewhere has neither.
  if (!ARTICLE_PATH.test(rel))
    fail("an article file lives in YYYY/MM/ or undated/ (as the import writes it): move it there");
  let file: ArticleFile;
  try {
    file = readArticleFile(markdown);
  } catch (error) {
    if (error instanceof ArticleFileError) return fail(error.message);
    throw error;
  }
  const { frontMatter: fm, body } = file;
  const { source } = fm;
  return {
    path: rel,
    url: URLS.article(rel),
    title: fm.title,
    excerpt: excerptOf(body),
    lang: fm.lang,
    dir: fm.dir,
    tags: [...new Set(fm.tags)],
    related: fm.related,
    source: {
      file: source.file,
      ...(source.name !== undefined ? { name: source.name } : {}),
      ...(source.url !== undefined ? { url: source.url } : {}),
    },
    ...(fm.date ? { date: fm.date, day: fm.date.slice(0, 10) } : {}),
    ...(fm.author ? { author: fm.author } : {}),
    ...(fm.section ? { section: fm.section } : {}),
  };
}
