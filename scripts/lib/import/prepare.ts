import { foldArabic } from "../arabic.ts";
import type { Article } from "./article.ts";
import { contentKeyOfFolded, type Extraction } from "./pipeline.ts";
import { serialiseArticle } from "./serialise.ts";

/** An extraction with its markdown written and its identity for duplicate detection. */
export interface Prepared extends Extraction {
  /** The article's markdown file, as the import writes it. */
  text?: string;
}

export function contentKey(article: Article): string {
  // Folded as one text: the fold of lines joined is the lines' folds joined (nothing
  // folds across a line break), in one pass instead of one a paragraph.
  return contentKeyOfFolded(foldArabic(`${article.title}\n${article.body.join("\n")}`));
}

/** The per-article work that needs no other article: done where the extraction ran (a worker, on many cores). */
export function prepare(x: Extraction): Prepared {
  // The pipeline gives the key (it folds the text for the tags anyway).
  return x.article
    ? { ...x, text: serialiseArticle(x.article), key: x.key ?? contentKey(x.article) }
    : x;
}
