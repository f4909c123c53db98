import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { ArticleImage } from "../../scripts/lib/article-file.ts";
import { mediaPath } from "../../scripts/lib/import/media.ts";

/** A plain JPEG of one colour (its red channel `r`): distinct bytes for each `r`. */
export function jpegOf(r: number, width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r, g: 90, b: 50 } } })
    .jpeg()
    .toBuffer();
}

/** A photo kept in a content folder as the import keeps it, and the front matter's `image` for it. */
export async function keptPhoto(
  contentDir: string,
  r: number,
  width = 320,
  height = 200,
): Promise<ArticleImage> {
  const bytes = await jpegOf(r, width, height);
  const src = mediaPath(bytes, "jpeg");
  mkdirSync(path.dirname(path.join(contentDir, src)), { recursive: true });
  writeFileSync(path.join(contentDir, src), bytes);
  return { src, width, height };
}
