import type { ImageCandidate } from "../media.ts";
import { normaliseLine } from "../normalise.ts";
import type { Doc, El } from "./dom.ts";

/**
 * The lead image a saved page points at, as candidates in the order they are
 * tried: the page's Open Graph / Twitter image, the first `<figure>`'s image
 * (with its caption and credit), the article's first image. References are as
 * the page writes them (`page_files/x.jpg`, `https://…`, `data:…`): which of
 * them may be followed is media.ts's to say. Read before Readability changes
 * the page (it drops figures' captions).
 */

/** Where a figure's credit stands apart from its caption. */
const CREDIT = "[class*=credit], [class*=copyright], [class*=source], cite";

/** The image references a page gives in its metadata and its first figure. */
export function pageImageCandidates(document: Doc): ImageCandidate[] {
  const out: ImageCandidate[] = [];
  const metaImage = (selector: string) =>
    document.querySelector(selector)?.getAttribute("content")?.trim();
  const figure = document.querySelector("figure");
  const figureImage = figure?.querySelector("img") as El | null | undefined;
  const described = figure && figureImage ? describe(figure, figureImage) : {};
  for (const ref of [
    metaImage('meta[property="og:image"]'),
    metaImage('meta[property="og:image:url"]'),
    metaImage('meta[name="twitter:image"]'),
    metaImage('meta[property="twitter:image"]'),
  ]) {
    // The page's lead image is the figure's when they are the same file.
    if (ref)
      out.push({
        ref,
        ...(figureImage && sameFile(ref, sourcesOf(figureImage)) ? described : {}),
      });
  }
  if (figureImage) for (const ref of sourcesOf(figureImage)) out.push({ ref, ...described });
  return out;
}

/** The first image inside the article Readability found. */
export function articleImageCandidates(content: El): ImageCandidate[] {
  const img = content.querySelector("img") as El | null;
  if (!img) return [];
  const alt = normaliseLine(img.getAttribute("alt") ?? "");
  return sourcesOf(img).map((ref) => ({ ref, ...(alt ? { alt } : {}) }));
}

/** An image's sources: `src`, the lazy loaders' `data-src`, the last (largest) of `srcset`. */
function sourcesOf(img: El): string[] {
  const refs: (string | null | undefined)[] = [
    img.getAttribute("src"),
    img.getAttribute("data-src"),
  ];
  const srcset = img.getAttribute("srcset");
  if (srcset) refs.push(srcset.split(",").at(-1)?.trim().split(/\s+/)[0]);
  return [...new Set(refs.map((r) => r?.trim()).filter((r): r is string => Boolean(r)))];
}

function describe(figure: El, img: El): Omit<ImageCandidate, "ref"> {
  const alt = normaliseLine(img.getAttribute("alt") ?? "");
  const captionEl = figure.querySelector("figcaption");
  const creditEl = captionEl?.querySelector(CREDIT) ?? figure.querySelector(CREDIT);
  const credit = normaliseLine(creditEl?.textContent ?? "");
  let caption = normaliseLine(captionEl?.textContent ?? "");
  if (credit && caption.endsWith(credit)) caption = normaliseLine(caption.slice(0, -credit.length));
  return {
    ...(alt ? { alt } : {}),
    ...(caption ? { caption } : {}),
    ...(credit ? { credit } : {}),
  };
}

/** Two references to one file: the same last path segment (a saved page renames folders, not files). */
function sameFile(ref: string, others: readonly string[]): boolean {
  const name = (r: string) =>
    r
      .replace(/[?#].*$/s, "")
      .split("/")
      .at(-1) ?? "";
  return others.some((o) => name(o) !== "" && name(o) === name(ref));
}
