/**
 * Arabic text folding shared by tagging, slugs and search.
 *
 * Folding is for *matching* only: the archive always stores and shows the
 * source spelling. Each rule exists because newsrooms (and readers typing a
 * query) write the same word in several ways.
 */

/** Harakat, Quranic marks, superscript alef: never part of a word's identity. */
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;
/** Bidi controls and zero-width characters pasted from web pages. */
const INVISIBLES = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g;

const LETTER_FOLDS: Record<string, string> = {
  // Hamza seats and wasla on alef are written interchangeably.
  "\u0622": "\u0627", // آ
  "\u0623": "\u0627", // أ
  "\u0625": "\u0627", // إ
  "\u0671": "\u0627", // ٱ
  "\u0624": "\u0648", // ؤ → و (مسؤول / مسئول / مسوول)
  "\u0626": "\u064A", // ئ → ي
  // Final alef maqsura and ya are confused in Egyptian print.
  "\u0649": "\u064A", // ى → ي
  // Ta marbuta is often written as ha.
  "\u0629": "\u0647", // ة → ه
  // Persian letters in pasted text.
  "\u06CC": "\u064A", // ی → ي
  "\u06A9": "\u0643", // ک → ك
};

/** Arabic-Indic (U+0660..) and Persian (U+06F0..) digits → ASCII digits. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Removes tatweel and invisible marks (bidi controls, zero-width characters); keeps diacritics. */
export function stripInvisibles(text: string): string {
  return text.replace(TATWEEL, "").replace(INVISIBLES, "");
}

/** Removes diacritics, tatweel and invisible marks; keeps every letter as written. */
export function stripMarks(text: string): string {
  return stripInvisibles(text).replace(DIACRITICS, "");
}

/**
 * What folding does to each UTF-16 code unit: -1 keep, 0 drop (marks,
 * tatweel, invisibles), else the code it becomes (digits, letter folds). One
 * table and one pass: folding every line of every dump is the importer's most
 * frequent step.
 */
const FOLD = (() => {
  const table = new Int32Array(0x10000).fill(-1);
  // Every character the three classes name, read off the classes themselves.
  const dropped = new RegExp(`${DIACRITICS.source}|${TATWEEL.source}|${INVISIBLES.source}`, "g");
  const all = `${String.fromCharCode(...Array.from({ length: 0x3000 }, (_, c) => c))}\uFEFF`;
  for (const m of all.matchAll(dropped)) table[m[0].charCodeAt(0)] = 0;
  for (let d = 0; d < 10; d++) {
    table[0x0660 + d] = 0x30 + d;
    table[0x06f0 + d] = 0x30 + d;
  }
  for (const [from, to] of Object.entries(LETTER_FOLDS))
    table[from.charCodeAt(0)] = to.charCodeAt(0);
  return table;
})();

/**
 * Per UTF-16 code unit: 1 if a text holding it may read differently after
 * NFKC. That is a character NFKC changes on its own (ligatures such as «ǅ»,
 * presentation forms, the high-hamza letters «ٵ»), one that composes onto the
 * character before it (hamza above makes «ە» + «ٔ» one letter «ۀ»), and a
 * mark NFKC may reorder. Marks folding drops anyway are left out, so the
 * tanween of «أيضاً» does not send every Arabic line through NFKC. Surrogates
 * are always asked. Read off the platform's own normaliser (≈15 ms), with
 * foldArabic's own table (quickFoldTable).
 */
let needsNfkcTable: Uint8Array | undefined;
function nfkcTable(): Uint8Array {
  if (needsNfkcTable) return needsNfkcTable;
  const table = new Uint8Array(0x10000);
  const mark = /\p{M}/u;
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) {
      table[code] = 1;
      continue;
    }
    const c = String.fromCharCode(code);
    if (c.normalize("NFKC") !== c || (mark.test(c) && FOLD[code] !== 0)) table[code] = 1;
    const parts = c.normalize("NFD");
    if (parts.length > 1 && parts.normalize("NFC") === c)
      table[parts.charCodeAt(parts.length - 1)] = 1;
  }
  needsNfkcTable = table;
  return table;
}

function needsNfkc(text: string): boolean {
  const table = nfkcTable();
  for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] === 1) return true;
  return false;
}

/**
 * The matching form of a text: NFKC (presentation forms → letters), marks
 * stripped, hamza/alef maqsura/ta marbuta/Persian letters folded, ASCII digits,
 * Latin lower-cased.
 */
export function foldArabic(text: string): string {
  if (quickFold === undefined) {
    foldedBeforeTables += text.length;
    if (foldedBeforeTables < TABLES_FROM) return foldArabicAsSpecified(text);
  }
  const table = quickFoldTable();
  const n = text.length;
  if (foldBuffer.length < n) foldBuffer = new Uint16Array(Math.max(n, 2 * foldBuffer.length));
  const out = foldBuffer;
  let k = 0;
  let changed = false;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const to = table[code] as number;
    if (to === KEEP) out[k++] = code;
    else if (to === SLOW) return foldArabicAsSpecified(text);
    else {
      changed = true;
      if (to !== DROP) out[k++] = to;
    }
  }
  if (!changed) return text;
  if (k > 32 && utf16) return utf16.decode(out.subarray(0, k));
  let folded = "";
  for (let i = 0; i < k; i += 4096)
    folded += String.fromCharCode.apply(
      null,
      out.subarray(i, Math.min(k, i + 4096)) as unknown as number[],
    );
  return folded;
}

/**
 * The fold as specified: NFKC when the text needs it, the fold table, then
 * lower case. foldArabic gives the same, faster (a property test holds them
 * equal); it comes here for texts its table cannot fold alone.
 */
export function foldArabicAsSpecified(text: string): string {
  // NFKC only matters for compatibility characters (presentation forms, ligatures,
  // full-width, NBSP); most text has none, and normalising is the costly step.
  const t = needsNfkcTable === undefined || needsNfkc(text) ? text.normalize("NFKC") : text;
  let out = "";
  let from = 0;
  for (let i = 0; i < t.length; i++) {
    const to = FOLD[t.charCodeAt(i)] as number;
    if (to === -1) continue;
    out += t.slice(from, i);
    if (to !== 0) out += String.fromCharCode(to);
    from = i + 1;
  }
  return (from === 0 ? t : out + t.slice(from)).toLowerCase();
}

const KEEP = -1;
const DROP = 0;
const SLOW = -2;
/**
 * foldArabic's table: what the fold table and then lower case make of each
 * UTF-16 code unit on its own — the whole fold as one lookup a unit, which
 * gives foldArabicAsSpecified's result for nearly every text, about three
 * times faster on whole dumps (folding every line of every dump is the
 * importer's most frequent step). A unit whose result depends on what is
 * around it — anything NFKC may change or compose, a surrogate, Greek
 * capital sigma (final or not) — or that lower-cases to two units (İ) sends
 * the whole text the specified way. A property test holds the two equal on
 * any text. DROP can be 0: no character folds or lower-cases to U+0000.
 * Built with the NFKC table it reads once a program has folded
 * TABLES_FROM code units: 17 ms together in Node, 40 ms and more in a
 * browser, which pays off on the importer's megabytes of text, not on the
 * search page's query and twenty results (folded the specified way, which
 * then asks NFKC of every text).
 */
let quickFold: Int32Array | undefined;
const TABLES_FROM = 1 << 20;
let foldedBeforeTables = 0;
function quickFoldTable(): Int32Array {
  if (quickFold) return quickFold;
  const nfkc = nfkcTable();
  const table = new Int32Array(0x10000).fill(KEEP);
  for (let code = 0; code < 0x10000; code++) {
    const folded = FOLD[code] as number;
    if (nfkc[code] === 1 || code === 0x03a3) table[code] = SLOW;
    else if (folded === 0) table[code] = DROP;
    else {
      const lower = String.fromCharCode(folded === -1 ? code : folded).toLowerCase();
      if (lower.length !== 1) table[code] = SLOW;
      else if (lower.charCodeAt(0) !== code) table[code] = lower.charCodeAt(0);
    }
  }
  quickFold = table;
  return quickFold;
}
/**
 * Builds foldArabic's tables now, for a program that will fold megabytes (an
 * import's worker): folded through the tables from the first text, its code
 * is optimised once with them, not first without and again when the tables
 * arrive (measured: five functions that fold recompiled by V8 at that point).
 */
export function buildFoldTables(): void {
  quickFoldTable();
}
let foldBuffer = new Uint16Array(4096);
// The buffer's code units as text in one call, where the machine stores them little-endian.
const utf16 =
  new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
    ? new TextDecoder("utf-16le", { ignoreBOM: true })
    : undefined;

const WORD_UNIT = /[\p{L}\p{M}\p{N}]/u;
/** Per UTF-16 code unit: 1 a word character, 0 not, -1 not asked yet (learnt on first sight). */
const wordUnits = new Int8Array(0x10000).fill(-1);

/** Whether the character at `i` is a letter, mark or digit (a surrogate pair is asked as its code point). */
export function isWordCharAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdfff) {
    const at = code >= 0xdc00 && i > 0 ? i - 1 : i;
    return WORD_UNIT.test(String.fromCodePoint(text.codePointAt(at) as number));
  }
  let known = wordUnits[code] as number;
  if (known === -1) {
    known = WORD_UNIT.test(String.fromCharCode(code)) ? 1 : 0;
    wordUnits[code] = known;
  }
  return known === 1;
}

/**
 * Words of a text: runs of letters, marks and digits (punctuation and quotes
 * split words) — what `/[\p{L}\p{M}\p{N}]+/gu` matches, found by a table
 * (three times faster: every line of every dump is split into words).
 */
export function words(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isWordCharAt(text, i)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

const CONJUNCTIONS = ["", "و", "ف"];
const PREPOSITIONS = ["", "ب", "ك", "ل"];

/**
 * Readings of a folded word with Arabic proclitics removed: a conjunction
 * (و ف), then a preposition (ب ك ل); «لل» is ل + ال with the alef dropped, so
 * it reads as «ال». The article itself is never removed: «العراق» is matched
 * by «بالعراق» and «للعراق», but «كتبت» (she wrote) is not «التبت» and
 * «رياض الأطفال» is not «الرياض». The word itself is always the first
 * reading, so «بغداد» still matches بغداد. Readings shorter than two letters
 * are dropped: they match too much.
 */
export function proclicticReadings(folded: string): string[] {
  const readings = new Set<string>([folded]);
  for (const conj of CONJUNCTIONS) {
    if (!folded.startsWith(conj)) continue;
    const afterConj = folded.slice(conj.length);
    for (const prep of PREPOSITIONS) {
      if (afterConj.startsWith(prep)) readings.add(afterConj.slice(prep.length));
    }
    if (afterConj.startsWith("لل")) readings.add(`ال${afterConj.slice(2)}`);
  }
  return [...readings].filter((r) => r.length >= 2);
}

/** Key of a (possibly multi-word) name: its folded words. */
export function nameKey(name: string): string[] {
  return words(foldArabic(name));
}
