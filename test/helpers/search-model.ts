import { matchesQueryWord, queryWords } from "../../scripts/lib/search/fold.ts";

/**
 * Whether an article with these terms (its words as Pagefind indexes them and
 * its alias field) is shown for a query, as the search page decides: Pagefind
 * returns it when every query word begins one of its terms (no stemmer: a
 * word matches the words it begins), and the browser keeps it when every
 * query word matches one of them (matchesQueryWord).
 */
export function shownFor(terms: readonly string[], query: string): boolean {
  return queryWords(query).every(
    (q) => terms.some((t) => t.startsWith(q)) && terms.some((t) => matchesQueryWord(t, q)),
  );
}
