/**
 * Nashra's configuration, in one place: what the archive is called, where it is
 * published, the interface's language, how dates are read and shown. Edit this
 * file; nothing else needs to change to rebrand or re-host an archive.
 */
export interface NashraConfig {
  site: {
    /** Site title, shown in the header and in <title>. */
    title: string;
    description: string;
    /** Absolute URL of the published site, without the path prefix (used for canonical links and feeds). */
    baseUrl: string;
    /** Open Graph locale of the interface (default: the language's, e.g. "ar_AR"). */
    ogLocale?: string;
    /** Sub-path the site is served under, e.g. "/archive/" for a GitHub Pages project site. */
    pathPrefix: string;
    /**
     * Language of the interface: every label, plural and date format comes from
     * its dictionary, layouts/i18n/<lang>.ts ("ar", "en" or "fr"). Articles carry
     * their own language. (A string, not a type from layouts/: the importer reads
     * this file and should not depend on the interface; a build with another
     * language stops with the list of those there are.)
     */
    lang: string;
    /** Direction of the interface (default: the language's, "rtl" for Arabic). */
    dir?: "rtl" | "ltr";
    /** How many articles a listing page shows. */
    pageSize: number;
  };
  dates: {
    /** Locale used to spell dates (month and weekday names); default: the language's. */
    locale?: string;
    /** Digits used to write dates and counts: "arab" (٠١٢٣) or "latn" (0123); default: the language's. */
    numberingSystem?: "arab" | "latn";
    /** Show the Hijri (Umm al-Qura) date beside the Gregorian one on article pages. */
    hijri: boolean;
  };
  import: {
    /** Input and output folders of `npm run import` (relative to the repository). */
    rawDir: string;
    articlesDir: string;
    /** Time zone applied to dump times written without an offset (IANA name). */
    defaultTimezone: string;
    /** Inputs larger than this are rejected as "too large" (bytes). */
    maxInputBytes: number;
  };
}

/**
 * The host's address and path prefix given in the environment win, so one
 * checkout can be built for several hosts (CI builds for GitHub Pages this way);
 * so does the interface's language (NASHRA_LANG: the tests build each language).
 */
function fromEnv(name: string, fallback: string): string {
  const value = process.env[name];
  return value && value.length > 0 ? value : fallback;
}

const config: NashraConfig = {
  site: {
    title: "نشرة",
    description: "أرشيف نشرات الأخبار: مقالات مؤرشفة قابلة للبحث.",
    baseUrl: fromEnv("NASHRA_BASE_URL", "https://nashra.example.org"),
    pathPrefix: fromEnv("NASHRA_PATH_PREFIX", "/"),
    // Direction, Open Graph locale, date locale and digits follow the language
    // (set dir, ogLocale, dates.locale or dates.numberingSystem to differ).
    lang: fromEnv("NASHRA_LANG", "ar"),
    pageSize: 20,
  },
  dates: {
    hijri: true,
  },
  import: {
    rawDir: "raw",
    articlesDir: "content/articles",
    defaultTimezone: "Africa/Cairo",
    maxInputBytes: 5 * 1024 * 1024,
  },
};

export default config;
