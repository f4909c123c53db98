/**
 * The shape of an interface dictionary (layouts/i18n/<lang>.ts): every label,
 * sentence and plural the pages and the search script show, and how the
 * language writes dates and digits. Every dictionary is typed by this
 * interface, so a key missing from one language is a compile error.
 *
 * Sentences with a value in them are templates: «{count}», «{period}» … are
 * replaced by `fill` (layouts/i18n/fill.ts). This file imports nothing: the
 * search page's script reads its type.
 */

/**
 * A noun counted, by plural category (Intl.PluralRules of the locale): «{n}»
 * is the number. `other` is required; a language writes the categories its
 * rules have (Arabic all six, English one/other, French one/many/other).
 * `zero`, when given, is used for 0 whatever the rules say (Arabic: «لا مقالات»).
 */
export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/** What the search page's script shows, handed to it by the page (data-labels). */
export interface SearchScriptLabels {
  /** Results counted. */
  results: Plural;
  undated: string;
  searching: string;
  loadFailed: string;
  /** «{count}: {query}» */
  found: string;
  /**
   * The count while older shards are still unread (a search reads the newest
   * first, older ones as more results are asked for): «{count} {where}: {query} — …».
   */
  foundSoFar: string;
  /** Where a partial count was found, the years read in full: «في {years}». */
  inYears: string;
  /** … when no year has been read in full (a large year cut into runs of months). */
  inNewest: string;
  /** An estimate of the count: «نحو {count}». */
  approximately: string;
  /** No result because words are nowhere in the archive: «{count}: {words} …». */
  notInArchive: string;
  /** A query or filter value quoted: «{text}». */
  quoted: string;
  /** Between the parts of the described search: «، ». */
  listSeparator: string;
  /** The page's title while a search is shown: «{query} — البحث». */
  resultsTitle: string;
}

export interface Dictionary {
  /** BCP 47 language of the interface, for <html lang> and feeds. */
  lang: string;
  dir: "rtl" | "ltr";
  /** Open Graph locale. */
  ogLocale: string;
  /** Locale of dates, numbers and plurals. */
  locale: string;
  /** Digits of dates and counts. */
  numberingSystem: "arab" | "latn";
  /** A date with its time: «{date}، {time}». */
  dateTime: string;
  /** Between items of a short list (tags in a meta line). */
  listSeparator: string;

  nouns: { article: Plural; tag: Plural; author: Plural; section: Plural };

  // The shell of every page.
  skipToContent: string;
  siteSections: string;
  home: string;
  archive: string;
  tags: string;
  search: string;
  searchTheArchive: string;
  searchFieldLabel: string;
  searchButton: string;
  breadcrumbs: string;

  // Listings.
  undated: string;
  noArticlesHere: string;
  pages: string;
  previousPage: string;
  nextPage: string;
  /** A listing's newest page (its own URL) and its oldest. */
  newestPage: string;
  oldestPage: string;
  /** An older page of a listing whose articles have no date: «صفحة {page}» (counted from the oldest). */
  pageNumbered: string;

  // The home page.
  latestArticles: string;
  /** After the site's description: «يضم الأرشيف {count}.» */
  archiveHolds: string;
  browseTheArchive: string;
  browseByYear: string;
  topTags: string;
  allTags: string;

  // The date archive.
  noDatedArticles: string;
  undatedExplained: string;
  /** «أرشيف {period}»: a year, month or day. */
  archiveOf: string;
  /** «{count} في {period}.» */
  countIn: string;
  /** «{count} في هذا اليوم.» */
  countThisDay: string;
  days: string;
  articles: string;
  neighbourDays: string;
  nextDay: string;
  previousDay: string;
  neighbourMonths: string;
  nextMonth: string;
  previousMonth: string;
  neighbourYears: string;
  nextYear: string;
  previousYear: string;
  undatedArticles: string;
  /** «{count} لم يذكر مصدرها تاريخ النشر، مرتبة أبجديًا.» */
  undatedLead: string;

  // An article.
  relatedHeadlines: string;
  moreArticles: string;
  /** Before the source's name or link. */
  source: string;
  articleNeighbours: string;
  newerArticle: string;
  olderArticle: string;

  // Authors and sections.
  authors: string;
  sections: string;
  /** «{count} في الأرشيف.» (authors) */
  authorsInArchive: string;
  /** «{count} في الأرشيف.» (sections) */
  sectionsInArchive: string;
  noAuthors: string;
  noSections: string;
  /** «{count} بقلم هذا الكاتب.» */
  countByAuthor: string;
  /** «{count} في هذا القسم.» */
  countInSection: string;

  // Tags.
  /** «{count} في الأرشيف.» */
  tagsInArchive: string;
  tagOrder: string;
  mostUsed: string;
  alphabetical: string;
  tagsAlphabetically: string;
  filterTags: string;
  findTag: string;
  showArticles: string;
  noTags: string;
  letters: string;
  /** «{count} بهذا الوسم.» */
  countWithTag: string;

  // The search page.
  searchArticles: string;
  searchWords: string;
  searchExample: string;
  narrowResults: string;
  tag: string;
  year: string;
  allYears: string;
  language: string;
  allLanguages: string;
  section: string;
  allSections: string;
  order: string;
  byRelevance: string;
  newestFirst: string;
  /** Without JavaScript: «… {byDate} أو {byTag}.» */
  searchNeedsScript: string;
  byDate: string;
  byTag: string;
  moreResults: string;
  script: SearchScriptLabels;

  // Not found, and the pages left at an article's old address.
  notFound: string;
  /** «… أو عد إلى {home}.» */
  notFoundLead: string;
  homePage: string;
  findThePage: string;
  articleMoved: string;
  /** «انتقل هذا المقال إلى {link}.» */
  articleMovedTo: string;
  newAddress: string;
}
