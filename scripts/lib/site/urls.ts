/**
 * Every URL of the site, without the path prefix a deployment adds (Eleventy's
 * `url` filter adds it). One place, so a page and the links to it agree.
 */
export const URLS = {
  home: "/",
  article: (relPath: string) => `/articles/${relPath.replace(/\.md$/, "")}/`,
  tags: "/tags/",
  tag: (slug: string) => `/tags/${slug}/`,
  authors: "/authors/",
  author: (slug: string) => `/authors/${slug}/`,
  sections: "/sections/",
  section: (slug: string) => `/sections/${slug}/`,
  archive: "/archive/",
  year: (year: string) => `/archive/${year}/`,
  month: (month: string) => `/archive/${month.replace("-", "/")}/`,
  day: (day: string) => `/archive/${day.replaceAll("-", "/")}/`,
  undated: "/archive/undated/",
  search: "/search/",
  /** The tag names the search page's tag filter suggests, loaded when the reader first uses it. */
  searchTags: "/search/tags.json",
  tagsAlphabetical: "/tags/alphabetical/",
  atom: (base: string) => `${base}feed.xml`,
  json: (base: string) => `${base}feed.json`,
  sitemap: "/sitemap.xml",
  sitemapPart: (n: number) => `/sitemaps/sitemap-${n}.xml`,
  /** An older page of a listing, counted from the oldest (its newest page is `base` itself). */
  page: (base: string, n: number) => `${base}page/${n}/`,
};
