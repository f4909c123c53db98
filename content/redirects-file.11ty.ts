import type { PageData } from "../layouts/types.ts";
import { activePlan } from "../scripts/lib/site/render-plan.ts";

/**
 * `_redirects` (Netlify, Cloudflare Pages): the old URLs of moved articles as
 * permanent redirects, for hosts that read the file; other hosts serve the
 * redirect pages. Written only when an article has moved.
 */
export const data = {
  permalink: (data: PageData) =>
    data.archive.redirects.length > 0 && activePlan()?.rendersSinglePages !== false
      ? "/_redirects"
      : false,
};

export function render({ site, archive }: PageData): string {
  return archive.redirects
    .map((r) => `${encodeURI(site.href(r.url))} ${encodeURI(site.href(r.to))} 301\n`)
    .join("");
}
