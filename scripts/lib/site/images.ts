import { createHash } from "node:crypto";
import type { ArticleImage } from "../article-file.ts";

/**
 * An article's photo as pages show it: the files a build makes of it (a few
 * widths, AVIF and WebP with a JPEG or PNG fallback) and their URLs, computed
 * from the front matter alone — the kept file's name is the hash of its
 * bytes, the widths follow from its width — so a template renders the markup
 * without waiting for the images, a page key changes with the image, and a
 * part of a build can link a photo another part writes. The files themselves
 * are made by plugins/responsive-images.ts with @11ty/eleventy-img.
 */

/** Widths made of a photo (never wider than it): a listing's thumbnail, a phone, a tablet, a desktop. */
export const IMAGE_WIDTHS = [240, 480, 960, 1600] as const;

/** What the encoders are asked for: part of every file's name, so a change makes new files. */
export const IMAGE_ENCODING = {
  // AVIF at effort 2 encodes a photo's four widths six times faster than at 4, no larger (measured).
  avif: { quality: 50, effort: 2 },
  webp: { quality: 72, effort: 4 },
  jpeg: { quality: 75, mozjpeg: true },
  png: { compressionLevel: 9 },
} as const;

export const IMAGE_FOLDER = "/img/";

const ENCODING_TAG = createHash("sha256")
  .update(JSON.stringify({ IMAGE_ENCODING, v: 1 }))
  .digest("hex")
  .slice(0, 6);

export type ImageFormat = "avif" | "webp" | "jpeg" | "png";

const MIME: Record<ImageFormat, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpeg: "image/jpeg",
  png: "image/png",
};

/** The widths made of a photo this wide: those below it, and itself up to the largest. */
export function widthsFor(width: number): number[] {
  const below = IMAGE_WIDTHS.filter((w) => w < width);
  const largest = IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1] as number;
  return width <= largest ? [...below, width] : below;
}

/** Formats made of a photo: the fallback keeps a PNG or GIF a PNG (a graphic, transparency). */
export function formatsFor(src: string): ImageFormat[] {
  return ["avif", "webp", /\.(?:png|gif)$/i.test(src) ? "png" : "jpeg"];
}

/** A made file's name: the kept file's hash, the encoding's, the width. */
export function imageFileName(src: string, width: number, format: ImageFormat): string {
  const hash =
    /([0-9a-f]{8,})\.[a-z]+$/i.exec(src)?.[1] ??
    createHash("sha256").update(src).digest("hex").slice(0, 24);
  return `${hash}-${ENCODING_TAG}-${width}.${format === "jpeg" ? "jpg" : format}`;
}

export interface ImageVariant {
  width: number;
  height: number;
  /** Site URL without the path prefix: /img/… */
  url: string;
}

export interface ResponsiveImage {
  /** One source a format, best first; the last is the fallback. */
  sources: { format: ImageFormat; type: string; variants: ImageVariant[] }[];
  width: number;
  height: number;
}

/** Every file made of a photo, with its URL and size. */
export function responsiveImage(
  image: Pick<ArticleImage, "src" | "width" | "height">,
): ResponsiveImage {
  const widths = widthsFor(image.width);
  const heightAt = (w: number) => Math.max(1, Math.round((image.height * w) / image.width));
  return {
    sources: formatsFor(image.src).map((format) => ({
      format,
      type: MIME[format],
      variants: widths.map((w) => ({
        width: w,
        height: heightAt(w),
        url: `${IMAGE_FOLDER}${imageFileName(image.src, w, format)}`,
      })),
    })),
    width: image.width,
    height: image.height,
  };
}

/** The variant nearest above a width (a feed's or a social card's image): the largest when none is. */
export function variantFor(image: ResponsiveImage, atLeast: number): ImageVariant {
  const fallback = image.sources[image.sources.length - 1]?.variants ?? [];
  return (
    fallback.find((v) => v.width >= atLeast) ?? (fallback[fallback.length - 1] as ImageVariant)
  );
}

/** The photo a link preview, a feed reader or a search engine shows: its fallback format, about 1,200 pixels wide. */
export function shareImage(image: Pick<ArticleImage, "src" | "width" | "height">): ImageVariant & {
  type: string;
} {
  const made = responsiveImage(image);
  return { ...variantFor(made, 1200), type: made.sources.at(-1)?.type ?? "image/jpeg" };
}
