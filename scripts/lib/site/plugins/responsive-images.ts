import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { UserConfig } from "@11ty/eleventy";
import type { ArticleImage } from "../../article-file.ts";
import { compareStrings, writeAtomically } from "../../files.ts";
import type { Archive } from "../archive.ts";
import type { ArchiveArticle } from "../archive-article.ts";
import {
  formatsFor,
  IMAGE_ENCODING,
  IMAGE_FOLDER,
  imageFileName,
  responsiveImage,
  widthsFor,
} from "../images.ts";
import { activePlan } from "../render-plan.ts";

/** What the last run of this process made (the build's report and the tests read it). */
export const lastImages: { made: number; kept: number; failed: string[]; seconds: number } = {
  made: 0,
  kept: 0,
  failed: [],
  seconds: 0,
};

export interface ResponsiveImagesOptions {
  archive: () => Archive | undefined;
}

/**
 * After the pages are written, the files their photos link to: each article's
 * photo and inline figures (content/media/…) in the widths and formats images.ts names, by
 * @11ty/eleventy-img (sharp) from the local file — never the network. A file
 * already in the output is not made again (its name holds the photo's hash
 * and the encoding's), so an incremental build redoes nothing; files no page
 * links any more are removed. Each is written atomically, metadata stripped
 * (sharp keeps none unless asked). A part of a split build makes the photos of
 * the articles it renders (a photo shown by several, the part of the first). A photo that cannot be read is reported, not fatal.
 */
export default function responsiveImages(
  eleventyConfig: UserConfig,
  options: ResponsiveImagesOptions,
): void {
  eleventyConfig.on("eleventy.after", async ({ directories }) => {
    const archive = options.archive();
    // A part's article pages rendered ahead of its others (render-plan.ts, Phase): its photos
    // come with the others.
    const phase = activePlan()?.phase;
    if (!archive || phase === "articles" || phase === "new-articles") return;
    const partition = activePlan()?.partitionFor(archive.articles);
    // A photo several articles show is made once: by the part of the first of them (by URL).
    const first = new Map<string, { url: string; image: ArticleImage }>();
    for (const a of archive.articles)
      for (const image of photosOf(a)) {
        const seen = first.get(image.src);
        if (!seen || compareStrings(a.url, seen.url) < 0)
          first.set(image.src, { url: a.url, image });
      }
    const images = new Map<string, ArticleImage>();
    for (const [src, { url, image }] of first)
      if (!partition || partition.owns(url)) images.set(src, image);
    const outDir = path.join(path.resolve(directories.output), IMAGE_FOLDER);
    const present = new Set(await readdir(outDir).catch(() => [] as string[]));
    const started = performance.now();
    Object.assign(lastImages, { made: 0, kept: 0, failed: [], seconds: 0 });
    for (const src of [...images.keys()].sort(compareStrings)) {
      const image = images.get(src) as ArticleImage;
      const files = filesOf(image);
      if (files.every((f) => present.has(f))) {
        lastImages.kept++;
        continue;
      }
      try {
        await makeImage(path.join(path.resolve(directories.input), src), image, outDir);
        lastImages.made++;
      } catch (error) {
        const why = (error as Error).message.split("\n")[0];
        lastImages.failed.push(src);
        console.warn(
          `[nashra] content/${src}: the photo cannot be read (${why}); its pages link files that are missing`,
        );
      }
    }
    // Parts of a build on one machine share its output: the build removes what none wants, after
    // them, from the list the first part leaves beside its page keys (it knows every article).
    const plan = activePlan();
    if (!partition) await removeStalePhotos(directories.output, wantedPhotoFiles(archive));
    else if (plan?.rendersSinglePages)
      await writeAtomically(
        wantedPhotosFile(plan.manifestPath),
        JSON.stringify([...wantedPhotoFiles(archive)].sort(compareStrings)),
      );
    lastImages.seconds = (performance.now() - started) / 1000;
  });
}

/** The photos an article's page shows: its lead photo and its figures. */
function photosOf(a: ArchiveArticle): ArticleImage[] {
  return [...(a.image ? [a.image] : []), ...(a.figures ?? [])];
}

/** A photo's files, by name in the image folder. */
function filesOf(image: ArticleImage): string[] {
  return responsiveImage(image).sources.flatMap((s) =>
    s.variants.map((v) => v.url.slice(IMAGE_FOLDER.length)),
  );
}

/** Where a part of a build leaves the photo files the archive's pages show (beside its page keys). */
export function wantedPhotosFile(manifestPath: string): string {
  return `${manifestPath}.photos`;
}

/** The files of every photo the archive's articles show, by name in the image folder. */
export function wantedPhotoFiles(archive: Pick<Archive, "articles">): Set<string> {
  return new Set(archive.articles.flatMap((a) => photosOf(a).flatMap(filesOf)));
}

/** Removes the files of photos no article shows any more (an article removed, its photo changed, the encoding changed). */
export async function removeStalePhotos(
  output: string,
  wanted: ReadonlySet<string>,
): Promise<void> {
  const outDir = path.join(path.resolve(output), IMAGE_FOLDER);
  for (const f of await readdir(outDir).catch(() => [] as string[]))
    if (!wanted.has(f)) await rm(path.join(outDir, f), { force: true });
}

async function makeImage(file: string, image: ArticleImage, outDir: string): Promise<void> {
  // Loaded when a photo is made: eleventy-img loads sharp, 0.15 s that a build without new
  // photos (and the build's own process, which only removes stale files) does not need.
  const { default: Image } = await import("@11ty/eleventy-img");
  const stats = await Image(file, {
    widths: widthsFor(image.width),
    formats: formatsFor(image.src),
    dryRun: true,
    useCache: false,
    fixOrientation: true,
    filenameFormat: (_id, _src, width, format) =>
      imageFileName(image.src, width, format as "avif" | "webp" | "jpeg" | "png"),
    sharpAvifOptions: { ...IMAGE_ENCODING.avif },
    sharpWebpOptions: { ...IMAGE_ENCODING.webp },
    sharpJpegOptions: { ...IMAGE_ENCODING.jpeg },
    sharpPngOptions: { ...IMAGE_ENCODING.png },
  });
  for (const list of Object.values(stats))
    for (const stat of list)
      if (stat.buffer) await writeAtomically(path.join(outDir, stat.filename), stat.buffer);
}
