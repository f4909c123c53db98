import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { words } from "../arabic.ts";
import type { GazetteerEntry } from "../import/gazetteer.ts";
import { repoRoot } from "../paths.ts";

/**
 * A deterministic synthetic archive of raw dumps in the specimen's layout,
 * for the benchmark: masthead, headline, a date line in varied forms (75% of
 * dumps; some through a sidecar instead), body paragraphs of real Arabic
 * vocabulary (the words of the sample and evaluation dumps) with places and
 * organisations from the gazetteer, related headlines and a ticker. The same
 * seed and count always give the same bytes.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = [
  "يناير",
  "فبراير",
  "مارس",
  "أبريل",
  "مايو",
  "يونيو",
  "يوليو",
  "أغسطس",
  "سبتمبر",
  "أكتوبر",
  "نوفمبر",
  "ديسمبر",
];
const LEVANTINE = [
  "كانون الثاني",
  "شباط",
  "آذار",
  "نيسان",
  "أيار",
  "حزيران",
  "تموز",
  "آب",
  "أيلول",
  "تشرين الأول",
  "تشرين الثاني",
  "كانون الأول",
];
const WEEKDAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

/** Arabic words of the repository's real dumps: the vocabulary of the synthetic text. */
export function vocabulary(): string[] {
  const dirs = ["raw", "test/fixtures/eval/dumps", "test/fixtures/eval-heldout/dumps"].map((d) =>
    path.join(repoRoot, d),
  );
  const seen = new Set<string>();
  for (const dir of dirs) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith(".txt")).sort()) {
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path.join(dir, name)));
      } catch {
        continue;
      }
      for (const w of words(text)) if (/^[\u0621-\u064A]{2,}$/.test(w)) seen.add(w);
    }
  }
  return [...seen].sort();
}

export interface CorpusFile {
  name: string;
  text: string;
}

export interface CorpusOptions {
  count: number;
  seed?: number;
  /** First index (for adding dumps to an existing corpus). */
  start?: number;
  /** Years the dates spread over, newest last. */
  years?: [number, number];
  /**
   * A day's bulletin instead of a back catalogue: every dump dated (in its
   * text), within the first three days of this month.
   */
  bulletin?: { year: number; month: number };
}

export function generateCorpus(
  options: CorpusOptions,
  vocab: readonly string[],
  gazetteer: readonly GazetteerEntry[],
): CorpusFile[] {
  const rand = random((options.seed ?? 20251116) + (options.start ?? 0));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const names = gazetteer.filter((e) => e.type !== "person").map((e) => e.name);
  const [firstYear, lastYear] = options.years ?? [2016, 2025];
  const sentence = (min: number, max: number, withName: boolean) => {
    const n = min + Math.floor(rand() * (max - min + 1));
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(rand() < 0.15 ? `و${pick(vocab)}` : pick(vocab));
    if (withName) out.splice(Math.floor(rand() * out.length), 0, `في ${pick(names)}`);
    return out.join(" ");
  };
  const files: CorpusFile[] = [];
  for (let k = 0; k < options.count; k++) {
    const i = (options.start ?? 0) + k;
    const id = `${String(i).padStart(7, "0")}_${Math.floor(rand() * 0xffffffff)
      .toString(16)
      .padStart(8, "0")}`;
    const headline = sentence(6, 12, true);
    const lines = [
      "الرئيس التنفيذي",
      "أشرف الحادي",
      "",
      "رئيس التحرير",
      "فاطمة مهران",
      "",
      headline,
      "",
    ];
    const bulletin = options.bulletin;
    const year = bulletin?.year ?? firstYear + Math.floor(rand() * (lastYear - firstYear + 1));
    const month = bulletin?.month ?? 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * (bulletin ? 3 : 28));
    const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] as string;
    const roll = bulletin ? rand() * 0.6 : rand();
    let sidecar: string | undefined;
    if (roll < 0.6) {
      const forms = [
        `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
        `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`,
        `${weekday} ${day} ${MONTHS[month - 1]} ${year}`,
        `نشر في: ${day} ${LEVANTINE[month - 1]} ${year}`,
        `${String(day).replace(/\d/g, (d) => ARABIC_DIGITS[Number(d)] as string)} ${MONTHS[month - 1]} ${String(year).replace(/\d/g, (d) => ARABIC_DIGITS[Number(d)] as string)}`,
        `${weekday}، ${day} ${MONTHS[month - 1]} ${year} - ${1 + Math.floor(rand() * 11)}:${String(Math.floor(rand() * 60)).padStart(2, "0")} ${rand() < 0.5 ? "ص" : "م"}`,
      ];
      lines.push(pick(forms), "");
    } else if (roll < 0.75) {
      sidecar = `${JSON.stringify({ published: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, url: `https://example.org/news/${i}` }, null, 2)}\n`;
    }
    const paragraphs = 4 + Math.floor(rand() * 5);
    for (let p = 0; p < paragraphs; p++)
      lines.push(`${sentence(25, 60, rand() < 0.5)}.`, "\u00A0", "");
    lines.push("أخبار ذات صلة", "");
    const related = 3 + Math.floor(rand() * 4);
    for (let r = 0; r < related; r++) lines.push(sentence(6, 12, false), "");
    lines.push(
      "آخر الأخبار",
      Array.from({ length: 12 }, () => sentence(6, 10, false))
        .join(" ")
        .slice(0, 1600),
    );
    files.push({ name: `${id}.txt`, text: lines.join("\n") });
    if (sidecar) files.push({ name: `${id}.meta.json`, text: sidecar });
  }
  return files;
}
