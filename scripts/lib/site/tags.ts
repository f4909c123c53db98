import { foldArabic } from "../arabic.ts";
import { compareStrings } from "../files.ts";
import { slugify } from "../slug.ts";
import type { ArchiveArticle } from "./archive-article.ts";
import { URLS } from "./urls.ts";

/**
 * The archive's tags: spellings folded into one tag, the spelling shown, a
 * unique slug each, most used first.
 */

/** Arabic alphabetical order for names shown to readers. */
export const collator = new Intl.Collator("ar");

export interface TagSummary {
  name: string;
  slug: string;
  url: string;
  count: number;
}

/** Spellings that differ only in hamza forms, ta marbuta, alef maqsura or diacritics name one tag. */
export function tagKey(name: string): string {
  return foldArabic(name).replace(/\s+/g, " ").trim();
}

const MARK = /\p{M}/u;

/**
 * The diacritics of a name, letter by letter ("" when it has none): what tells
 * عُمان (Oman) from عمّان (Amman), which fold to one key.
 */
function markSignature(name: string): string {
  const perLetter: string[] = [];
  for (const ch of name.normalize("NFC")) {
    if (MARK.test(ch)) perLetter[perLetter.length - 1] = `${perLetter.at(-1) ?? ""}${ch}`;
    else if (!/\s/.test(ch)) perLetter.push("");
  }
  return perLetter.some((m) => m !== "") ? perLetter.join("|") : "";
}

/**
 * The tag a spelling belongs to. Spellings of one key are one tag — unless
 * two of them are voweled differently (عُمان and عمّان: the gazetteer names
 * Oman and Amman so): then each voweling is its own tag, and the bare spelling
 * («عمان»), which could be either, is a tag of its own rather than a guess.
 */
function tagKeysOf(names: Iterable<string>): Map<string, string> {
  const byKey = new Map<string, Set<string>>();
  for (const name of names) {
    const key = tagKey(name);
    const signatures = byKey.get(key) ?? new Set<string>();
    const signature = markSignature(name);
    if (signature) signatures.add(signature);
    byKey.set(key, signatures);
  }
  const out = new Map<string, string>();
  for (const name of names) {
    const key = tagKey(name);
    const voweled = (byKey.get(key)?.size ?? 0) > 1;
    out.set(name, voweled ? `${key}\u0000${markSignature(name)}` : key);
  }
  return out;
}

/**
 * One summary per name — a tag, an author, a section — whichever spellings
 * articles use (a hand edit may write «اربيل» for «أربيل»): the most used
 * spelling is shown. Slugs are unique: a second name with the same slug gets "-2".
 */
export function summariseNames(
  articles: ArchiveArticle[],
  namesOf: (a: ArchiveArticle) => readonly string[],
  urlOf: (slug: string) => string,
  fallbackSlug: string,
): {
  tags: TagSummary[];
  byName: Map<string, TagSummary>;
} {
  const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  const keyOf = tagKeysOf(new Set(articles.flatMap(namesOf)));
  for (const a of articles) {
    const counted = new Set<string>();
    for (const name of namesOf(a)) {
      const key = keyOf.get(name) as string;
      const group = groups.get(key) ?? { count: 0, spellings: new Map<string, number>() };
      if (!counted.has(key)) group.count++;
      counted.add(key);
      group.spellings.set(name, (group.spellings.get(name) ?? 0) + 1);
      groups.set(key, group);
    }
  }
  const named = [...groups.entries()].map(([key, g]) => {
    const [name] = [...g.spellings.entries()].sort(
      ([a, m], [b, n]) => n - m || compareStrings(a, b),
    )[0] as [string, number];
    return { key, name, count: g.count, spellings: [...g.spellings.keys()] };
  });
  // Slugs are given in code-unit order of keys so they do not depend on the locale.
  const slugs = new Set<string>();
  const tags: TagSummary[] = [];
  const byName = new Map<string, TagSummary>();
  for (const t of named.sort((a, b) => compareStrings(a.key, b.key))) {
    const base = slugify(t.name, fallbackSlug);
    let slug = base;
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.add(slug);
    const summary = { name: t.name, slug, url: urlOf(slug), count: t.count };
    tags.push(summary);
    for (const spelling of t.spellings) byName.set(spelling, summary);
  }
  tags.sort(
    (a, b) =>
      b.count - a.count || collator.compare(a.name, b.name) || compareStrings(a.name, b.name),
  );
  return { tags, byName };
}

/** The archive's tags (summariseNames over each article's tags). */
export function summariseTags(articles: ArchiveArticle[]): {
  tags: TagSummary[];
  byName: Map<string, TagSummary>;
} {
  return summariseNames(articles, (a) => a.tags, URLS.tag, "tag");
}
