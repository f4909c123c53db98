import { httpUrl } from "../scripts/lib/http-url.ts";
import { URLS } from "../scripts/lib/site/archive.ts";
import { html, raw } from "../scripts/lib/site/html.ts";
import {
  breadcrumbs,
  dateCrumbs,
  dateLine,
  document,
  langAttributes,
  neighbourLinks,
} from "./components.ts";
import type { ArticleData } from "./types.ts";

/**
 * One article. Only the <article>'s title and body are indexed for search
 * (`data-pagefind-body`; meta line and footer are `data-pagefind-ignore`), with
 * the date as sort key and metadata and the tags as a filter.
 */
export function render(data: ArticleData): string {
  const { site, archive } = data;
  const relPath = `${data.page.filePathStem.replace(/^\/articles\//, "")}.md`;
  const entry = archive.article(relPath);
  if (!entry) throw new Error(`article ${relPath} is missing from the archive index`);
  const { older, newer } = archive.neighbours(relPath);
  const sourceUrl = httpUrl(data.source?.url);

  const main = html`${breadcrumbs(site, [...dateCrumbs(site, entry.day, "day"), { label: entry.title }])}
<article class="article"${langAttributes(site, entry.lang, entry.dir)} data-pagefind-body>
<header>
<h1 data-pagefind-meta="title">${entry.title}</h1>
<p class="meta" data-pagefind-ignore>
${
  entry.date
    ? html`<time datetime="${entry.date}" data-pagefind-meta="date" data-pagefind-sort="date[datetime]" data-pagefind-filter="year:${entry.day?.slice(0, 4)}">${site.format.date(entry.date)}</time>`
    : dateLine(site, entry)
}
${entry.author ? html`<span class="author">${entry.author}</span>` : ""}
</p>
</header>
<div class="article-body">
${raw(data.content)}
</div>
<footer class="article-footer" data-pagefind-ignore>
${
  entry.tags.length > 0
    ? html`<h2 class="visually-hidden">الوسوم</h2>
<ul class="tags">${entry.tags.map((name) => {
        const tag = archive.tag(name);
        return html`<li><a href="${site.href(tag?.url ?? URLS.tags)}" data-pagefind-filter="tag">${name}</a></li>`;
      })}</ul>`
    : ""
}
${
  entry.related.length > 0
    ? html`<section class="related" aria-labelledby="related-heading">
<h2 id="related-heading">أخبار ذات صلة</h2>
<ul>${entry.related.map((headline) => {
        const target = archive.articleTitled(headline);
        return target
          ? html`<li><a href="${site.href(target.url)}">${headline}</a></li>`
          : html`<li>${headline}</li>`;
      })}</ul>
</section>`
    : ""
}
<p class="source">المصدر: ${
    sourceUrl
      ? html`<a href="${sourceUrl}" rel="nofollow noopener" dir="ltr">${data.source?.name ?? sourceUrl}</a>`
      : data.source?.name
  }${data.source?.file ? html` <span class="source-file">(ملف الأرشيف: <bdi dir="ltr">${data.source.file}</bdi>)</span>` : ""}</p>
</footer>
</article>
${neighbourLinks(
  site,
  "المقال التالي والسابق",
  { next: "المقال الأحدث", previous: "المقال الأقدم" },
  newer && { url: newer.url, label: newer.title },
  older && { url: older.url, label: older.title },
)}`;

  return document(site, {
    title: entry.title,
    url: entry.url,
    description: firstWords(data.content),
    main,
  });
}

/** A plain-text description from the rendered body: its first 30 words. */
function firstWords(renderedHtml: string): string {
  const text = renderedHtml
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  const words = text.split(" ");
  return words.length > 30 ? `${words.slice(0, 30).join(" ")}…` : text;
}
