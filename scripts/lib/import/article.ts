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
  /** Metadata from a `NAME.meta.json` sidecar beside the dump, when there is one. */
  sidecar?: Sidecar;
}

/** Metadata a sidecar (or, later, a manifest) gives for one dump; it overrides extraction. */
export interface Sidecar {
  title?: string;
  published?: string;
  author?: string;
  url?: string;
  lang?: string;
  section?: string;
  tags?: string[];
}

/** The structure found in a dump's text, before field extraction. */
export interface ParsedDump {
  /** Lines around the headline that are not body: masthead leftovers, date line, byline. */
  headerLines: string[];
  headline: string;
  /** Body paragraphs, whitespace-normalised, in order. */
  paragraphs: string[];
  /** Headlines listed under a "related news" heading. */
  related: string[];
}

/**
 * A publication date as the source gave it: a calendar day, or an instant with
 * the offset it was published at (the archive files it under its local day).
 */
export type ArticleDate = { kind: "day"; iso: string } | { kind: "instant"; iso: string };

export interface ArticleSource {
  /** The dump this article came from, relative to the input folder. */
  file: string;
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
  tags: string[];
  related: string[];
  source: ArticleSource;
  /** Paragraphs exactly as in the source (whitespace folded). */
  body: string[];
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
