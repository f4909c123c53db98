import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ArticleImage } from "../article-file.ts";
import { writeAtomically } from "../files.ts";
import { hashOf } from "./cache.ts";
import { dataUrlBytes, type ImageCandidate, readImage, shownReference } from "./media.ts";
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
    if (reading.ok) return { image: reading.image, bytes: reading.bytes, warnings, consulted };
    warnings.push(reading.why);
  }
  if (missing.length > 0) warnings.push(`image ${missing[0]} is not in the input folder; not kept`);
  return { warnings, consulted };
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
