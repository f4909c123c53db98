import type { ArticleFigure, ArticleImage } from "../scripts/lib/article-file.ts";
import { httpUrl } from "../scripts/lib/http-url.ts";
import { aliasWords } from "../scripts/lib/search/fold.ts";
import type { Archive } from "../scripts/lib/site/archive.ts";
import type { ArchiveArticle } from "../scripts/lib/site/archive-article.ts";
import { type Html, html, raw, textOfHtml } from "../scripts/lib/site/html.ts";
import { responsiveImage, shareImage, variantFor } from "../scripts/lib/site/images.ts";
import type { Site } from "../scripts/lib/site/site.ts";
import { URLS } from "../scripts/lib/site/urls.ts";
import {
  breadcrumbs,
  dateCrumbs,
  document,
  interfaceAttributes,
  langAttributes,
  neighbourLinks,
  picture,
} from "./components.ts";

/**
 * One article. Only the <article>'s title and body are indexed for search
 * (`data-pagefind-body`; meta line and footer are `data-pagefind-ignore`),
 * with a hidden alias field of folded spellings (Pagefind searches metadata
 * but never shows it in excerpts). The date is the sort key, and the date,
 * year, tags, language and section are filters — filters are returned with
 * results but, unlike metadata, never searched, so «2024» finds articles that
 * say 2024, not every article dated 2024.
 */
export function renderArticle(site: Site, archive: Archive, entry: ArchiveArticle): string {
  const relPath = entry.path;
  // The body's text without its figures: their captions are not searched.
  const { plain, html: content } = archive.bodyHtml(
    entry,
    (entry.figures ?? []).map((figure) => ({
      after: figure.after,
      html: inlineFigure(site, figure),
    })),
  );
  const { older, newer } = archive.neighbours(relPath);
  const related = archive.relatedByTags(relPath);
  const source = entry.source;
  const sourceUrl = httpUrl(source.url);
  const hijri = entry.day ? site.format.hijri(entry.day) : undefined;
  const author = entry.author ? archive.author(entry.author) : undefined;
  const section = entry.section ? archive.section(entry.section) : undefined;
  // Dates, labels and tags are in the interface's language, even around an English article.
  const ui = interfaceAttributes(site, entry.lang);

  const main = html`${breadcrumbs(site, dateCrumbs(site, entry.day, "day"), { toParent: true })}
<article class="article"${langAttributes(site, entry.lang, entry.dir)} data-pagefind-body data-pagefind-filter="lang:${entry.lang}">
${entry.section ? html`<span hidden data-pagefind-filter="section:${entry.section}"></span>` : ""}
<span hidden data-pagefind-meta="alias:${aliasWords(`${entry.title}\n${entry.author ?? ""}\n${textOfHtml(plain, " ")}`).join(" ")}"></span>
<header>
<h1 data-pagefind-meta="title" data-pagefind-ignore>${entry.title}</h1>
<p class="meta"${ui} data-pagefind-ignore>
${
  entry.date
    ? html`<time datetime="${entry.date}" data-pagefind-sort="date[datetime]" data-pagefind-filter="date[datetime], year:${entry.day?.slice(0, 4)}">${site.format.date(entry.date)}</time>`
    : // Sorted below every date (newest first: last), in the search shard it shares with the oldest years.
      html`<span data-pagefind-sort="date[data-sort]" data-sort="0">${site.t.undated}</span>`
}
${hijri ? html`<span class="hijri">${hijri}</span>` : ""}
${author ? html`<a class="author" href="${site.href(author.url)}" data-pagefind-filter="author" data-pagefind-meta="author">${entry.author}</a>` : ""}
${section ? html`<a class="section" href="${site.href(section.url)}">${entry.section}</a>` : ""}
</p>
</header>
${leadFigure(site, entry)}
<div class="article-body">
${raw(content)}
</div>
<footer class="article-footer"${ui} data-pagefind-ignore>
${
  entry.tags.length > 0
    ? html`<h2 class="visually-hidden">${site.t.tags}</h2>
<ul class="tags">${entry.tags.map((name) => {
        const tag = archive.tag(name);
        return html`<li><a href="${site.href(tag?.url ?? URLS.tags)}" data-pagefind-filter="tag">${name}</a></li>`;
      })}</ul>`
    : ""
}
${
  entry.related.length > 0
    ? html`<section class="related" aria-labelledby="related-heading">
<h2 id="related-heading">${site.t.relatedHeadlines}</h2>
<ul>${entry.related.map((headline) => {
        const target = archive.articleTitled(headline);
        return target
          ? html`<li dir="auto"><a href="${site.href(target.url)}">${headline}</a></li>`
          : html`<li dir="auto">${headline}</li>`;
      })}</ul>
</section>`
    : ""
}
${
  // What readers know the source by: its name, linked when its address is known. The
  // dump's file name traces the article in the repository (its front matter), not on the page.
  sourceUrl || source.name
    ? html`<p class="source">${site.t.source} ${
        sourceUrl
          ? html`<a href="${sourceUrl}" rel="nofollow noopener" dir="auto">${source.name ?? sourceUrl}</a>`
          : source.name
      }</p>`
    : ""
}
</footer>
</article>
${
  related.length > 0
    ? html`<section class="more" aria-labelledby="more-heading">
<h2 id="more-heading">${site.t.moreArticles}</h2>
<ul>${related.map((a) => html`<li${langAttributes(site, a.lang, a.dir)}><a href="${site.href(a.url)}">${a.title}</a></li>`)}</ul>
</section>`
    : ""
}
${neighbourLinks(
  site,
  site.t.articleNeighbours,
  { next: site.t.newerArticle, previous: site.t.olderArticle },
  newer && { url: newer.url, label: newer.title },
  older && { url: older.url, label: older.title },
)}`;

  return document(site, {
    title: entry.title,
    url: entry.url,
    description: entry.excerpt,
    main,
    article: { tags: entry.tags, ...(entry.date ? { published: entry.date } : {}) },
    jsonLd: newsArticle(site, entry),
    ...(entry.image ? { image: previewImage(entry.image) } : {}),
  });
}

/** The reading column's width: what a phone shows at its full width, a desktop at 42rem. */
const LEAD_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)";

/**
 * The lead photo under the headline, with its caption and credit (the dump's
 * text, escaped). Search results show its smallest JPEG (Pagefind's `image`).
 */
function leadFigure(site: Site, entry: ArchiveArticle): Html {
  const image = entry.image;
  if (!image) return html``;
  // Without an alt text the caption under it describes it: the image itself says nothing twice.
  const alt = image.alt ?? image.caption ?? "";
  const thumb = variantFor(responsiveImage(image), 0);
  return html`<figure class="lead-image">
<span hidden data-pagefind-meta="image:${site.href(thumb.url)}"></span>
<span hidden data-pagefind-meta="image_alt:${alt}"></span>
${picture(site, image, { alt: image.alt ?? (image.caption ? "" : alt), sizes: LEAD_SIZES, lead: true })}
${captionOf(image)}
</figure>`;
}

/**
 * A photo inside the article, after its paragraph: the lead's responsive
 * picture, loaded lazily (it is below the fold), its caption and credit (the
 * dump's text, escaped) left out of the search index.
 */
function inlineFigure(site: Site, figure: ArticleFigure): string {
  // Without an alt text the caption under it describes it (as the lead's does).
  return html`<figure class="inline-figure">
${picture(site, figure, { alt: figure.alt ?? "", sizes: LEAD_SIZES })}
${captionOf(figure)}
</figure>`.toString();
}

/** A photo's caption and credit, when it has either (not searched: the article's text is). */
function captionOf(image: ArticleImage): Html {
  return image.caption || image.credit
    ? html`<figcaption dir="auto" data-pagefind-ignore>${image.caption ?? ""}${image.credit ? html`${image.caption ? " " : ""}<span class="credit">${image.credit}</span>` : ""}</figcaption>`
    : html``;
}

/** og:image: the photo a link preview shows. */
function previewImage(image: ArticleImage): {
  url: string;
  width: number;
  height: number;
  alt: string;
} {
  const v = shareImage(image);
  return { url: v.url, width: v.width, height: v.height, alt: image.alt ?? image.caption ?? "" };
}

/** schema.org NewsArticle: only what the archive knows (no date is invented for an undated article). */
function newsArticle(site: Site, a: ArchiveArticle): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: a.title,
    mainEntityOfPage: site.absolute(a.url),
    inLanguage: a.lang,
    ...(a.date ? { datePublished: a.date } : {}),
    ...(a.author ? { author: { "@type": "Person", name: a.author } } : {}),
    ...(a.tags.length > 0 ? { keywords: a.tags } : {}),
    ...(a.excerpt ? { description: a.excerpt } : {}),
    ...(a.image ? { image: [site.absolute(shareImage(a.image).url)] } : {}),
    publisher: { "@type": "Organization", name: site.title },
  };
}
