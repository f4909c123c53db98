import { type ArticleFrontMatter, writeArticleFile } from "../article-file.ts";
import type { Article } from "./article.ts";
import { escapeParagraph } from "./markdown-escape.ts";

/**
 * Last step of the import: Article → the article file. The file's format (key
 * order, fingerprint) belongs to article-file.ts; this step maps the importer's
 * record onto it and escapes the paragraphs, which are plain text in a dump and
 * must not become markdown.
 */

export function frontMatterOf(article: Article): ArticleFrontMatter {
  const { source } = article;
  return {
    title: article.title,
    ...(article.date ? { date: article.date.iso } : {}),
    lang: article.lang,
    dir: article.dir,
    ...(article.author ? { author: article.author } : {}),
    ...(article.section ? { section: article.section } : {}),
    ...(article.image ? { image: article.image } : {}),
    ...(article.figures && article.figures.length > 0 ? { figures: article.figures } : {}),
    tags: article.tags,
    related: article.related,
    source: {
      file: source.file,
      ...(source.record !== undefined ? { record: source.record } : {}),
      sha256: source.sha256,
      ...(source.name ? { name: source.name } : {}),
      ...(source.url ? { url: source.url } : {}),
    },
  };
}

export function serialiseArticle(article: Article): string {
  return writeArticleFile(frontMatterOf(article), article.body.map(escapeParagraph));
}
