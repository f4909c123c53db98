import {
  type ArticleFile,
  ArticleFileError,
  type ArticleFrontMatter,
  readArticleFile,
  splitArticleFile,
} from "../article-file.ts";
import { textOfHtml } from "./html.ts";
import { createMarkdown } from "./markdown.ts";
import { URLS } from "./urls.ts";

/**
 * An article file as the site sees it (article-file.ts owns the format): its
 * front matter, where it lives, its URL and its opening — what listings, feeds
 * and search need without the body, which is read again when its page is rendered.
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

/** Markup to show after the body's first `after` top-level blocks (an inline figure). */
export interface Insertion {
  after: number;
  html: string;
}

/**
 * An article file's body, rendered; each insertion after its top-level block
 * (paragraph, heading, list, quotation…), in the order given, one after a
 * place past the last block at the end. Without insertions, exactly what
 * markdown-it renders.
 */
export function bodyHtmlOf(text: string, insertions: readonly Insertion[] = []): string {
  const body = splitArticleFile(text)?.body ?? "";
  if (insertions.length === 0) return md.render(body);
  const env = {};
  const tokens = md.parse(body, env);
  const out: typeof tokens = [];
  const pending = [...insertions].sort((a, b) => a.after - b.after);
  const { Token } = new md.core.State("", md, env);
  const insertUpTo = (blocks: number) => {
    while (pending.length > 0 && (pending[0] as Insertion).after <= blocks) {
      const block = new Token("html_block", "", 0);
      block.content = `${(pending.shift() as Insertion).html}\n`;
      out.push(block);
    }
  };
  let blocks = 0;
  insertUpTo(0);
  for (const token of tokens) {
    out.push(token);
    // A top-level block ends: its closing tag, or a block without one (a rule, a code block).
    if (token.level === 0 && token.block && token.nesting !== 1) insertUpTo(++blocks);
  }
  insertUpTo(Number.POSITIVE_INFINITY);
  return md.renderer.render(out, md.options, env);
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
    ...(fm.image ? { image: fm.image } : {}),
    ...(fm.figures && fm.figures.length > 0 ? { figures: fm.figures } : {}),
  };
}
