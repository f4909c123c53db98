import { createHash } from "node:crypto";
import path from "node:path/posix";
import { imageSize } from "image-size";
import type { ArticleImage } from "../article-file.ts";

/**
 * An article's photo, from where a dump points at it to the file the archive
 * keeps: which references may be followed (a file in the input folder or a
 * `data:` URL — never the network), what the bytes are (by their magic
 * numbers, not their name), and where they go (`media/<2 hex>/<hash>.<ext>`,
 * one file per content). Pure: the file system stays in media-files.ts.
 */

/** The kinds of image the archive keeps, by what their bytes begin with. */
export type ImageKind = "jpeg" | "png" | "gif" | "webp" | "avif";

const EXTENSION: Record<ImageKind, string> = {
  jpeg: "jpg",
  png: "png",
  gif: "gif",
  webp: "webp",
  avif: "avif",
};

/** File names that are images: never dumps, only what a dump may point at. */
export const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|ico|heic)$/i;

/** The kind of image the bytes are, from their first bytes; undefined for anything else. */
export function sniffImage(bytes: Uint8Array): ImageKind | undefined {
  const at = (offset: number, ...values: number[]) =>
    values.every((v, i) => bytes[offset + i] === v);
  const ascii = (offset: number, text: string) =>
    [...text].every((c, i) => bytes[offset + i] === c.charCodeAt(0));
  if (bytes.length < 12) return undefined;
  if (at(0, 0xff, 0xd8, 0xff)) return "jpeg";
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "gif";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "webp";
  if (ascii(4, "ftyp") && (ascii(8, "avif") || ascii(8, "avis"))) return "avif";
  return undefined;
}

/** Where a dump's image is kept, relative to the content folder: by the hash of its bytes. */
export function mediaPath(bytes: Uint8Array, kind: ImageKind): string {
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 24);
  return `media/${hash.slice(0, 2)}/${hash}.${EXTENSION[kind]}`;
}

/**
 * What a reference in a dump (an `<img src>`, a sidecar's `image`) points at,
 * as the import may follow it: a path inside the input folder (relative to it,
 * "/" separators) or a `data:` URL; undefined for anything else — the network
 * (`http:`, `//host/…`), other schemes, absolute paths, a path leaving the
 * input folder («../../etc/passwd»).
 */
export function localReference(dumpFile: string, src: string): string | undefined {
  const ref = src.trim();
  if (ref === "") return undefined;
  if (/^data:/i.test(ref)) return ref;
  // A scheme («http:», «file:», «javascript:») or a host («//cdn…»): not a local file.
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("//")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(ref.replace(/[?#].*$/s, ""));
  } catch {
    return undefined;
  }
  decoded = decoded.replace(/\\/g, "/");
  if (decoded === "" || decoded.startsWith("/") || decoded.includes("\0")) return undefined;
  const joined = path.normalize(path.join(path.dirname(dumpFile), decoded));
  if (joined === ".." || joined.startsWith("../") || path.isAbsolute(joined)) return undefined;
  // A dot folder is not read by the import (inputs.ts): not followed here either.
  if (joined.split("/").some((part) => part.startsWith("."))) return undefined;
  return joined;
}

/** A `data:` URL's bytes (base64 or percent-encoded); undefined when it is not one. */
export function dataUrlBytes(url: string): Uint8Array | undefined {
  const m = /^data:([^,]*),(.*)$/is.exec(url.trim());
  if (!m) return undefined;
  const params = (m[1] as string).split(";").map((p) => p.trim().toLowerCase());
  const payload = m[2] as string;
  if (params.includes("base64")) {
    const clean = payload.replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) return undefined;
    return new Uint8Array(Buffer.from(clean, "base64"));
  }
  try {
    return new Uint8Array(Buffer.from(decodeURIComponent(payload), "latin1"));
  } catch {
    return undefined;
  }
}

/**
 * An image a dump points at, before its bytes are read: a reference (an
 * input-relative path or a `data:` URL, see localReference) and what the page
 * or the sidecar says of it. A dump gives candidates in order; the first that
 * is an image is kept.
 */
export interface ImageCandidate {
  ref: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

/**
 * A photo inside the article (a saved page's figure): its sources, tried in
 * order like a lead image's candidates, and the number of body paragraphs
 * before it.
 */
export interface FigureCandidate {
  candidates: ImageCandidate[];
  after: number;
}

/** An image the archive keeps: the front matter's `image` field. */
export type KeptImage = ArticleImage;

export type ImageReading =
  | { ok: true; image: KeptImage; bytes: Uint8Array }
  | { ok: false; why: string };

/** Checks the bytes of a candidate: an image of a kept kind with readable dimensions. */
export function readImage(
  bytes: Uint8Array,
  source: Omit<ImageCandidate, "ref">,
  shown: string,
): ImageReading {
  const kind = sniffImage(bytes);
  if (!kind)
    return {
      ok: false,
      why: `image ${shown} is not a JPEG, PNG, GIF, WebP or AVIF image; not kept`,
    };
  let width: number | undefined;
  let height: number | undefined;
  try {
    const size = imageSize(bytes);
    // A JPEG whose EXIF turns it a quarter turn is shown turned: its box is too.
    const turned = (size.orientation ?? 1) >= 5;
    width = turned ? size.height : size.width;
    height = turned ? size.width : size.height;
  } catch {
    // reported below
  }
  if (!width || !height)
    return { ok: false, why: `image ${shown} is damaged (its size cannot be read); not kept` };
  return {
    ok: true,
    bytes,
    image: {
      src: mediaPath(bytes, kind),
      width,
      height,
      ...(source.alt ? { alt: source.alt } : {}),
      ...(source.caption ? { caption: source.caption } : {}),
      ...(source.credit ? { credit: source.credit } : {}),
    },
  };
}

/** A reference as a report shows it: a data URL by its kind and size, a path as it is. */
export function shownReference(ref: string): string {
  if (!/^data:/i.test(ref)) return JSON.stringify(ref);
  return `data:${ref.slice(5, ref.indexOf(",")).split(";")[0] || "?"} URL (${ref.length} characters)`;
}
