import type { FigureCandidate, ImageCandidate } from "../media.ts";
import { normaliseLine } from "../normalise.ts";
import { blockLines } from "./blocks.ts";
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

/** What a page says of its figures' images (alt, caption, credit), by each of their sources. */
export type FigureDescriptions = ReadonlyMap<string, Omit<ImageCandidate, "ref">>;

/** The page's figures as it prints them: read before Readability, which drops captions. */
export function pageFigureDescriptions(document: Doc): FigureDescriptions {
  const out = new Map<string, Omit<ImageCandidate, "ref">>();
  for (const figure of document.querySelectorAll("figure")) {
    const img = figure.querySelector("img") as El | null;
    if (!img) continue;
    const described = describe(figure as El, img);
    for (const ref of sourcesOf(img)) if (!out.has(ref)) out.set(ref, described);
  }
  return out;
}

/** Images looked at inside one article: a page of hundreds is a gallery, and the run keeps 20. */
const MAX_FIGURE_CANDIDATES = 40;

/** The images inside an article, before its text is laid out: the elements that stand for them. */
export interface ArticleImages {
  /** Each figure (or image standing alone), in document order: blockLines marks where it stands. */
  elements: El[];
  candidates: ImageCandidate[][];
}

/**
 * The photos inside the article Readability found — each `<figure>`'s first
 * image and each image standing alone, in document order — with what the
 * page printed of them (by their sources), else what the article says. The
 * lead photo is among them: the run leaves out a figure whose file is the lead's.
 */
export function articleImages(content: El, described: FigureDescriptions): ArticleImages {
  const out: ArticleImages = { elements: [], candidates: [] };
  if (!content.querySelector("img")) return out;
  for (const img of content.querySelectorAll("img") as Iterable<El>) {
    if (out.elements.length >= MAX_FIGURE_CANDIDATES) break;
    const refs = sourcesOf(img);
    if (refs.length === 0) continue;
    const figure = img.closest("figure") as El | null;
    if (figure && out.elements.includes(figure)) continue; // its first image is taken
    const given = refs.map((r) => described.get(r)).find((d) => d !== undefined);
    const alt = normaliseLine(img.getAttribute("alt") ?? "");
    const info = given ?? (figure ? describe(figure, img) : alt ? { alt } : {});
    out.elements.push(figure ?? img);
    out.candidates.push(refs.map((ref) => ({ ref, ...info })));
  }
  return out;
}

/**
 * Where each image stands among the paragraphs: `marked` (from blockLines)
 * says how many of the article's laid-out lines come before it, and the last
 * of those that is (or is part of) a paragraph says after which paragraph.
 * An image blockLines did not reach (inside `<noscript>`) is left out.
 */
export function placeFigures(
  images: ArticleImages,
  marked: ReadonlyMap<unknown, number>,
  lines: readonly string[],
  paragraphs: readonly string[],
): FigureCandidate[] {
  const out: FigureCandidate[] = [];
  const index = new Map(paragraphs.map((p, i) => [p, i + 1]));
  let after = 0;
  for (const [i, element] of images.elements.entries()) {
    const at = marked.get(element);
    if (at === undefined) continue;
    after = Math.max(after, paragraphsBefore(lines.slice(0, at), paragraphs, index));
    out.push({ candidates: images.candidates[i] as ImageCandidate[], after });
  }
  return out;
}

/** The photos inside an article and where they stand (articleImages, blockLines, placeFigures at once). */
export function articleFigures(
  content: El,
  described: FigureDescriptions,
  paragraphs: readonly string[],
): FigureCandidate[] {
  const images = articleImages(content, described);
  const marked = new Map<unknown, number>();
  const lines = blockLines(content, new Set(images.elements), marked);
  return placeFigures(images, marked, lines, paragraphs);
}

/**
 * How many paragraphs stand before a place, from the lines laid out before it:
 * the last line that is a paragraph, or (for the nearest few, which the body
 * may have joined to others) part of one.
 */
function paragraphsBefore(
  lines: readonly string[],
  paragraphs: readonly string[],
  index: ReadonlyMap<string, number>,
): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    const exact = index.get(line);
    if (exact !== undefined) return exact;
    if (i < lines.length - NEAR_LINES) continue;
    for (let j = paragraphs.length - 1; j >= 0; j--)
      if ((paragraphs[j] as string).includes(line)) return j + 1;
  }
  return 0;
}
/** Lines before a figure looked for inside paragraphs, not only as paragraphs. */
const NEAR_LINES = 3;

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
