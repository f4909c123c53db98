import type { NashraConfig } from "../../../nashra.config.ts";
import { Formatter } from "./format.ts";

/**
 * What every page template needs to know about the site: its names, how to
 * write a link under the path prefix, how to format dates and counts.
 */
export class Site {
  readonly title: string;
  readonly description: string;
  readonly lang: string;
  readonly dir: "rtl" | "ltr";
  readonly ogLocale: string;
  /** Always starts and ends with "/". */
  readonly pathPrefix: string;
  readonly format: Formatter;
  private readonly baseUrl: string;

  constructor(config: NashraConfig) {
    this.title = config.site.title;
    this.description = config.site.description;
    this.lang = config.site.lang;
    this.dir = config.site.dir;
    this.ogLocale = config.site.ogLocale;
    this.pathPrefix = normalisePrefix(config.site.pathPrefix);
    this.baseUrl = config.site.baseUrl.replace(/\/+$/, "");
    this.format = new Formatter(config.dates);
  }

  /** A site URL ("/tags/") as a link that works under the path prefix ("/archive/tags/"). */
  href(url: string): string {
    return this.pathPrefix + url.replace(/^\//, "");
  }

  /** The full public URL of a page, for canonical links, feeds and sitemaps (percent-encoded). */
  absolute(url: string): string {
    return this.baseUrl + encodeURI(this.href(url));
  }
}

export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}
