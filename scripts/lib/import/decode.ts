import { RejectedInput } from "./article.ts";

/**
 * Step 1 of the pipeline: bytes → text. Archives hold dumps saved by many
 * tools over decades: UTF-8 with or without a BOM (a few bad bytes in it are
 * replaced and reported, never a reason to read the whole file otherwise),
 * UTF-16 in either byte order (with or without a BOM), the encoding an HTML
 * page declares, the Arabic single-byte code pages windows-1256 and
 * ISO-8859-6, the Western windows-1252 (and ISO-8859-1, its subset), and
 * "mojibake" — UTF-8 that was once read as windows-1252 or windows-1256 and
 * saved again («Ø§Ù„», «ط§ظ„»). Decoding uses the platform's WHATWG
 * TextDecoder; undeclared code pages are chosen by how the result reads.
 * Every way a file can fail to be text ends here, with one sentence that
 * names the reason.
 */

export interface DecodeOptions {
  maxBytes: number;
  /** The encoding the file itself declares (an HTML page's `<meta charset>`), if any. */
  declared?: string;
}

export interface DecodedDump {
  text: string;
  /** WHATWG name of the encoding the bytes were read as. */
  encoding: string;
  /** Lines repaired from mojibake, and which misreading they undid. */
  repaired?: { lines: number; from: "windows-1252" | "windows-1256" };
  /** 1-based lines where bytes that are not UTF-8 were replaced by U+FFFD. */
  replacedOnLines?: number[];
  /** NUL bytes dropped from a text that is otherwise text. */
  nulsRemoved?: number;
  /** How the encoding was chosen when nothing declared it. */
  guessed?: boolean;
}

/** Share of C0 control characters (other than tab/LF/CR/FF) above which a file is binary. */
const MAX_CONTROL_SHARE = 0.01;
/** Share of NUL bytes above which a file is binary; below it, stray NULs are dropped. */
const MAX_NUL_SHARE = 0.001;
/**
 * A UTF-8 file with a few bad bytes (a stray 0xFF, a truncated character) is
 * still UTF-8: the bad bytes become U+FFFD when at most one in this many of
 * its non-ASCII characters is bad. A Latin-1 or Arabic code-page file has
 * almost no valid multi-byte sequence, so it never passes.
 */
const MAX_BAD_UTF8_SHARE = 0.05;

export function decodeDump(bytes: Uint8Array, options: DecodeOptions): DecodedDump {
  if (bytes.length === 0) throw new RejectedInput("empty file");
  if (bytes.length > options.maxBytes) {
    throw new RejectedInput(
      `too large: ${bytes.length} bytes (the limit is ${options.maxBytes}; a news article dump is far smaller)`,
    );
  }

  let decoded: DecodedDump = decodeBytes(bytes, options.declared);
  const repair = repairMojibake(decoded.text);
  if (repair)
    decoded = {
      ...decoded,
      text: repair.text,
      repaired: { lines: repair.lines, from: repair.from },
    };

  const text = decoded.text.replace(/\r\n?/g, "\n");
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c) controls++;
  }
  if (controls > text.length * MAX_CONTROL_SHARE) {
    throw new RejectedInput("binary file (control characters), not a text dump");
  }
  if (text.trim().length === 0) throw new RejectedInput("empty file (only white space)");
  const replaced = linesWith(text, "\uFFFD");
  return {
    ...decoded,
    text,
    ...(decoded.replacedOnLines && replaced.length > 0 ? { replacedOnLines: replaced } : {}),
  };
}

function linesWith(text: string, ch: string): number[] {
  // Almost every dump has none: one native search instead of a walk by code point.
  if (!text.includes(ch)) return [];
  const out: number[] = [];
  let line = 1;
  let marked = false;
  for (const c of text) {
    if (c === "\n") {
      line++;
      marked = false;
    } else if (c === ch && !marked) {
      out.push(line);
      marked = true;
    }
  }
  return out;
}

function strictDecode(encoding: string, bytes: Uint8Array): string | null {
  try {
    // The decoder removes a BOM of its own encoding.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeBytes(bytes: Uint8Array, declared: string | undefined): DecodedDump {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return utf8WithBom(bytes);
  if (b0 === 0xff && b1 === 0xfe) return utf16OrReject("utf-16le", bytes);
  if (b0 === 0xfe && b1 === 0xff) return utf16OrReject("utf-16be", bytes);
  const utf16 = sniffUtf16(bytes);
  if (utf16) return utf16OrReject(utf16, bytes);
  if (bytes.indexOf(0) >= 0) {
    let nuls = 0;
    for (const b of bytes) if (b === 0) nuls++;
    if (nuls > bytes.length * MAX_NUL_SHARE)
      throw new RejectedInput("binary file (contains NUL bytes), not a text dump");
    return {
      ...decodeBytes(
        bytes.filter((b) => b !== 0),
        declared,
      ),
      nulsRemoved: nuls,
    };
  }

  const utf8 = strictDecode("utf-8", bytes);
  if (utf8 !== null) return { text: utf8, encoding: "utf-8" };

  // What the page says it is, when that is a single-byte or CJK legacy encoding.
  const label = declared ? whatwgEncoding(declared) : undefined;
  if (label && label !== "utf-8") return { text: decodeLegacy(label, bytes), encoding: label };

  // UTF-8 with a few bad bytes: keep it UTF-8, bad bytes as U+FFFD (reported by line).
  const lenient = new TextDecoder("utf-8").decode(bytes);
  let bad = 0;
  let wide = 0;
  for (const ch of lenient) {
    if (ch === "\uFFFD") bad++;
    else if (ch.charCodeAt(0) > 0x7f) wide++;
  }
  if (bad <= (bad + wide) * MAX_BAD_UTF8_SHARE) {
    return { text: lenient, encoding: "utf-8", replacedOnLines: [] };
  }

  // Not UTF-8: one of the Arabic code pages, whichever reads as Arabic.
  const candidates = ["windows-1256", "iso-8859-6"].map((encoding) => {
    const text = new TextDecoder(encoding).decode(bytes);
    return { encoding, text, score: arabicScore(text) };
  });
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best && best.score > 0 && mostlyArabic(best.text)) {
    return { text: best.text, encoding: best.encoding, guessed: true };
  }
  // Or the Western code page, when its letters sit inside words as accented letters do.
  const latin = decodeLegacy("windows-1252", bytes);
  if (readsAsLatin(latin)) return { text: latin, encoding: "windows-1252", guessed: true };
  throw new RejectedInput(
    "unknown encoding: not UTF-8, UTF-16, an encoding the page declares, Arabic (windows-1256, ISO-8859-6) or Western (windows-1252) text",
  );
}

/** The WHATWG name for a charset label («latin1», «ISO-8859-1» → windows-1252), if the platform knows it. */
export function whatwgEncoding(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

/**
 * Decodes a legacy encoding. windows-1252 is decoded by its own table for
 * 0x80–0x9F: Node's decoder gives the C1 controls of ISO-8859-1 there.
 */
function decodeLegacy(encoding: string, bytes: Uint8Array): string {
  const text = new TextDecoder(encoding).decode(bytes);
  if (encoding !== "windows-1252") return text;
  return text.replace(/[\u0080-\u009F]/g, (c) =>
    String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)),
  );
}

/** Western text: most non-ASCII characters are letters next to a letter (é in «café»), and few. */
function readsAsLatin(text: string): boolean {
  const nonAscii = text.match(/[^\u0020-\u007e\s]/gu)?.length ?? 0;
  if (nonAscii === 0) return true;
  const inWords = text.match(/(?<=\p{L})[\u00C0-\u00FF]|[\u00C0-\u00FF](?=\p{L})/gu)?.length ?? 0;
  const letters = text.match(/[A-Za-z]/g)?.length ?? 0;
  return inWords >= 0.6 * nonAscii && nonAscii <= 0.35 * letters;
}

/** The charset an HTML or XML file declares in its first bytes (the HTML prescan, simplified). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("windows-1252").decode(bytes.subarray(0, 4096));
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return meta?.[1];
}

/** After a UTF-8 byte-order mark the file is UTF-8 whatever else it holds: bad bytes become U+FFFD. */
function utf8WithBom(bytes: Uint8Array): DecodedDump {
  const text = strictDecode("utf-8", bytes);
  if (text !== null) return { text, encoding: "utf-8" };
  return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", replacedOnLines: [] };
}

function utf16OrReject(encoding: "utf-16le" | "utf-16be", bytes: Uint8Array): DecodedDump {
  const text = strictDecode(encoding, bytes);
  if (text === null) throw new RejectedInput(`not valid ${encoding.toUpperCase()} text`);
  return { text, encoding };
}

/**
 * UTF-16 without a BOM: in Arabic or Latin text every other byte is a high
 * byte from a handful of values (0x00 for ASCII, 0x06 for Arabic letters), so
 * one byte position is dominated by them and the other is not.
 */
function sniffUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const sample = Math.min(bytes.length, 4096);
  let evenHigh = 0;
  let oddHigh = 0;
  for (let i = 0; i + 1 < sample; i += 2) {
    if (bytes[i] === 0x00 || bytes[i] === 0x06) evenHigh++;
    if (bytes[i + 1] === 0x00 || bytes[i + 1] === 0x06) oddHigh++;
  }
  const pairs = sample / 2;
  if (oddHigh > pairs * 0.7 && evenHigh < pairs * 0.3) return "utf-16le";
  if (evenHigh > pairs * 0.7 && oddHigh < pairs * 0.3) return "utf-16be";
  return null;
}

const ARABIC_LETTER = /[\u0621-\u064A]/g;
const COMMON_WORDS = /(?:^|\s)(?:في|من|على|إلى|الى|أن|ان|عن|مع|التي|الذي|هذا|هذه)(?=\s|$)/g;

/** How much a decoding reads like Arabic prose; negative when it is full of holes. */
function arabicScore(text: string): number {
  const letters = text.match(ARABIC_LETTER)?.length ?? 0;
  const words = text.match(COMMON_WORDS)?.length ?? 0;
  const holes = text.match(/[\uFFFD\u0080-\u009F]/g)?.length ?? 0;
  const latinNoise = text.match(/[\u00C0-\u00FF]/g)?.length ?? 0;
  return letters + 20 * words - 10 * holes - 2 * latinNoise;
}

/** Arabic text in an Arabic code page reads as mostly Arabic letters; Latin-1 text does not. */
function mostlyArabic(text: string): boolean {
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  const latin = text.match(/[A-Za-z\u00C0-\u024F]/g)?.length ?? 0;
  return arabic > 0 && arabic >= 0.6 * (arabic + latin);
}

/**
 * windows-1252's characters for bytes 0x80–0x9F (WHATWG Encoding). Node's
 * TextDecoder("windows-1252") decodes as ISO-8859-1 instead, so the table is
 * written out; the C1 code points ISO-8859-1 gives for those bytes are kept
 * as a second spelling, since tools of both kinds have made mojibake.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

// Byte value of each character of a single-byte code page: the inverse of its decoder.
function inverseCodePage(encoding: "windows-1252" | "windows-1256"): Map<string, number> {
  const map = new Map<string, number>();
  if (encoding === "windows-1252") {
    for (let b = 0; b < 256; b++) map.set(String.fromCharCode(b), b);
    for (const [i, code] of CP1252_HIGH.entries()) map.set(String.fromCharCode(code), 0x80 + i);
    return map;
  }
  const decoder = new TextDecoder(encoding);
  for (let b = 0; b < 256; b++) map.set(decoder.decode(new Uint8Array([b])), b);
  return map;
}

const MISREADINGS = [
  // UTF-8 lead bytes of Arabic (0xD8–0xDB) as windows-1252 letters, then a continuation byte.
  {
    from: "windows-1252" as const,
    leads: /[ØÙÚÛ]/gu,
    signature:
      /[ØÙÚÛ][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013-\u203A\u20AC\u2122]/,
  },
  // The same bytes as windows-1256: ط ظ ع غ then a continuation byte's character.
  {
    from: "windows-1256" as const,
    leads: /[طظعغ]/gu,
    signature:
      /[طظعغ][\u0080-\u00BF\u0152\u0153\u0192\u02C6\u060C\u061B\u061F\u0679\u067E\u0686\u0688\u0691\u0698\u06A9\u06AF\u06BA\u06BE\u2013-\u203A\u20AC\u2122]|[طظعغ](?:\u200C|\u200D)/,
  },
];
const inverses = new Map<string, Map<string, number>>();

/**
 * Undoes "UTF-8 read as a code page and saved again", line by line: a line is
 * re-encoded to the code page's bytes and decoded as UTF-8, and the repair is
 * kept only when that succeeds and the misreading's marks are gone. Genuine
 * Arabic text never passes (its code-page bytes are not valid UTF-8).
 */
export function repairMojibake(
  text: string,
): { text: string; lines: number; from: "windows-1252" | "windows-1256" } | null {
  for (const { from, leads, signature } of MISREADINGS) {
    if (!signature.test(text)) continue;
    let inverse = inverses.get(from);
    if (!inverse) {
      inverse = inverseCodePage(from);
      inverses.set(from, inverse);
    }
    const map = inverse;
    const everywhere = new RegExp(signature.source, "gu");
    const hits = (s: string) => s.match(everywhere)?.length ?? 0;
    let repaired = 0;
    const lines = text.split(/(\r\n|\r|\n)/).map((line) => {
      // Misread Arabic is lead-byte character + continuation character, letter after letter;
      // genuine text has such a pair now and then («ضبط،»), never mostly.
      const pairs = hits(line);
      if (pairs < 2 || pairs < 0.5 * (line.match(leads)?.length ?? 0)) return line;
      const bytes: number[] = [];
      for (const ch of line) {
        const b = map.get(ch);
        if (b === undefined) return line;
        bytes.push(b);
      }
      const fixed = strictDecode("utf-8", new Uint8Array(bytes));
      // Kept only when the misreading's marks go away (and never for pure ASCII, which is its own repair).
      if (fixed === null || fixed === line || hits(fixed) >= hits(line)) return line;
      repaired++;
      return fixed;
    });
    if (repaired > 0) return { text: lines.join(""), lines: repaired, from };
  }
  return null;
}
