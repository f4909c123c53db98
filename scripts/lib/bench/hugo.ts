import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readArticleFile } from "../article-file.ts";

/**
 * The peer a newsroom would otherwise pick, for the benchmark: a Hugo site of
 * the same articles with the same page kinds — article pages, tag pages
 * (paginated), year and month archives (as taxonomies), a home page — and
 * Pagefind run on its output. Only structure, not looks: the templates are
 * minimal, so the comparison favours Hugo.
 */

const LAYOUTS: Record<string, string> = {
  "_default/baseof.html": `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><nav><a href="/">الرئيسية</a> <a href="/tags/">الوسوم</a></nav><main>{{ block "main" . }}{{ end }}</main></body></html>`,
  "_default/single.html": `{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1>{{ with .Date }}<time>{{ .Format "2006-01-02" }}</time>{{ end }}{{ .Content }}</article><ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}`,
  "_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ol>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ol>{{ template "_internal/pagination.html" . }}{{ end }}`,
  "_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}`,
  "index.html": `{{ define "main" }}<ol>{{ range (.Paginate .Site.RegularPages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ template "_internal/pagination.html" . }}{{ end }}`,
};

const CONFIG = `baseURL = "https://nashra.example.org/"
languageCode = "ar"
defaultContentLanguage = "ar"
title = "نشرة"
paginate = 20
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
  tag = "tags"
  year = "years"
  month = "months"
`;

/** Writes a Hugo site whose content is the archive's articles (front matter plus the markdown body). */
export function writeHugoSite(articlesDir: string, siteDir: string): number {
  rmSync(siteDir, { recursive: true, force: true });
  mkdirSync(path.join(siteDir, "content/articles"), { recursive: true });
  writeFileSync(path.join(siteDir, "hugo.toml"), CONFIG);
  for (const [file, text] of Object.entries(LAYOUTS)) {
    mkdirSync(path.dirname(path.join(siteDir, "layouts", file)), { recursive: true });
    writeFileSync(path.join(siteDir, "layouts", file), text);
  }
  let count = 0;
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(articlesDir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(".md")) {
        const text = readFileSync(path.join(articlesDir, child), "utf8");
        const { frontMatter: fm, body } = readArticleFile(text);
        const day = fm.date?.slice(0, 10);
        const front = {
          title: fm.title,
          ...(fm.date ? { date: fm.date } : {}),
          tags: fm.tags ?? [],
          ...(day ? { years: [day.slice(0, 4)], months: [day.slice(0, 7)] } : {}),
        };
        const out = path.join(
          siteDir,
          "content/articles",
          `${String(count++).padStart(7, "0")}.md`,
        );
        writeFileSync(out, `---\n${JSON.stringify(front)}\n---\n${body}`);
      }
    }
  };
  walk("");
  return count;
}
