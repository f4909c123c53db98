import { readFileSync } from "node:fs";
import {
  foldArabic,
  isWordCharAt,
  nameKey,
  proclicticReadings,
  stripInvisibles,
  stripMarks,
  words,
} from "../arabic.ts";
import { parseDataYaml } from "./data-file.ts";

/**
 * Tags from an editable gazetteer of places, organisations and people
 * (`scripts/data/gazetteer.yaml`). Matching is on folded words (hamza forms,
 * ى/ي, ة/ه, diacritics, tatweel) with Arabic proclitics stripped from the
 * first word, so «وبغداد», «لبغداد» and «بغداد» all tag بغداد, and «للعراق»
 * tags العراق. Adjectives the gazetteer lists (عراقي) match in their
 * inflections (العراقية، العراقيين…). Spellings two entries share (عمان is
 * Oman and Amman once diacritics are gone) tag only when the diacritics or the
 * article's other words decide. English names match English text.
 */

export type EntryType = "country" | "city" | "region" | "organisation" | "person";

export interface GazetteerEntry {
  id: string;
  /** Canonical tag spelling: one tag page per entity. */
  name: string;
  type: EntryType;
  aliases?: string[];
  en?: string[];
  /** Masculine singular adjectives without the article (عراقي); their inflections match too. */
  adjectives?: string[];
  /** Spellings shared with another entry: they tag only when context decides. */
  shared?: string[];
  /** Words whose presence in an article points to this entry, for its shared spellings. */
  context?: string[];
}

/**
 * What matching needs of an entry, one object of one shape for every entry.
 * The entries as read from YAML each have their own set of optional fields,
 * so their hidden classes differ: reading `name` off them in the matching
 * loop sent V8's optimised code back to the interpreter each time a new shape
 * turned up (three recompilations of `match` in the first 4,000 dumps).
 */
interface Entity {
  readonly id: string;
  readonly name: string;
}

interface Candidate {
  entry: Entity;
  /** Folded words of the name after the first one. */
  tail: string[];
}

/** Suffixes of an Arabic nisba adjective (folded: ة is ه): -ي -ية -يون -يين -يات -يتين -يان. */
const ADJECTIVE_ENDINGS = ["", "ه", "ون", "ين", "ات", "تين", "تان", "ان"];

const ENTRY_TYPES = new Set<string>(["country", "city", "region", "organisation", "person"]);

export class Gazetteer {
  /** First folded word of a name → names starting with it, longest first. */
  private readonly byFirstWord = new Map<string, Candidate[]>();
  /** Folded adjective form (with and without the article) → entry. */
  private readonly adjectives = new Map<string, Entity>();
  /** Folded shared spelling → the entries that share it. */
  private readonly shared = new Map<string, Entity[]>();
  /** Folded context words → entry ids they point to. */
  private readonly contextWords = new Map<string, Set<string>>();
  readonly entries: readonly GazetteerEntry[];

  constructor(entries: GazetteerEntry[]) {
    this.entries = entries;
    const seenIds = new Set<string>();
    const owner = new Map<string, string>();
    const claim = (key: string, entry: GazetteerEntry, spelling: string) => {
      const previous = owner.get(key);
      if (previous !== undefined && previous !== entry.id) {
        throw new Error(`gazetteer: "${spelling}" names both "${previous}" and "${entry.id}"`);
      }
      owner.set(key, entry.id);
      return previous === undefined;
    };

    for (const entry of entries) {
      if (!/^[a-z0-9-]+$/.test(entry.id)) throw new Error(`gazetteer: invalid id "${entry.id}"`);
      if (seenIds.has(entry.id)) throw new Error(`gazetteer: duplicate id "${entry.id}"`);
      if (!ENTRY_TYPES.has(entry.type))
        throw new Error(`gazetteer: "${entry.id}" has unknown type "${entry.type}"`);
      seenIds.add(entry.id);
      const entity: Entity = { id: entry.id, name: entry.name };

      const sharedKeys = new Set((entry.shared ?? []).map((s) => nameKey(s).join(" ")));
      for (const spelling of [entry.name, ...(entry.aliases ?? []), ...(entry.en ?? [])]) {
        const key = nameKey(spelling);
        const [first, ...tail] = key;
        if (first === undefined) throw new Error(`gazetteer: empty name in "${entry.id}"`);
        // A canonical name that is also a shared spelling (عمّان) is matched through the shared table.
        if (sharedKeys.has(key.join(" "))) continue;
        if (!claim(key.join(" "), entry, spelling)) continue;
        const list = this.byFirstWord.get(first) ?? [];
        list.push({ entry: entity, tail });
        list.sort((a, b) => b.tail.length - a.tail.length);
        this.byFirstWord.set(first, list);
      }
      for (const adjective of entry.adjectives ?? []) {
        const base = foldArabic(adjective);
        if (!/^\p{L}+$/u.test(base))
          throw new Error(`gazetteer: adjective "${adjective}" must be one word`);
        for (const ending of ADJECTIVE_ENDINGS) {
          const form = base + ending;
          for (const key of [form, `ال${form}`]) {
            if (owner.get(key) === entry.id && this.adjectives.get(key) !== entity) continue;
            claim(key, entry, adjective);
            this.adjectives.set(key, entity);
          }
        }
      }
      for (const spelling of entry.shared ?? []) {
        const key = nameKey(spelling).join(" ");
        const list = this.shared.get(key) ?? [];
        list.push(entity);
        this.shared.set(key, list);
      }
      for (const word of entry.context ?? []) {
        const key = foldArabic(word);
        const ids = this.contextWords.get(key) ?? new Set<string>();
        ids.add(entry.id);
        this.contextWords.set(key, ids);
      }
    }
    for (const key of [
      ...this.byFirstWord.keys(),
      ...this.adjectives.keys(),
      ...this.shared.keys(),
    ])
      this.mayStart.add(key);
    for (const [key, list] of this.shared) {
      if (owner.has(key))
        throw new Error(`gazetteer: shared spelling "${key}" is also an ordinary name`);
      if (list.length < 2)
        throw new Error(
          `gazetteer: spelling "${key}" is marked shared but only "${list[0]?.id}" has it`,
        );
    }
  }

  static fromYaml(text: string): Gazetteer {
    const data: unknown = parseDataYaml(text);
    if (!Array.isArray(data)) throw new Error("gazetteer: expected a list of entries");
    return new Gazetteer(data as GazetteerEntry[]);
  }

  static load(file: string): Gazetteer {
    return Gazetteer.fromYaml(readFileSync(file, "utf8"));
  }

  /**
   * Canonical names of the entities a text mentions, most mentioned first
   * (ties: first mentioned first).
   */
  match(
    text: string,
    /** The text folded (foldArabic), when the caller has it already. */
    folded = foldArabic(text),
  ): string[] {
    // Folding the whole text once is cheaper than folding word by word; the words
    // as written are only needed (rarely) to read diacritics on a shared spelling.
    // Most words of a text name nothing: the filter rules them out from their
    // characters, before any of them is cut out as a string and looked up.
    const bounds = wordBounds(folded);
    const count = bounds.count;
    const starts = bounds.starts;
    const ends = bounds.ends;
    const candidates = this.mayStart.candidates(folded, bounds);
    const token = (i: number) => folded.slice(starts[i], ends[i]);
    const isToken = (i: number, word: string) =>
      i < count &&
      (ends[i] as number) - (starts[i] as number) === word.length &&
      folded.startsWith(word, starts[i]);
    let rawTokens: string[] | undefined;
    const rawToken = (i: number) => {
      rawTokens ??= words(stripInvisibles(text.normalize("NFKC")));
      return rawTokens.length === count ? (rawTokens[i] ?? "") : "";
    };
    const hits = new Map<string, { count: number; first: number }>();
    const hit = (name: string, at: number) => {
      const h = hits.get(name);
      if (h) h.count++;
      else hits.set(name, { count: 1, first: at });
    };
    const undecided: { at: number; candidates: Entity[] }[] = [];

    for (let i = 0; i < count; i++) {
      if (candidates[i] === 0) continue;
      const readings = this.matchingReadings(token(i));
      if (readings === undefined) continue;
      const found = this.matchAt(isToken, i, readings);
      if (found) {
        hit(found.entry.name, i);
        i += found.tail.length;
        continue;
      }
      const adjective = this.adjectiveOf(readings);
      if (adjective) {
        hit(adjective.name, i);
        continue;
      }
      const sharedKey = readings.find((r) => this.shared.has(r));
      if (sharedKey) {
        const candidates = this.shared.get(sharedKey) as Entity[];
        // Diacritics decide when the text has them: «عُمان» is Oman, «عمّان» is Amman.
        const voweled = rawToken(i);
        const byVowels = candidates.find(
          (c) => c.name !== stripMarks(c.name) && voweled.endsWith(c.name),
        );
        if (byVowels) hit(byVowels.name, i);
        else undecided.push({ at: i, candidates });
      }
    }

    // Otherwise the article's other words decide (الأردن → Amman; سلطنة، مسقط → Oman); a tie tags nothing.
    if (undecided.length > 0) {
      const cues = new Map<string, number>();
      for (let i = 0; i < count; i++) {
        for (const reading of this.readingsOf(token(i))) {
          for (const id of this.contextWords.get(reading) ?? [])
            cues.set(id, (cues.get(id) ?? 0) + 1);
        }
      }
      // The candidate with the most cues, if no other has as many.
      for (const { at, candidates } of undecided) {
        let best: Entity | undefined;
        let bestScore = 0;
        let tie = false;
        for (const c of candidates) {
          const score = cues.get(c.id) ?? 0;
          if (score > bestScore) {
            best = c;
            bestScore = score;
            tie = false;
          } else if (score === bestScore) tie = true;
        }
        if (best && !tie) hit(best.name, at);
      }
    }

    return [...hits.entries()]
      .sort(([, a], [, b]) => b.count - a.count || a.first - b.first)
      .map(([name]) => name);
  }

  /** The entry of the first of a word's readings that is an adjective of one. */
  private adjectiveOf(readings: readonly string[]): Entity | undefined {
    for (const reading of readings) {
      const entity = this.adjectives.get(reading);
      if (entity) return entity;
    }
    return undefined;
  }

  /** The canonical name of a tag written in any of its spellings, or the tag itself when unknown. */
  canonical(tag: string): string {
    const key = nameKey(tag);
    const [first, ...tail] = key;
    if (first === undefined) return tag;
    for (const candidate of this.byFirstWord.get(first) ?? []) {
      if (candidate.tail.length === tail.length && candidate.tail.every((w, k) => w === tail[k])) {
        return candidate.entry.name;
      }
    }
    if (key.length === 1) {
      const adjective = this.adjectives.get(first);
      if (adjective) return adjective.name;
    }
    return tag;
  }

  // A news archive reuses a small vocabulary: folding and proclitic readings
  // of each distinct word are computed once (the caches are bounded).
  private readonly readingCache = new Map<string, string[]>();

  /** Every folded key a word's reading is looked up by (first words, adjectives, shared spellings). */
  private readonly mayStart = new ReadingFilter();

  /** Folded word → its readings, when one may match (starts a name, is an adjective or a shared spelling); null when none. */
  private readonly interest = new Map<string, string[] | null>();

  private matchingReadings(folded: string): string[] | undefined {
    let readings = this.interest.get(folded);
    if (readings === undefined) {
      const all = this.readingsOf(folded);
      readings = all.some(
        (r) => this.byFirstWord.has(r) || this.adjectives.has(r) || this.shared.has(r),
      )
        ? all
        : null;
      if (this.interest.size > 200_000) this.interest.clear();
      this.interest.set(folded, readings);
    }
    return readings ?? undefined;
  }

  private readingsOf(folded: string): string[] {
    let readings = this.readingCache.get(folded);
    if (readings === undefined) {
      readings = proclicticReadings(folded);
      if (this.readingCache.size > 200_000) this.readingCache.clear();
      this.readingCache.set(folded, readings);
    }
    return readings;
  }

  private matchAt(
    isToken: (i: number, word: string) => boolean,
    i: number,
    readings: readonly string[],
  ): Candidate | undefined {
    for (const reading of readings) {
      for (const candidate of this.byFirstWord.get(reading) ?? []) {
        if (candidate.tail.every((word, k) => isToken(i + 1 + k, word))) return candidate;
      }
    }
    return undefined;
  }
}

/** Where the words of a text are (what `words` would cut), in buffers reused from call to call. */
export interface WordBounds {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
}
const bounds: WordBounds = { count: 0, starts: new Int32Array(1024), ends: new Int32Array(1024) };

export function wordBounds(text: string): WordBounds {
  let count = 0;
  let start = -1;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    if (i < n && isWordCharAt(text, i)) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    if (count === bounds.starts.length) {
      const grown = { starts: new Int32Array(count * 2), ends: new Int32Array(count * 2) };
      grown.starts.set(bounds.starts);
      grown.ends.set(bounds.ends);
      bounds.starts = grown.starts;
      bounds.ends = grown.ends;
    }
    bounds.starts[count] = start;
    bounds.ends[count] = i;
    count++;
    start = -1;
  }
  bounds.count = count;
  return bounds;
}

const LAM = 0x644;
const ALEF = 0x627;
/** 2^20 bits (128 KB): the repository's gazetteer (3,400 keys) sets 0.3 % of them; most words let through then have a key after letters that are not proclitics. */
const FILTER_BITS = 20;

/**
 * A one-hash Bloom filter of folded keys, read from a word's last character
 * back, so that hashing a word once gives the hash of each of its suffixes:
 * a proclitic reading (proclicticReadings) is the word without its first one
 * or two letters, or «ال» and the word after «لل». A word none of whose
 * possible readings is in the filter names nothing; the rest are looked up
 * exactly. It never rules out a word that matches (no false negatives).
 */
export class ReadingFilter {
  private readonly bits = new Int32Array(2 ** (FILTER_BITS - 5));
  private flags = new Uint8Array(1024);

  add(key: string): void {
    let h = SEED;
    for (let i = key.length - 1; i >= 0; i--) h = step(h, key.charCodeAt(i));
    this.set(h);
  }

  /** Per word of `bounds`: 1 when one of its readings may be a key, 0 when none is. */
  candidates(text: string, { count, starts, ends }: WordBounds): Uint8Array {
    if (this.flags.length < count) this.flags = new Uint8Array(count * 2);
    const flags = this.flags;
    for (let w = 0; w < count; w++) {
      const start = starts[w] as number;
      const end = ends[w] as number;
      let h = SEED;
      let hit = 0;
      // Readings are suffixes of at least two letters that start within the first three.
      for (let i = end; i >= start; i--) {
        if (i < end) h = step(h, text.charCodeAt(i));
        const from = i - start;
        if (from > 3) continue;
        if (from <= 2 && end - i >= 2 && this.has(h)) hit = 1;
        // «لل» + X (after a conjunction or not) reads as «ال» + X.
        else if (
          from >= 2 &&
          text.charCodeAt(i - 1) === LAM &&
          text.charCodeAt(i - 2) === LAM &&
          this.has(step(step(h, LAM), ALEF))
        )
          hit = 1;
        if (hit) break;
      }
      flags[w] = hit;
    }
    return flags;
  }

  private set(h: number): void {
    const bit = mix(h);
    this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
  }

  private has(h: number): boolean {
    const bit = mix(h);
    return ((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
  }
}

const SEED = 0x811c9dc5 | 0;
/** FNV-1a over UTF-16 code units. */
function step(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193);
}
function mix(h: number): number {
  return Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> (32 - FILTER_BITS);
}
