import type { PaginatedData } from "../../layouts/types.ts";
import type { Feed } from "../../scripts/lib/site/feeds.ts";
import { shareImage } from "../../scripts/lib/site/images.ts";
import { onePagePerItem } from "../../scripts/lib/site/pages.ts";

/** JSON Feed 1.1: the whole archive (/feed.json) and each tag (/tags/<slug>/feed.json). */
export const data = onePagePerItem<Feed>("archive.feeds", { url: (feed) => feed.jsonUrl });

export function render({ site, p }: PaginatedData<Feed>): string {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: p.title ? `${site.title}: ${p.title}` : site.title,
    description: site.description,
    home_page_url: site.absolute(p.htmlUrl),
    feed_url: site.absolute(p.jsonUrl),
    language: site.lang,
    items: p.items.map((a) => ({
      id: site.absolute(a.url),
      url: site.absolute(a.url),
      title: a.title,
      content_text: a.excerpt,
      ...(a.image ? { image: site.absolute(shareImage(a.image).url) } : {}),
      date_published: a.date,
      language: a.lang,
      ...(a.author ? { authors: [{ name: a.author }] } : {}),
      ...(a.tags.length > 0 ? { tags: a.tags } : {}),
    })),
  };
  return `${JSON.stringify(feed, null, 1)}\n`;
}
