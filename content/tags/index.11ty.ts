import { breadcrumbs, document } from "../../layouts/components.ts";
import type { PageData } from "../../layouts/types.ts";
import { URLS } from "../../scripts/lib/site/archive.ts";
import { TAG_NOUN } from "../../scripts/lib/site/format.ts";
import { html } from "../../scripts/lib/site/html.ts";

/** Every tag with its article count, most used first. */
export const data = { permalink: URLS.tags };

export function render({ site, archive }: PageData): string {
  const main = html`${breadcrumbs(site, [{ label: "الرئيسية", url: URLS.home }, { label: "الوسوم" }])}
<h1>الوسوم</h1>
<p class="lead">${site.format.count(archive.tags.length, TAG_NOUN)} في الأرشيف، مرتبة حسب عدد المقالات.</p>
${
  archive.tags.length === 0
    ? html`<p class="empty">لا وسوم بعد.</p>`
    : html`<ul class="tag-index">${archive.tags.map(
        (t) =>
          html`<li><a href="${site.href(t.url)}">${t.name}</a> <span class="count">${site.format.count(t.count)}</span></li>`,
      )}</ul>`
}`;
  return document(site, { title: "الوسوم", url: URLS.tags, main });
}
