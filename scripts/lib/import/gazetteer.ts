import { readFileSync } from "node:fs";
import YAML from "yaml";
import { foldArabic, nameKey, proclicticReadings, words } from "../arabic.ts";

/**
 * Tags from an editable gazetteer of places and organisations
 * (`scripts/data/gazetteer.yaml`). Matching is on folded words (hamza forms,
 * ى/ي, ة/ه, diacritics, tatweel) with Arabic proclitics stripped from the
 * first word, so «وبغداد», «لبغداد» and «بغداد» all tag بغداد, and «للعراق»
 * tags العراق; English names match English text.
 */

export interface GazetteerEntry {
  id: string;
  /** Canonical tag spelling: one tag page per entity. */
  name: string;
  type: string;
  aliases?: string[];
  en?: string[];
}

interface Candidate {
  entry: GazetteerEntry;
  /** Folded words of the name after the first one. */
  tail: string[];
}

export class Gazetteer {
  /** First folded word of a name → names starting with it, longest first. */
  private readonly byFirstWord = new Map<string, Candidate[]>();
  readonly entries: readonly GazetteerEntry[];

  constructor(entries: GazetteerEntry[]) {
    this.entries = entries;
    const seenIds = new Set<string>();
    const owner = new Map<string, string>();
    for (const entry of entries) {
      if (!/^[a-z0-9-]+$/.test(entry.id)) throw new Error(`gazetteer: invalid id "${entry.id}"`);
      if (seenIds.has(entry.id)) throw new Error(`gazetteer: duplicate id "${entry.id}"`);
      seenIds.add(entry.id);
      for (const spelling of [entry.name, ...(entry.aliases ?? []), ...(entry.en ?? [])]) {
        const key = nameKey(spelling);
        const [first, ...tail] = key;
        if (first === undefined) throw new Error(`gazetteer: empty name in "${entry.id}"`);
        const joined = key.join(" ");
        const previous = owner.get(joined);
        if (previous !== undefined && previous !== entry.id) {
          throw new Error(`gazetteer: "${spelling}" names both "${previous}" and "${entry.id}"`);
        }
        if (previous === entry.id) continue;
        owner.set(joined, entry.id);
        const list = this.byFirstWord.get(first) ?? [];
        list.push({ entry, tail });
        list.sort((a, b) => b.tail.length - a.tail.length);
        this.byFirstWord.set(first, list);
      }
    }
  }

  static fromYaml(text: string): Gazetteer {
    const data: unknown = YAML.parse(text);
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
  match(text: string): string[] {
    const tokens = words(foldArabic(text));
    const hits = new Map<string, { count: number; first: number }>();
    for (let i = 0; i < tokens.length; i++) {
      const found = this.matchAt(tokens, i);
      if (!found) continue;
      const hit = hits.get(found.entry.name);
      if (hit) hit.count++;
      else hits.set(found.entry.name, { count: 1, first: i });
      i += found.tail.length;
    }
    return [...hits.entries()]
      .sort(([, a], [, b]) => b.count - a.count || a.first - b.first)
      .map(([name]) => name);
  }

  private matchAt(tokens: string[], i: number): Candidate | undefined {
    for (const reading of proclicticReadings(tokens[i] as string)) {
      for (const candidate of this.byFirstWord.get(reading) ?? []) {
        const fits = candidate.tail.every((word, k) => tokens[i + 1 + k] === word);
        if (fits) return candidate;
      }
    }
    return undefined;
  }
}
