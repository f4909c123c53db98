import { readFileSync } from "node:fs";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { parseHTML } from "linkedom";
import { beforeAll, describe, expect, it } from "vitest";
import { fill } from "../../layouts/i18n/fill.ts";
import { fillHtml } from "../../layouts/i18n/fill-html.ts";
import { DICTIONARIES, LANGUAGES, type Language } from "../../layouts/i18n/index.ts";
import type { Dictionary } from "../../layouts/i18n/types.ts";
import config from "../../nashra.config.ts";
import { repoRoot } from "../../scripts/lib/paths.ts";
import { html } from "../../scripts/lib/site/html.ts";
import { Site } from "../../scripts/lib/site/site.ts";
import { runBuild } from "../helpers/fixture-site.ts";
import { htmlFiles } from "../helpers/links.ts";
import { SAMPLE_PAGES } from "../helpers/sample-pages.ts";
import { tempDir } from "../helpers/tmp.ts";

/**
 * The interface in each language of layouts/i18n/: the sample archive built
 * once per language (`--lang`), and no label of another language left on any
 * page outside the articles' own text.
 */

const siteIn = (lang: Language) =>
  new Site({ ...config, site: { ...config.site, lang }, dates: { hijri: false } });

describe("plurals and dates in each language", () => {
  it("counts articles with the language's plural forms", () => {
    const ar = siteIn("ar");
    expect([0, 1, 2, 3, 11, 18, 100].map((n) => ar.articles(n))).toEqual([
      "لا مقالات",
      "مقال واحد",
      "مقالان",
      "٣ مقالات",
      "١١ مقالًا",
      "١٨ مقالًا",
      "١٠٠ مقال",
    ]);
    const en = siteIn("en");
    expect([0, 1, 18].map((n) => en.articles(n))).toEqual([
      "0 articles",
      "1 article",
      "18 articles",
    ]);
    const fr = siteIn("fr");
    expect([0, 1, 2, 1_000_000].map((n) => fr.articles(n))).toEqual([
      "0 article",
      "1 article",
      "2 articles",
      "1\u202f000\u202f000 d’articles",
    ]);
  });

  it("spells dates in the language's locale and digits", () => {
    expect(siteIn("ar").format.date("2025-11-15T14:05:00+02:00")).toBe(
      "السبت، ١٥ نوفمبر ٢٠٢٥، ٢:٠٥ م",
    );
    expect(siteIn("en").format.date("2025-11-15T14:05:00+02:00")).toBe(
      "Saturday, November 15, 2025 at 2:05 PM",
    );
    expect(siteIn("fr").format.date("2025-11-15")).toBe("samedi 15 novembre 2025");
  });

  it("fills a sentence's values in, escaping its own text but not a link given as markup", () => {
    expect(fill("{count} في {period}.", { count: "٣ مقالات", period: "نوفمبر" })).toBe(
      "٣ مقالات في نوفمبر.",
    );
    expect(fill("{a} {missing}", { a: "$&" })).toBe("$& {missing}");
    const link = html`<a href="/">${"<home>"}</a>`;
    expect(fillHtml("<b> & {home}.", { home: link }).toString()).toBe(
      '&lt;b&gt; &amp; <a href="/">&lt;home&gt;</a>.',
    );
  });

  it("stops a build whose language has no dictionary, naming those there are", async () => {
    await expect(runBuild(["--output", tempDir(), "--lang", "de"])).rejects.toThrow(
      /"de".*ar, en, fr/,
    );
  });
});

/** The fixed parts of every sentence of a dictionary (its templates cut at «{…}»). */
function phrases(dictionary: Dictionary): string[] {
  const { lang, dir, ogLocale, locale, numberingSystem, ...labels } = dictionary;
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string") out.push(...value.split(/\{\w+\}/).map((s) => s.trim()));
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(labels);
  // Punctuation and one- or two-letter words say nothing about the language.
  return out.filter((s) => (s.match(/\p{L}/gu) ?? []).length >= 3);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A phrase as a whole word or words: «Archive» is not found in «Archives». */
const wholePhrase = (p: string) =>
  new RegExp(`(?<![\\p{L}\\p{M}])${escapeRegExp(p)}(?![\\p{L}\\p{M}])`, "u");

/**
 * What of a page is the interface's: its text and its labelling attributes,
 * without the articles' own words (an element in another language, an
 * article's body and headline, an excerpt, search metadata, JSON-LD), the
 * site's configured name and description, tag names, and link targets.
 */
function interfaceText(page: string, lang: string): string {
  const { document } = parseHTML(page);
  for (const el of document.querySelectorAll(
    "script, [data-pagefind-meta], .article-body, .article h1, .excerpt, .related li, .more li, datalist, select option",
  ))
    el.remove();
  // An article page's <head> is its headline and lead; a neighbour link's text but its label, a headline.
  if (document.querySelector("article.article")) document.querySelector("head")?.remove();
  for (const link of document.querySelectorAll(".neighbours a"))
    for (const node of [...link.childNodes]) if (node.nodeName !== "SPAN") node.remove();
  for (const el of document.querySelectorAll("[lang]"))
    if (el !== document.documentElement && el.getAttribute("lang") !== lang) el.remove();
  const parts = [document.documentElement.textContent ?? ""];
  for (const name of ["aria-label", "placeholder", "title", "alt"])
    for (const el of document.querySelectorAll(`[${name}]`))
      parts.push(el.getAttribute(name) ?? "");
  // The search script's words (not the names of its fields), and what other sites show of a page.
  for (const el of document.querySelectorAll("[data-labels]"))
    parts.push(JSON.stringify(Object.values(JSON.parse(el.getAttribute("data-labels") ?? "{}"))));
  for (const el of document.querySelectorAll(
    'meta[name="description"], meta[property="og:title"], meta[property="og:description"]',
  ))
    parts.push(el.getAttribute("content") ?? "");
  let text = parts.join("\n");
  for (const own of [config.site.description, config.site.title]) text = text.split(own).join(" ");
  return text;
}

// One build per language, side by side, before the checks.
const outputs = {} as Record<Language, string>;
beforeAll(async () => {
  const root = tempDir("nashra-languages-");
  await Promise.all(
    LANGUAGES.map((lang) => {
      outputs[lang] = path.join(root, lang);
      return runBuild(["--output", outputs[lang], "--lang", lang]);
    }),
  );
});

describe.each(LANGUAGES.map((lang) => [lang]))("the sample archive built in %s", (lang) => {
  const read = (rel: string) => readFileSync(path.join(outputs[lang], rel), "utf8");

  it("speaks the language: <html lang dir>, Open Graph locale, the home page's count", () => {
    const t = DICTIONARIES[lang];
    const home = read("index.html");
    expect(home).toContain(`<html lang="${t.lang}" dir="${t.dir}">`);
    expect(home).toContain(`<meta property="og:locale" content="${t.ogLocale}">`);
    const count = {
      ar: "يضم الأرشيف ١٦ مقالًا.",
      en: "The archive holds 16 articles.",
      fr: "Les archives comptent 16 articles.",
    }[lang];
    expect(home).toContain(count);
    expect(read("search/index.html")).toContain(`data-locale="${t.locale}"`);
  });

  it("indexes Arabic articles for search without a stemmer, whatever the interface's language", () => {
    const { shards } = JSON.parse(read("pagefind/shards.json")) as { shards: { path: string }[] };
    for (const shard of shards) {
      const entry = JSON.parse(read(`${shard.path.slice(1)}pagefind-entry.json`)) as {
        languages: Record<string, unknown>;
      };
      // "und": the search folds Arabic itself (index-site.ts, indexLanguage), not the interface's "en".
      expect(Object.keys(entry.languages)).toEqual(["und"]);
    }
  });

  it("leaves no label of another language on any page", () => {
    const own = phrases(DICTIONARIES[lang]);
    const foreign = LANGUAGES.filter((other) => other !== lang)
      .flatMap((other) => phrases(DICTIONARIES[other]).map((p) => ({ other, p })))
      // A phrase both languages write the same way ("Articles") is nobody's stray label.
      .filter(({ p }) => !own.some((mine) => wholePhrase(p).test(mine)));
    expect(foreign.length).toBeGreaterThan(100);
    const stray: string[] = [];
    for (const rel of htmlFiles(outputs[lang])) {
      const text = interfaceText(read(rel), lang);
      for (const { other, p } of foreign)
        if (wholePhrase(p).test(text)) stray.push(`${rel}: «${p}» (${other})`);
    }
    expect(stray).toEqual([]);
  });

  it("has a search script with no words of its own: they come from the page", () => {
    // (esbuild writes non-ASCII characters as \u escapes.)
    const script = read("assets/search.js").replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    const arabic = phrases(DICTIONARIES.ar).filter((p) => wholePhrase(p).test(script));
    expect(arabic).toEqual([]);
  });

  it("is valid HTML (html-validate), a page of each type", async () => {
    const validator = new HtmlValidate(
      JSON.parse(readFileSync(path.join(repoRoot, ".htmlvalidate.json"), "utf8")),
    );
    const errors: string[] = [];
    for (const { url } of SAMPLE_PAGES) {
      const rel = url === "/404.html" ? "404.html" : `${url.split("?")[0]?.slice(1)}index.html`;
      const report = await validator.validateString(read(rel), rel);
      for (const r of report.results)
        for (const m of r.messages) errors.push(`${rel}:${m.line} ${m.ruleId} ${m.message}`);
    }
    expect(errors).toEqual([]);
  });
});

describe("the sample archive built in French", () => {
  const read = (rel: string) => readFileSync(path.join(outputs.fr as string, rel), "utf8");

  it("capitalises a month that starts a heading or a label, not one inside a sentence", () => {
    const year = read("archive/2025/index.html");
    expect(year).toContain('<h2><a href="/archive/2025/11/">Novembre 2025</a>');
    expect(year).toContain("en 2025.");
    expect(read("archive/index.html")).toMatch(/>Novembre <span class="count">/);
    const month = read("archive/2025/11/index.html");
    expect(month).toMatch(/ en novembre 2025\./);
    expect(month).toMatch(/<\/span> Juillet 2025<\/a>/);
  });
});
