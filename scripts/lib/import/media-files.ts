import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import {
  type ArticleFigure,
  type ArticleImage,
  MAX_FIGURES,
  splitArticleFile,
} from "../article-file.ts";
import { listFiles, TEMPORARY_FILE, writeAtomically } from "../files.ts";
import { hashOf } from "./cache.ts";
import {
  dataUrlBytes,
  type FigureCandidate,
  type ImageCandidate,
  readImage,
  shownReference,
} from "./media.ts";
import { fileSystemError, insideFolder } from "./write.ts";

/**
 * The file system's side of an article's photo: reading a candidate's bytes
 * from the input folder (only files the listing found: no symbolic link, no
 * dot file, nothing outside it), and writing the kept image into the media
 * folder once per content.
 */

/** The media folder of an articles folder: beside it (content/articles → content/media). */
export function mediaDirFor(articlesDir: string): string {
  return path.join(path.dirname(path.resolve(articlesDir)), "media");
}

/** An image file larger than this is not an article's photo (and would slow every build). */
export const MAX_IMAGE_BYTES = 20 * 2 ** 20;

export interface LeadImage {
  image?: ArticleImage;
  bytes?: Uint8Array;
  warnings: string[];
  /** Input files tried, with a hash of their bytes ("" when absent): a re-import checks them. */
  consulted: Record<string, string>;
}

/** The first candidate that is an image, read from the input folder; what was wrong with the others. */
export function readLeadImage(
  candidates: readonly ImageCandidate[],
  inDir: string,
  files: ReadonlySet<string>,
  /** Whether a readable image is wanted; one that is not is passed over without a word. */
  wanted: (image: ArticleImage) => boolean = () => true,
): LeadImage {
  const warnings: string[] = [];
  const consulted: Record<string, string> = {};
  const missing: string[] = [];
  for (const candidate of candidates) {
    const { ref, ...described } = candidate;
    const shown = shownReference(ref);
    let bytes: Uint8Array | undefined;
    if (ref.startsWith("data:")) {
      bytes = dataUrlBytes(ref);
      if (!bytes) {
        warnings.push(`image ${shown} cannot be decoded; not kept`);
        continue;
      }
    } else {
      if (!files.has(ref)) {
        consulted[ref] = "";
        missing.push(shown);
        continue;
      }
      const file = path.join(inDir, ref);
      try {
        if (statSync(file).size > MAX_IMAGE_BYTES) {
          consulted[ref] = "too large";
          warnings.push(`image ${shown} is larger than ${MAX_IMAGE_BYTES / 2 ** 20} MiB; not kept`);
          continue;
        }
        bytes = new Uint8Array(readFileSync(file));
      } catch (error) {
        consulted[ref] = "";
        warnings.push(`image ${shown} cannot be read: ${fileSystemError(error)}; not kept`);
        continue;
      }
      consulted[ref] = hashOf(bytes);
    }
    const reading = readImage(bytes, described, shown);
    if (reading.ok && !wanted(reading.image)) continue;
    if (reading.ok) return { image: reading.image, bytes: reading.bytes, warnings, consulted };
    warnings.push(reading.why);
  }
  if (missing.length > 0) warnings.push(`image ${missing[0]} is not in the input folder; not kept`);
  return { warnings, consulted };
}

/** An image smaller than this either way is a spacer, an icon or a lazy loader's placeholder, not a figure. */
const MIN_FIGURE_SIDE = 32;

export interface Figures {
  figures: ArticleFigure[];
  /** The kept figures' bytes, by media path. */
  bytes: Map<string, Uint8Array>;
  warnings: string[];
  consulted: Record<string, string>;
}

/**
 * The photos inside an article, each read as the lead is (readLeadImage): a
 * figure that is the lead's file, or another figure's, is left out (one file
 * per content), so are placeholders; at most MAX_FIGURES are kept.
 */
export function readFigures(
  figures: readonly FigureCandidate[],
  inDir: string,
  files: ReadonlySet<string>,
  leadSrc: string | undefined,
): Figures {
  const out: Figures = { figures: [], bytes: new Map(), warnings: [], consulted: {} };
  const seen = new Set(leadSrc ? [leadSrc] : []);
  const isPhoto = (image: ArticleImage) =>
    image.width >= MIN_FIGURE_SIDE && image.height >= MIN_FIGURE_SIDE;
  for (const figure of figures) {
    if (out.figures.length >= MAX_FIGURES) {
      out.warnings.push(`more than ${MAX_FIGURES} photos in the article; the rest are not kept`);
      break;
    }
    const read = readLeadImage(figure.candidates, inDir, files, isPhoto);
    out.warnings.push(...read.warnings);
    Object.assign(out.consulted, read.consulted);
    if (!read.image || !read.bytes || seen.has(read.image.src)) continue;
    seen.add(read.image.src);
    out.figures.push({ after: figure.after, ...read.image });
    out.bytes.set(read.image.src, read.bytes);
  }
  return out;
}

/** Whether the files a cached article's image came from are as they were. */
export function consultedUnchanged(
  consulted: Readonly<Record<string, string>>,
  inDir: string,
  files: ReadonlySet<string>,
): boolean {
  for (const [ref, hash] of Object.entries(consulted)) {
    if (!files.has(ref)) {
      if (hash !== "") return false;
      continue;
    }
    try {
      if (hashOf(new Uint8Array(readFileSync(path.join(inDir, ref)))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Whether the media folder holds this file. */
export function mediaPresent(mediaDir: string, src: string): boolean {
  return existsSync(path.join(mediaDir, src.replace(/^media\//, "")));
}

/** Writes a kept image (atomically) unless the folder has it: one file per content. Whether it wrote. */
export async function writeMedia(
  mediaDir: string,
  src: string,
  bytes: Uint8Array,
): Promise<boolean> {
  if (mediaPresent(mediaDir, src)) return false;
  await writeAtomically(insideFolder(mediaDir, src.replace(/^media\//, "")), bytes);
  return true;
}

/** A kept image's src in the front matter as the importer writes it: `image:`'s, or a figure's in `figures:`. */
const IMAGE_SRC = /^ {2}(?: {2}|- )?src: ["']?(media\/[^"'\s]+)/gm;

/**
 * Photos in the media folder that no article file of the output folder shows
 * as its lead or among its figures (its dump's photo changed, its article went): removed, unless `dryRun`,
 * and listed either way (relative to the media folder). An article edited by
 * hand counts like any other: its photo stays.
 */
export async function removeUnusedMedia(
  outDir: string,
  mediaDir: string,
  dryRun: boolean,
): Promise<string[]> {
  let kept: string[];
  try {
    kept = await listFiles(mediaDir);
  } catch {
    return [];
  }
  // No photo at all (most text archives): no article needs reading to know.
  if (kept.length === 0) return [];
  const used = new Set<string>();
  for (const rel of (await listFiles(outDir).catch(() => [] as string[])).filter((f) =>
    f.endsWith(".md"),
  )) {
    const head = splitArticleFile(readFileSync(path.join(outDir, rel), "utf8"))?.head ?? "";
    for (const m of head.matchAll(IMAGE_SRC)) used.add((m[1] as string).replace(/^media\//, ""));
  }
  const unused = kept.filter((f) => !used.has(f) && !TEMPORARY_FILE.test(f));
  if (!dryRun) for (const f of unused) rmSync(path.join(mediaDir, f), { force: true });
  return unused;
}
