import { dictionaryFor } from "../../../layouts/i18n/index.ts";
import type { Dictionary } from "../../../layouts/i18n/types.ts";
import type { NashraConfig } from "../../../nashra.config.ts";
import { Formatter } from "./format.ts";

/**
 * What every page template needs to know about the site: its names, how to
 * write a link under the path prefix, the interface's labels (`t`, the
 * dictionary of the configured language), how to format dates and counts.
 */
export class Site {
  readonly title: string;
  readonly description: string;
  readonly lang: string;
  readonly dir: "rtl" | "ltr";
  readonly ogLocale: string;
  /** Always starts and ends with "/". */
  readonly pathPrefix: string;
  /** Every label, sentence and plural of the interface (layouts/i18n/<lang>.ts). */
  readonly t: Dictionary;
  readonly format: Formatter;
  private readonly baseUrl: string;

  constructor(config: NashraConfig) {
    this.t = dictionaryFor(config.site.lang);
    this.title = config.site.title;
    this.description = config.site.description;
    this.lang = this.t.lang;
    this.dir = config.site.dir ?? this.t.dir;
    this.ogLocale = config.site.ogLocale ?? this.t.ogLocale;
    this.pathPrefix = normalisePrefix(config.site.pathPrefix);
    this.baseUrl = config.site.baseUrl.replace(/\/+$/, "");
    this.format = new Formatter({
      locale: config.dates.locale ?? this.t.locale,
      numberingSystem: config.dates.numberingSystem ?? this.t.numberingSystem,
      hijri: config.dates.hijri,
      dateTime: this.t.dateTime,
    });
  }

  /** «مقال واحد», «١٨ مقالًا»; "18 articles". */
  articles(n: number): string {
    return this.format.count(n, this.t.nouns.article);
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
