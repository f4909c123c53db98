import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { type ArticleImage, splitArticleFile } from "../article-file.ts";
import { listFiles, writeAtomically } from "../files.ts";
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

const IMAGE_SRC = /^image:\n(?: {2}.*\n)*? {2}src: ["']?(media\/[^"'\s]+)/m;

/**
 * Photos in the media folder that no article file of the output folder shows
 * (its dump's photo changed, its article went): removed, unless `dryRun`,
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
  const used = new Set<string>();
  for (const rel of (await listFiles(outDir).catch(() => [] as string[])).filter((f) =>
    f.endsWith(".md"),
  )) {
    const head = splitArticleFile(readFileSync(path.join(outDir, rel), "utf8"))?.head ?? "";
    const src = IMAGE_SRC.exec(head)?.[1];
    if (src) used.add(src.replace(/^media\//, ""));
  }
  const unused = kept.filter((f) => !used.has(f) && !/\.nashra-tmp-\d+$/.test(f));
  if (!dryRun) for (const f of unused) rmSync(path.join(mediaDir, f), { force: true });
  return unused;
}
