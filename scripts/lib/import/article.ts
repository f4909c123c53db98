import type { ArticleFigure } from "../article-file.ts";
import type { DecodedDump } from "./decode.ts";
import type { FigureCandidate, ImageCandidate, KeptImage } from "./media.ts";

/**
 * The records that flow through the import pipeline:
 *
 *   RawDump (bytes + name) → decode → DumpText → parse → ParsedDump
 *     → extract (title, date, author, lang, tags) → Article → serialise → markdown
 */

/** One input file as found on disk, before anything is known about it. */
export interface RawDump {
  /** Path relative to the input folder, with "/" separators. */
  file: string;
  bytes: Uint8Array;
  /** Metadata from a `NAME.meta.json` sidecar or the manifest; it overrides extraction. */
  sidecar?: Sidecar;
  /** The stamps of the dump and its metadata as they were read (InputFolder.stampOf); "" if too recent. */
  stamp?: string;
  /**
   * The bytes as text, when the corpus pass decoded them already (on a worker
   * thread, which hands the text back with the dump's lines): extraction then
   * does not decode them again (InputFolder.keepDecoded).
   */
  decoded?: DecodedDump;
}

/** Metadata given beside a dump (sidecar, manifest) or inside it (HTML meta tags, scraper JSON). */
export interface Sidecar {
  title?: string;
  published?: string;
  author?: string;
  url?: string;
  lang?: string;
  section?: string;
  tags?: string[];
  /** The lead image: a file, relative to the dump (never a URL: the import does not fetch). */
  image?: string;
  caption?: string;
  credit?: string;
}

/** The structure found in a dump, before field extraction. */
export interface ParsedDump {
  /** Lines around the headline that are not body: date line, byline. */
  headerLines: string[];
  headline: string;
  /** Body paragraphs, whitespace-normalised, in order. */
  paragraphs: string[];
  /** Headlines listed under a "related news" heading. */
  related: string[];
  /** Terms of a keyword block («الكلمات المفتاحية», «الوسوم: …»). */
  keywords: string[];
  /** «المصدر: …» */
  sourceName?: string;
  /** Metadata the format itself carries (HTML meta tags and JSON-LD, scraper JSON fields). */
  meta: Sidecar;
  /** Images the page points at, in the order they are tried (HTML pages). */
  images?: ImageCandidate[];
  /** Photos inside the article, in document order, with where they stand among the paragraphs (HTML pages). */
  figures?: FigureCandidate[];
  /** The headline was a guess: the report and the pull-request summary say so (unless a title is given). */
  headlineWarning?: string;
}

/**
 * A publication date as the source gave it: a calendar day, or an instant with
 * the offset it was published at (the archive files it under its local day).
 */
export type ArticleDate = { kind: "day"; iso: string } | { kind: "instant"; iso: string };

export interface ArticleSource {
  /** The dump this article came from, relative to the input folder. */
  file: string;
  /** For a JSON Lines dump: the 1-based line of this article's record. */
  record?: number;
  /** SHA-256 of the dump's bytes, hex. */
  sha256: string;
  name?: string;
  url?: string;
}

export interface Article {
  title: string;
  date?: ArticleDate;
  /** BCP 47 language tag. */
  lang: string;
  dir: "rtl" | "ltr";
  author?: string;
  section?: string;
  tags: string[];
  related: string[];
  source: ArticleSource;
  /** Paragraphs exactly as in the source (whitespace folded). */
  body: string[];
  /** Where the lead image may be (input-relative paths, data: URLs), tried in order by the run. */
  imageCandidates?: ImageCandidate[];
  /** The lead image as kept (media/…), once the run has read a candidate's bytes. */
  image?: KeptImage;
  /** Photos inside the article (input-relative paths, data: URLs), each read by the run like the lead. */
  figureCandidates?: FigureCandidate[];
  /** The photos inside the article as kept (media/…), once the run has read them. */
  figures?: ArticleFigure[];
}

/** Why an input did not become an article: one sentence a newsroom editor understands. */
export class RejectedInput extends Error {
  override readonly name = "RejectedInput";
}

/** Something worth a reviewer's attention that did not stop the import. */
export type ImportWarning = string;

export interface ExtractedArticle {
  article: Article;
  warnings: ImportWarning[];
}
