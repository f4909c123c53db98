import { readFileSync } from "node:fs";
import { foldArabic, words } from "../arabic.ts";
import { parseDataYaml } from "./data-file.ts";
import { normaliseLine } from "./normalise.ts";

/**
 * Page furniture: which lines of a dump are headings of related / dropped /
 * keyword sections, share and follow bars, menus, breadcrumbs, promotions,
 * copyright lines and source lines. The lists live in
 * `scripts/data/boilerplate.yaml` (built-in knowledge plus per-source
 * profiles); lines repeated across many dumps of one source are added per run.
 */

interface Lists {
  related_headings: string[];
  dropped_headings: string[];
  keyword_headings: string[];
  promo_prefixes: string[];
  share_words: string[];
  nav_words: string[];
  copyright_markers: string[];
  source_prefixes: string[];
  drop_lines: string[];
}

interface Profile extends Partial<Lists> {
  name: string;
  folder?: string;
  host?: string;
}

const LIST_KEYS: (keyof Lists)[] = [
  "related_headings",
  "dropped_headings",
  "keyword_headings",
  "promo_prefixes",
  "share_words",
  "nav_words",
  "copyright_markers",
  "source_prefixes",
  "drop_lines",
];

const BREADCRUMB_SEPARATOR = /[>›»|/\\]/u;

/** Sixteen menu words with separators fit in this; a longer line is text. */
const MAX_NAVIGATION_CHARS = 300;

const HOME = new Set(["الرييسيه", "الصفحه الرييسيه", "home"]);

export type SectionKind = "related" | "dropped" | "keywords";

const keyCache = new Map<string, string>();

/** A line compared without case, marks, hamza variants, edge punctuation or a trailing colon. */
export function lineKey(line: string): string {
  // Each line is asked about several times (heading? furniture? menu?): remember recent keys.
  let key = keyCache.get(line);
  if (key === undefined) {
    key = computeLineKey(line);
    if (keyCache.size > 20_000) keyCache.clear();
    keyCache.set(line, key);
  }
  return key;
}

function computeLineKey(line: string): string {
  // Bullets, dashes, colons and other marks at either end (■ اقرأ أيضًا -, «الوسوم:»).
  const key = withoutEdges(foldArabic(normaliseLine(line)));
  // The fold can leave two spaces where it drops a mark between them.
  return SPACES_TO_JOIN.test(key) ? key.replace(/\s+/g, " ") : key;
}
const SPACES_TO_JOIN = /\s\s|[^\S ]/;

/**
 * The text without the punctuation, symbols and white space at its ends
 * (`/^[\p{P}\p{S}\s]+/u` and the same at the end): a walk in from each end
 * with a table of code units, as a regular expression with Unicode classes
 * tries each position of a long line (four times slower on the benchmark's
 * lines). A pair of surrogates is asked of the expression itself.
 */
export function withoutEdges(text: string): string {
  const edge = edgeUnits();
  let from = 0;
  let to = text.length;
  while (from < to) {
    const unit = text.charCodeAt(from);
    if (edge[unit] === 1) from++;
    else if (isHighSurrogate(unit) && from + 1 < to && EDGE.test(text.slice(from, from + 2)))
      from += 2;
    else break;
  }
  while (to > from) {
    const unit = text.charCodeAt(to - 1);
    if (edge[unit] === 1) to--;
    else if (isLowSurrogate(unit) && to - 2 >= from && EDGE.test(text.slice(to - 2, to))) to -= 2;
    else break;
  }
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/** One code point that is punctuation, a symbol or white space (a lone surrogate is none of them). */
const EDGE = /^[\p{P}\p{S}\s]$/u;
let edgeTable: Uint8Array | undefined;
/** Per UTF-16 code unit, 1 when it is such a code point on its own: built once (8 ms). */
function edgeUnits(): Uint8Array {
  if (!edgeTable) {
    edgeTable = new Uint8Array(0x10000);
    for (let unit = 0; unit < 0x10000; unit++)
      if (EDGE.test(String.fromCharCode(unit))) edgeTable[unit] = 1;
  }
  return edgeTable;
}
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

export class Furniture {
  private readonly related: Set<string>;
  private readonly dropped: Set<string>;
  private readonly keywords: Set<string>;
  private readonly promos: string[];
  private readonly share: Set<string>;
  private readonly nav: Set<string>;
  private readonly copyright: string[];
  private readonly sources: string[];
  private readonly dropKeys: Set<string>;
  /** Lines repeated across a source's dumps, as written (whitespace-normalised). */
  private readonly repeated: ReadonlySet<string>;
  /** The longest heading, in characters: longer lines are never asked whether they are one. */
  private readonly longestHeading: number;

  constructor(lists: Lists, repeatedLines: ReadonlySet<string> = new Set()) {
    const keys = (list: string[]) => new Set(list.map(lineKey));
    this.related = keys(lists.related_headings);
    this.dropped = keys(lists.dropped_headings);
    this.keywords = keys(lists.keyword_headings);
    this.promos = lists.promo_prefixes.map(lineKey).sort((a, b) => b.length - a.length);
    this.share = keys(lists.share_words);
    this.nav = keys(lists.nav_words);
    this.copyright = lists.copyright_markers.map((m) => foldArabic(m));
    this.sources = lists.source_prefixes.map(lineKey);
    this.dropKeys = keys(lists.drop_lines);
    this.repeated = repeatedLines;
    this.longestHeading = Math.max(
      0,
      ...[...lists.related_headings, ...lists.dropped_headings, ...lists.keyword_headings].map(
        (h) => h.length,
      ),
    );
  }

  /** The kind of section a heading line opens, if it is one. */
  section(line: string): SectionKind | null {
    // Headings are short; decorations (colons, bullets, marks) add a few characters at most.
    if (line.length > this.longestHeading + 12) return null;
    const key = lineKey(line);
    if (this.related.has(key)) return "related";
    if (this.dropped.has(key)) return "dropped";
    if (this.keywords.has(key)) return "keywords";
    return null;
  }

  /** «الوسوم: أ، ب، ج» on one line → its terms. */
  inlineKeywords(line: string): string[] | null {
    const m = /^([^:：]{2,30})[:：](.+)$/u.exec(line);
    if (!m || !this.keywords.has(lineKey(m[1] as string))) return null;
    return splitTerms(m[2] as string);
  }

  /** «المصدر: وكالة الأنباء» → the source's name. */
  sourceName(line: string): string | null {
    const m = /^([^:：\-–]{2,20})\s*[:：\-–]\s*(.{2,80})$/u.exec(line);
    if (!m || !this.sources.includes(lineKey(m[1] as string))) return null;
    return (m[2] as string).trim();
  }

  /**
   * Furniture that can stand anywhere: promotions, share bars, copyright
   * lines, lines of this source's profile or repeated across its dumps.
   * Lines come whitespace-normalised (normaliseLine).
   */
  isNoise(line: string): boolean {
    return line === "" || this.repeated.has(line) || this.isKnownNoise(line);
  }

  /** A line is asked about by the article finder and again by the body reader: answers are kept. */
  private readonly noiseAnswers = new Map<string, boolean>();

  /** A line this source repeats across its dumps (the corpus pass). */
  isRepeated(line: string): boolean {
    return this.repeated.has(line);
  }

  /** Noise known from the lists alone, whatever the source repeats: promotions, share bars, copyright lines. */
  isKnownNoise(line: string): boolean {
    let answer = this.noiseAnswers.get(line);
    if (answer === undefined) {
      answer = this.knownNoise(line);
      if (this.noiseAnswers.size > 20_000) this.noiseAnswers.clear();
      this.noiseAnswers.set(line, answer);
    }
    return answer;
  }

  private knownNoise(line: string): boolean {
    if (line === "") return true;
    const short = line.length <= 160;
    // A promotion is known by its start: a long line needs only its head folded.
    const key = lineKey(short ? line : line.slice(0, 48));
    if (key === "") return true;
    if (short && this.dropKeys.has(key)) return true;
    if (this.promos.some((p) => key.startsWith(p) && !/[\p{L}\p{N}]/u.test(key.charAt(p.length))))
      return true;
    if (line.length > 320) return false; // share bars and footers are short
    // …of at most 25 words: a longer line is text (counted by its spaces, which is cheap).
    let spaces = 0;
    for (let i = line.indexOf(" "); i >= 0 && spaces <= 25; i = line.indexOf(" ", i + 1)) spaces++;
    if (spaces > 25) return false;
    // Share bars and the copyright words are twelve words at most; «©» is looked for up to 25.
    if (spaces > 11 && !line.includes("©")) return false;
    const ws = words(short ? key : lineKey(line));
    if (
      ws.length > 0 &&
      ws.length <= 12 &&
      ws.filter((w) => this.share.has(w)).length * 2 > ws.length
    ) {
      return true;
    }
    // "©" marks a footer even in a longer line; the words only in a short one
    // (a paragraph about copyright law is body text).
    if (line.includes("©") && ws.length <= 25) return true;
    if (ws.length <= 12 && this.copyright.some((m) => key.includes(m))) return true;
    return false;
  }

  /** Menus, section bars and breadcrumbs printed above a headline. */
  isNavigation(line: string): boolean {
    // A menu or a breadcrumb is a line of a few short words.
    if (line.length > MAX_NAVIGATION_CHARS) return false;
    const text = normaliseLine(line);
    // Breadcrumbs: short segments joined by › > » / |, three or more, or two from «الرئيسية».
    if (BREADCRUMB_SEPARATOR.test(text)) {
      const segments = text.split(/\s*[>›»|/\\]\s*/u).filter((s) => s.length > 0);
      const short = segments.every((s) => s.split(" ").length <= 4 && /\p{L}/u.test(s));
      if (short && segments.length >= 3) return true;
      if (short && segments.length === 2 && HOME.has(lineKey(segments[0] as string))) return true;
    }
    // A menu is at most 16 words (and as many separators); counted by spaces before anything is folded.
    let spaces = 0;
    for (let i = text.indexOf(" "); i >= 0 && spaces <= 32; i = text.indexOf(" ", i + 1)) spaces++;
    if (spaces > 32) return false;
    const ws = words(lineKey(line));
    if (ws.length === 0) return false;
    // A breadcrumb printed without separators: «Home News Science & Astronomy»,
    // «الرئيسية أخبار مصر» — section names after «Home», not a sentence («Home Depot sales miss»).
    const first = ws[0] as string;
    const home = HOME.has(first) ? 1 : HOME.has(`${first} ${ws[1] ?? ""}`) ? 2 : 0;
    if (home > 0 && ws.length > home && ws.length <= home + 5 && !/[.,،؟!?:]/u.test(text)) {
      const rest = ws.slice(home);
      const sections = /\p{Lu}/u.test(text)
        ? words(text).every((w) => /^[\p{Lu}\d]/u.test(w))
        : rest.filter((w) => this.nav.has(w)).length * 2 >= rest.length;
      if (sections) return true;
    }
    // A menu: mostly section names, no sentence punctuation.
    const navShare = ws.filter((w) => this.nav.has(w)).length / ws.length;
    return ws.length >= 2 && ws.length <= 16 && navShare >= 0.6 && !/[.،؟!?]/u.test(text);
  }
}

/** Terms of a keyword block or a metadata keyword list: split on commas, bullets, hashes. */
export function splitTerms(text: string): string[] {
  return text
    .split(/[،,;؛|•#\n]+/u)
    .map((t) => normaliseLine(t.replace(/_/g, " ")))
    .filter((t) => t.length > 0 && t.length <= 60);
}

export class Boilerplate {
  private constructor(
    private readonly builtin: Lists,
    private readonly profiles: Profile[],
  ) {}

  static fromYaml(text: string): Boilerplate {
    const data = parseDataYaml(text) as { builtin?: Partial<Lists>; profiles?: Profile[] | null };
    const builtin = Object.fromEntries(
      LIST_KEYS.map((k) => [k, data.builtin?.[k] ?? []]),
    ) as unknown as Lists;
    return new Boilerplate(builtin, data.profiles ?? []);
  }

  static load(file: string): Boilerplate {
    return Boilerplate.fromYaml(readFileSync(file, "utf8"));
  }

  private readonly cache = new Map<string, Furniture>();
  private readonly cacheByLines = new WeakMap<ReadonlySet<string>, Map<string, Furniture>>();

  /** The furniture rules for one dump: built-in lists, its source's profile, lines repeated in its source. */
  furnitureFor(
    source: { folder?: string; host?: string },
    repeatedLines?: ReadonlySet<string>,
  ): Furniture {
    const profiles = this.profiles.filter(
      (profile) =>
        (profile.folder !== undefined && profile.folder === source.folder) ||
        (profile.host !== undefined && profile.host === source.host),
    );
    // Many dumps share one source: build each combination of rules once.
    const key = profiles.map((p) => p.name).join("\u0000");
    let cache = this.cache;
    if (repeatedLines) {
      cache = this.cacheByLines.get(repeatedLines) ?? new Map<string, Furniture>();
      this.cacheByLines.set(repeatedLines, cache);
    }
    let furniture = cache.get(key);
    if (!furniture) {
      const lists: Lists = { ...this.builtin };
      for (const profile of profiles) {
        for (const k of LIST_KEYS) lists[k] = [...lists[k], ...(profile[k] ?? [])];
      }
      furniture = new Furniture(lists, repeatedLines);
      cache.set(key, furniture);
    }
    return furniture;
  }
}
