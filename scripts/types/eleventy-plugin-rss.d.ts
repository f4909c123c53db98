/** The helpers of @11ty/eleventy-plugin-rss 3 that Nashra's feed templates use. */
declare module "@11ty/eleventy-plugin-rss" {
  /** A Date as an RFC 3339 UTC timestamp without milliseconds, as Atom wants. */
  export function dateToRfc3339(date: Date): string;
}
