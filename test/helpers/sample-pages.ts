/**
 * One page of each type in the sample archive (raw/ → content/), for the
 * browser checks and the README's screenshots.
 */
export const SAMPLE_PAGES: { type: string; name: string; url: string }[] = [
  { type: "home", name: "home", url: "/" },
  {
    type: "article",
    name: "article",
    url: "/articles/undated/حدث-هام-طال-انتظاره-العراق-يشهد-اليوم-انسحاب-القوات/",
  },
  {
    type: "article with a photo",
    name: "article-photo",
    url: "/articles/2025/03/كشف-اثري-جديد-في-البر-الغربي-بالاقصر-مقابر-لكبار-موظفي/",
  },
  {
    type: "English article",
    name: "article-english",
    url: "/articles/2025/07/suez-canal-reports-gradual-return-of-container-ships-as-red/",
  },
  { type: "tag index", name: "tags", url: "/tags/" },
  { type: "tag index, alphabetical", name: "tags-alphabetical", url: "/tags/alphabetical/" },
  { type: "tag", name: "tag", url: "/tags/العراق/" },
  { type: "author index", name: "authors", url: "/authors/" },
  { type: "author", name: "author", url: "/authors/حيدر-كاظم/" },
  { type: "section index", name: "sections", url: "/sections/" },
  { type: "section", name: "section", url: "/sections/اقتصاد/" },
  { type: "date archive", name: "archive", url: "/archive/" },
  { type: "year", name: "archive-year", url: "/archive/2025/" },
  { type: "month", name: "archive-month", url: "/archive/2025/11/" },
  { type: "day", name: "archive-day", url: "/archive/2025/11/16/" },
  { type: "undated", name: "undated", url: "/archive/undated/" },
  { type: "search", name: "search", url: "/search/?q=الامريكية" },
  { type: "404", name: "not-found", url: "/404.html" },
];
