import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RawDump } from "../../scripts/lib/import/article.ts";
import {
  emptyCache,
  type ImportCache,
  type SourceFingerprints,
} from "../../scripts/lib/import/cache.ts";
import {
  type DumpLines,
  dumpLines,
  lineFingerprint,
  type SourceFurniture,
  sourceFurniture,
} from "../../scripts/lib/import/corpus.ts";
import { identifyDumps } from "../../scripts/lib/import/inputs.ts";
import { pipelineContext } from "../helpers/context.ts";

/**
 * The corpus pass counted again from the cache's fingerprints must find what
 * counting every dump afresh finds, while reading only the dumps that are new
 * or changed (and, for a repeated line no dump read gave the words of, one
 * dump that holds it).
 */

const KNOWLEDGE = "test-knowledge";

/** Lines dumps are made of: furniture candidates, a date line and a byline (never furniture), and prose. */
const LINES = [
  "شبكة الأخبار المستقلة تنقل لكم الحدث من مكانه لحظة بلحظة",
  "تابعوا تغطيتنا المستمرة للأحداث على مدار الساعة",
  "جميع الحقوق محفوظة لشبكة الأخبار",
  "2025-11-16",
  "بقلم: أحمد علي",
  "وصل وفد رسمي إلى بغداد صباح اليوم لبحث ملفات التعاون الاقتصادي",
  "أعلنت وزارة الصحة عن حملة تطعيم جديدة في المحافظات الجنوبية",
];

interface Run {
  result: SourceFurniture;
  /** The dumps the pass read (through linesOf), in order. */
  read: string[];
}

/** The import cache a run leaves, and its sources' fingerprints (a file each, cache.ts). */
interface Left {
  cache: ImportCache;
  fingerprints: ReadonlyMap<string, SourceFingerprints>;
}

const nothing: Left = { cache: emptyCache(), fingerprints: new Map() };

async function pass(
  dumps: ReadonlyMap<string, string>,
  left: Left,
  /** As the workers do: the lines' words only when asked for, else their fingerprints alone. */
  wordsWhenAsked = false,
): Promise<Run> {
  const ctx = pipelineContext();
  const files = [...dumps.keys()].sort();
  const load = async (file: string): Promise<RawDump> => ({
    file,
    bytes: new TextEncoder().encode(dumps.get(file) as string),
  });
  const info = await identifyDumps(files, load);
  const read: string[] = [];
  async function* linesOf(list: string[], words: boolean): AsyncGenerator<DumpLines | undefined> {
    for (const file of list) {
      read.push(file);
      const lines = dumpLines(await load(file), ctx);
      yield lines && wordsWhenAsked && !words ? { ...lines, lines: [] } : lines;
    }
  }
  const result = await sourceFurniture(files, info, left.cache, load, ctx, linesOf, {
    knowledge: KNOWLEDGE,
    fingerprintsOf: async (source) => left.fingerprints.get(source),
  });
  return { result, read };
}

/** What a run leaves for the next (as run.ts saves it): sources counted now replace those of before. */
function leftBy({ result }: Run, before: Left = nothing): Left {
  const cache = emptyCache();
  for (const [group, lines] of result.repeatedLines)
    cache.sources[group] = {
      composition: result.composition.get(group) ?? "",
      knowledge: KNOWLEDGE,
      lines: [...lines].sort(),
    };
  return { cache, fingerprints: new Map([...before.fingerprints, ...result.fingerprints]) };
}

const text = (lines: number[], own = "") =>
  [...lines.map((n) => LINES[n]), ...(own ? [own] : [])].join("\n\n");
/** A paragraph of one dump's own. */
const prose = (n: number) => `فقرة رقم ${n} من نص الخبر عن بغداد والعراق والمنطقة`;
const sorted = (r: SourceFurniture) =>
  [...r.repeatedLines].map(([g, lines]) => [g, [...lines].sort()]).sort();

describe("the corpus pass from the cache", () => {
  it("reads only the new dumps when a source gains some, and finds what a fresh count finds", async () => {
    // 20 dumps of one folder print the slogan; the share line is in 3 of them.
    const before = new Map<string, string>();
    for (let n = 0; n < 20; n++)
      before.set(`site/${n}.txt`, text(n < 3 ? [0, 1, 3] : [0, 3], prose(n)));
    const first = await pass(before, nothing);
    expect(first.read).toHaveLength(20);
    expect(first.result.repeatedLines.get("folder:site")).toEqual(new Set([LINES[0], LINES[1]]));

    // Ten more, with a copyright line and without the date: the threshold stays 3, met by
    // the share line and the copyright line; the date line the 20 old ones print is never
    // furniture, but deciding that needs its words.
    const after = new Map(before);
    for (let n = 20; n < 30; n++) after.set(`site/${n}.txt`, text([0, 2], prose(n)));
    const again = await pass(after, leftBy(first));
    const fresh = await pass(after, nothing);
    expect(sorted(again.result)).toEqual(sorted(fresh.result));
    expect(again.result.furnitureHash).toEqual(fresh.result.furnitureHash);
    // The 10 new dumps, and one old one for the date line's words (filtered out, so not
    // among the lines the cache kept).
    expect(again.read.filter((f) => !before.has(f))).toHaveLength(10);
    expect(again.read.filter((f) => before.has(f))).toHaveLength(1);
    expect(again.result.repeatedLines.get("folder:site")).toEqual(
      new Set([LINES[0], LINES[1], LINES[2]]),
    );
  });

  it("counts fingerprints without the lines' words, then reads one dump for the words of the repeated ones", async () => {
    const dumps = new Map<string, string>();
    for (let n = 0; n < 20; n++)
      dumps.set(`site/${n}.txt`, text(n < 3 ? [0, 1, 3] : [0, 3], prose(n)));
    const full = await pass(dumps, nothing);
    const sparse = await pass(dumps, nothing, true);
    expect(sorted(sparse.result)).toEqual(sorted(full.result));
    expect(sparse.result.repeatedLines.get("folder:site")).toEqual(new Set([LINES[0], LINES[1]]));
    // Each dump once for its fingerprints; then the first, which holds every repeated line.
    expect(sparse.read).toEqual([...full.read, "site/0.txt"]);
  });

  it("reads one dump for a line that becomes repeated when others go", async () => {
    // 100 dumps; the share line in 4 of them, under the threshold (5 of 100).
    const before = new Map<string, string>();
    for (let n = 0; n < 100; n++) before.set(`${n}.txt`, text(n < 4 ? [0, 1] : [0], prose(n)));
    const first = await pass(before, nothing);
    expect(first.result.repeatedLines.get("")).toEqual(new Set([LINES[0]]));
    // 60 go: 40 left, the threshold 3, the share line over it; no dump is new.
    const after = new Map([...before].slice(0, 40));
    const again = await pass(after, leftBy(first));
    expect(again.result.repeatedLines.get("")).toEqual(new Set([LINES[0], LINES[1]]));
    expect(sorted(again.result)).toEqual(sorted((await pass(after, nothing)).result));
    expect(again.read).toEqual(["0.txt"]);
  });

  it("counts every dump again under other knowledge", async () => {
    const dumps = new Map<string, string>();
    for (let n = 0; n < 6; n++) dumps.set(`${n}.txt`, text([0], prose(n)));
    const first = await pass(dumps, nothing);
    dumps.set("6.txt", text([0], prose(6)));
    const second = await pass(dumps, leftBy(first));
    expect(second.read).toEqual(["6.txt"]);
    // The same inputs, counted under other knowledge: every dump read again.
    const left = leftBy(first);
    for (const source of Object.values(left.cache.sources)) source.knowledge = "other";
    for (const source of left.fingerprints.values()) source.knowledge = "other";
    expect((await pass(dumps, left)).read).toHaveLength(7);
  });

  it("finds what a fresh count finds after any additions, removals and changes", async () => {
    // The lines above and 33 more: each in a few dumps, near a source's threshold.
    const many = [
      ...LINES,
      ...Array.from({ length: 33 }, (_, k) => `سطر متكرر رقم ${k} من الموقع`),
    ];
    const dump = fc
      .array(fc.integer({ min: 0, max: many.length - 1 }), { minLength: 1, maxLength: 4 })
      .map((picked) => picked.map((k) => many[k] as string));
    // Mostly one source: past 60 dumps its threshold rises above 3.
    const folder = fc.constantFrom("", "", "", "a/");
    await fc.assert(
      fc.asyncProperty(
        // Removals can bring a line over a lower threshold.
        fc.array(fc.tuple(folder, dump), { minLength: 1, maxLength: 160, size: "max" }),
        fc.array(fc.tuple(folder, dump), { maxLength: 15 }),
        fc.array(fc.tuple(fc.nat(), fc.option(dump, { freq: 1 })), { maxLength: 100, size: "max" }),
        async (old, added, edits) => {
          const joined = (lines: string[]) => lines.join("\n\n");
          const before = new Map(old.map(([f, lines], n) => [`${f}${n}.txt`, joined(lines)]));
          const after = new Map(before);
          const names = [...before.keys()];
          // An edit changes a dump's lines, or (none) removes it.
          for (const [at, lines] of edits) {
            const name = names[at % names.length] as string;
            if (lines) after.set(name, joined(lines));
            else after.delete(name);
          }
          for (const [n, [f, lines]] of added.entries())
            after.set(`${f}new-${n}.txt`, joined(lines));
          const left = leftBy(await pass(before, nothing));
          const again = await pass(after, left);
          const fresh = await pass(after, nothing);
          expect(sorted(again.result)).toEqual(sorted(fresh.result));
          // Counted from fingerprints alone, the words read for the repeated lines only.
          for (const sparse of [await pass(after, nothing, true), await pass(after, left, true)]) {
            expect(sorted(sparse.result)).toEqual(sorted(fresh.result));
            expect(sparse.result.furnitureHash).toEqual(fresh.result.furnitureHash);
          }
          // What the next run finds of each source (those not counted again, as left before).
          const next = leftBy(again, left).fingerprints;
          for (const [source, known] of fresh.result.fingerprints)
            expect(next.get(source)).toEqual(known);
          // Unchanged dumps are read only for a repeated line's words: at most one a line.
          const unchangedRead = again.read.filter((f) => before.get(f) === after.get(f));
          expect(unchangedRead.length).toBeLessThanOrEqual(many.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("fingerprints a line by its text alone", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(lineFingerprint(a)).toHaveLength(11);
        expect(lineFingerprint(a) === lineFingerprint(b)).toBe(a === b);
      }),
    );
  });
});
