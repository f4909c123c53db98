import { parseHTML } from "linkedom";

export interface CrawlResult {
  /** Every URL fetched (path and query, without origin), with its status. */
  statuses: Map<string, number>;
  /** The pages (HTML responses) reached. */
  pages: string[];
  /** [page, link] pairs whose target did not answer 200. */
  broken: [string, string][];
}

/** Links, stylesheets, scripts, icons, feeds and form targets of a page. */
function references(html: string): string[] {
  const { document } = parseHTML(html);
  const refs: string[] = [];
  for (const el of document.querySelectorAll("a[href], link[href]"))
    refs.push(el.getAttribute("href") as string);
  for (const el of document.querySelectorAll("script[src], img[src]"))
    refs.push(el.getAttribute("src") as string);
  for (const el of document.querySelectorAll("form[action]"))
    refs.push(el.getAttribute("action") as string);
  // The search page loads the shard list, then each shard's Pagefind module.
  for (const el of document.querySelectorAll("div[data-base]")) {
    refs.push(`${el.getAttribute("data-base")}pagefind/shards.json`);
  }
  return refs;
}

/**
 * Crawls a site served on `origin` from `start`, following every internal
 * reference (same origin; canonical links of `publicBase` are mapped to the
 * local server), and fetching each once.
 */
export async function crawl(
  origin: string,
  start: string,
  publicBase?: string,
): Promise<CrawlResult> {
  const statuses = new Map<string, number>();
  const pages: string[] = [];
  const broken: [string, string][] = [];
  const queue: [string, string][] = [["(start)", start]];
  while (queue.length > 0) {
    const [from, raw] = queue.shift() as [string, string];
    let ref = raw;
    if (publicBase && ref.startsWith(publicBase)) ref = ref.slice(publicBase.length) || "/";
    if (/^(?:[a-z]+:|#)/i.test(ref)) continue; // another site, mailto:, a fragment
    const url = new URL(ref, from.startsWith("/") ? origin + from : origin);
    if (url.origin !== origin) continue;
    const key = url.pathname + url.search;
    if (statuses.has(key)) {
      if (statuses.get(key) !== 200) broken.push([from, key]);
      continue;
    }
    const response = await fetch(url);
    statuses.set(key, response.status);
    if (response.status !== 200) {
      broken.push([from, key]);
      continue;
    }
    if ((response.headers.get("content-type") ?? "").includes("text/html")) {
      pages.push(key);
      for (const next of references(await response.text())) queue.push([key, next]);
    } else if (url.pathname.endsWith("/pagefind/shards.json")) {
      const { shards } = (await response.json()) as { shards: { path: string }[] };
      const base = url.pathname.slice(0, -"pagefind/shards.json".length);
      for (const shard of shards) queue.push([key, `${base}${shard.path.slice(1)}pagefind.js`]);
    } else {
      await response.arrayBuffer();
    }
  }
  return { statuses, pages, broken };
}
