import { hash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { foldArabic } from "../arabic.ts";
import { compareStrings } from "../files.ts";
import { type ArchiveArticle, bodyHtmlOf, type Insertion } from "./archive-article.ts";
import { newestFirst, summariseDates, type YearSummary } from "./calendar.ts";
import { type Feed, feedsOf } from "./feeds.ts";
import type { Redirect } from "./load.ts";
import { type PagesByKind, pagesOf, sitemapEntries } from "./page-kinds/index.ts";
import { optional } from "./page-kinds/kind.ts";
import { type RelatedIndex, relatedByTags } from "./related.ts";
import { type SitemapEntry, type SitemapFile, sitemapFiles } from "./sitemaps.ts";
import { collator, summariseNames, summariseTags, type TagSummary } from "./tags.ts";
import { URLS } from "./urls.ts";

/**
 * The archive: every article's front matter (load.ts), indexed once — newest
 * first, by path, by headline, by tag, by day — and the pages of every kind
 * made from those indexes (page-kinds/). Eleventy renders by paginating over
 * the prepared lists, so it never builds a collection per tag or searches a
 * collection per page: the work stays linear in the number of articles.
 */

export interface Neighbours {
  /** The next older dated article. */
  older?: ArchiveArticle;
  /** The next newer dated article. */
  newer?: ArchiveArticle;
}

export class Archive implements RelatedIndex {
  /** Newest first; undated articles last, in alphabetical order. */
  readonly articles: ArchiveArticle[];
  readonly dated: ArchiveArticle[];
  readonly undated: ArchiveArticle[];
  /** By count, then alphabetically. */
  readonly tags: TagSummary[];
  readonly years: YearSummary[];
  /** Every kind of page (page-kinds/), by name: templates paginate over `archive.pages.day`, … */
  readonly pages: PagesByKind;
  readonly feeds: Feed[];
  readonly sitemaps: SitemapFile[];
  /** Old article URLs and where each article lives now (scripts/lib/redirects.ts). */
  redirects: Redirect[] = [];
  /** Languages and sections the articles have, for the search filters. */
  readonly languages: string[];
  readonly sections: string[];
  /** Authors and sections, as tags are summarised: by count, then alphabetically. */
  readonly authors: TagSummary[];
  readonly sectionList: TagSummary[];
  private readonly authorByName: Map<string, TagSummary>;
  private readonly sectionByName: Map<string, TagSummary>;

  /** Index of each article in `articles`, by path. */
  readonly byPath = new Map<string, number>();
  private readonly feedByPage = new Map<string, Feed>();
  /** Articles of each tag, in archive order. */
  readonly byTag = new Map<TagSummary, ArchiveArticle[]>();
  readonly tagByName: Map<string, TagSummary>;
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
    // Authors and sections are named like tags: spellings of one name make one page.
    const authors = summariseNames(this.articles, authorsOf, URLS.author, "author");
    const sections = summariseNames(this.articles, sectionsOf, URLS.section, "section");
    this.authors = authors.tags;
    this.authorByName = authors.byName;
    this.sectionByName = sections.byName;
    this.sectionList = sections.tags;

    const byTag = grouped(this.articles, (a) => a.tags, this.tagByName);
    for (const [tag, list] of byTag) this.byTag.set(tag, list);
    const byAuthor = grouped(this.articles, authorsOf, authors.byName);
    const bySection = grouped(this.articles, sectionsOf, sections.byName);
    this.pages = pagesOf({
      articles: this.articles,
      dated: this.dated,
      undated: this.undated,
      tags: this.tags,
      byTag,
      authors: this.authors,
      byAuthor,
      sections: this.sectionList,
      bySection,
      years: this.years,
      pageSize,
    });
    this.feeds = feedsOf(this.dated, [
      ...this.tags.map((tag) => ({ name: tag, list: byTag })),
      ...this.authors.map((author) => ({ name: author, list: byAuthor })),
      ...this.sectionList.map((section) => ({ name: section, list: bySection })),
    ]);
    for (const f of this.feeds) this.feedByPage.set(f.htmlUrl, f);
    this.sitemaps = sitemapFiles(this.pageEntries());
  }

  /** The feed that follows a page (home or a tag page), if any. */
  feedFor(htmlUrl: string): Feed | undefined {
    return this.feedByPage.get(htmlUrl);
  }

  /** Every HTML page of the site, articles with their day as last-modified date. */
  pageEntries(): SitemapEntry[] {
    return sitemapEntries(this.pages);
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
   * Articles that share tags with this one, most related first (related.ts);
   * asked twice an article (its page key, its page), computed once.
   */
  relatedByTags(relPath: string, limit = 5): ArchiveArticle[] {
    const key = `${limit} ${relPath}`;
    let related = this.related.get(key);
    if (!related) {
      related = relatedByTags(this, relPath, limit);
      this.related.set(key, related);
    }
    return related;
  }
  private readonly related = new Map<string, ArchiveArticle[]>();

  /**
   * For page keys (render-plan.ts): an article of this archive inside a
   * listing's key stands as a digest of what it is made of (below), computed
   * once, so a key is short to hash however many articles the page lists.
   */
  readonly keyReplacer = (_key: string, value: unknown): unknown => {
    // Called for every value of every key: text and numbers, most of them, pass at once.
    if (typeof value !== "object" || value === null) return value;
    const known = this.digests.get(value as ArchiveArticle);
    if (known !== undefined) return known;
    const path = (value as ArchiveArticle).path;
    if (typeof path !== "string") return value;
    const i = this.byPath.get(path);
    const article = i === undefined ? undefined : this.articles[i];
    if (article === undefined || article !== value) return value;
    return this.digestOf(article);
  };

  /**
   * An article of this archive as a digest of what it is made of: its file
   * (fileFacts) when the file's hash is known, else its fields, with its tags'
   * URLs (a page that links them changes when a tag's slug does).
   */
  private digestOf(article: ArchiveArticle): string {
    let digest = this.digests.get(article);
    if (digest === undefined) {
      const tagUrls = article.tags.map((t) => this.tag(t)?.url ?? "");
      const file = this.fileFacts(article);
      const fields = file[1] !== null ? file : article;
      digest = hash("sha1", JSON.stringify([fields, tagUrls]), "base64url");
      this.digests.set(article, digest);
    }
    return digest;
  }
  private readonly digests = new Map<ArchiveArticle, string>();

  /**
   * An article's body, rendered: read from its file when its page is rendered,
   * not kept in memory. With insertions (its figures), also with them in place.
   */
  bodyHtml(
    a: ArchiveArticle,
    insertions: readonly Insertion[] = [],
  ): { plain: string; html: string } {
    if (!this.files) return { plain: "", html: "" };
    const text = readFileSync(path.join(this.files.dir, a.path), "utf8");
    const plain = bodyHtmlOf(text);
    return { plain, html: insertions.length > 0 ? bodyHtmlOf(text, insertions) : plain };
  }

  /**
   * Everything an article's page is made of: its file, and what the page shows
   * of other articles and tags. Equal keys, equal pages (render-plan.ts). Other
   * articles stand as digests of what the page shows of them, each computed
   * once: a build takes the key of every article page, and the links' addresses
   * and titles written out made keys of 1,400 characters (270 with digests).
   * Made of text alone, it is given as JSON, which V8 writes without calling
   * the key replacer for each of its values.
   */
  articlePageKey(a: ArchiveArticle): string {
    const { older, newer } = this.neighbours(a.path);
    return JSON.stringify([
      this.digestOf(a),
      a.author ? (this.author(a.author)?.url ?? null) : null,
      a.section ? (this.section(a.section)?.url ?? null) : null,
      a.related.map((h) => this.articleTitled(h)?.url ?? null),
      this.relatedByTags(a.path).map((x) => this.linkDigest(x)),
      older ? this.linkDigest(older) : null,
      newer ? this.linkDigest(newer) : null,
    ]);
  }

  /** What a link to an article shows (address, title, language, direction), as a digest. */
  private linkDigest(x: ArchiveArticle): string {
    let digest = this.links.get(x);
    if (digest === undefined) {
      digest = hash("sha1", JSON.stringify([x.url, x.title, x.lang, x.dir]), "base64url");
      this.links.set(x, digest);
    }
    return digest;
  }
  private readonly links = new Map<ArchiveArticle, string>();

  /**
   * What an article is made of from its file: its path, the file's hash (null
   * when not known), and the photos it shows. Its fields are read from the file
   * alone, but for a photo missing from content/media, which load.ts leaves out
   * (the lead, the figures), so those go with the hash.
   */
  private fileFacts(
    a: ArchiveArticle,
  ): [path: string, hash: string | null, image: string | null, figures: string[] | null] {
    return [
      a.path,
      this.files?.hashes.get(a.path) ?? null,
      a.image?.src ?? null,
      a.figures?.map((f) => f.src) ?? null,
    ];
  }

  tag(name: string): TagSummary | undefined {
    return this.tagByName.get(name);
  }

  /** The author page a byline belongs to. */
  author(name: string): TagSummary | undefined {
    return this.authorByName.get(name);
  }

  /** The section page a section name belongs to. */
  section(name: string): TagSummary | undefined {
    return this.sectionByName.get(name);
  }

  /** The archive's article with this headline, if it holds one (for «أخبار ذات صلة» links). */
  articleTitled(headline: string): ArchiveArticle | undefined {
    // Asked for every related headline of every article (their page keys), again for those
    // rendered, and the same headlines recur across articles: each is folded once.
    let found = this.titled.get(headline);
    if (found === undefined) {
      found = this.byTitle.get(titleKey(headline)) ?? null;
      this.titled.set(headline, found);
    }
    return found ?? undefined;
  }
  private readonly titled = new Map<string, ArchiveArticle | null>();
}

function titleKey(title: string): string {
  return foldArabic(title).replace(/\s+/g, " ").trim();
}

const authorsOf = (a: ArchiveArticle): string[] => (a.author ? [a.author] : []);
const sectionsOf = (a: ArchiveArticle): string[] => (a.section ? [a.section] : []);

/** Each name's articles, in archive order (an article once per name, whatever its spellings). */
function grouped(
  articles: readonly ArchiveArticle[],
  namesOf: (a: ArchiveArticle) => readonly string[],
  byName: ReadonlyMap<string, TagSummary>,
): Map<TagSummary, ArchiveArticle[]> {
  const groups = new Map<TagSummary, ArchiveArticle[]>();
  for (const a of articles) {
    for (const summary of new Set(namesOf(a).map((n) => byName.get(n) as TagSummary))) {
      const list = groups.get(summary);
      if (list) list.push(a);
      else groups.set(summary, [a]);
    }
  }
  return groups;
}
