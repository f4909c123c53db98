import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RejectedInput } from "../../scripts/lib/import/article.ts";
import { declaredCharset, decodeDump, repairMojibake } from "../../scripts/lib/import/decode.ts";

const ARABIC =
  "انسحاب القوات الأمريكية من بغداد، في إطار الاتفاق بين العراق وواشنطن على إنهاء المهمة.";
const options = { maxBytes: 1024 * 1024 };
const decode = (bytes: Uint8Array) => decodeDump(bytes, options);

/** Bytes of a text in a single-byte code page, by inverting the platform's decoder. */
function encodeSingleByte(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(decoder.decode(new Uint8Array([b])), b);
  return new Uint8Array(
    [...text].map((ch) => {
      const b = map.get(ch);
      if (b === undefined) throw new Error(`${ch} not in ${encoding}`);
      return b;
    }),
  );
}

/** windows-1252 bytes, written out: Node's decoder reads that label as ISO-8859-1. */
const CP1252_EXTRA: Record<string, number> = {
  "€": 0x80,
  "„": 0x84,
  "–": 0x96,
  "“": 0x93,
  "”": 0x94,
};
function encode1252(text: string): Uint8Array {
  return new Uint8Array(
    [...text].map((ch) => {
      const code = CP1252_EXTRA[ch] ?? ch.charCodeAt(0);
      if (code > 0xff) throw new Error(`${ch} not in windows-1252`);
      return code;
    }),
  );
}

function utf16(text: string, order: "le" | "be", bom: boolean): Uint8Array {
  const out: number[] = bom ? (order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(...(order === "le" ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return new Uint8Array(out);
}

describe("decoding dumps", () => {
  it("reads UTF-8 with and without a BOM, and every line ending as LF", () => {
    const utf8 = new TextEncoder().encode(`عنوان\r\nسطر\rآخر\n${ARABIC}`);
    expect(decode(utf8).text).toBe(`عنوان\nسطر\nآخر\n${ARABIC}`);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decode(withBom)).toMatchObject({
      text: `عنوان\nسطر\nآخر\n${ARABIC}`,
      encoding: "utf-8",
    });
  });

  it.each([
    ["UTF-16LE with BOM", utf16(ARABIC, "le", true), "utf-16le"],
    ["UTF-16BE with BOM", utf16(ARABIC, "be", true), "utf-16be"],
    ["UTF-16LE without BOM", utf16(ARABIC, "le", false), "utf-16le"],
    ["UTF-16BE without BOM", utf16(ARABIC, "be", false), "utf-16be"],
    ["windows-1256", encodeSingleByte(ARABIC, "windows-1256"), "windows-1256"],
    ["ISO-8859-6", encodeSingleByte(ARABIC.replace("،", "،"), "iso-8859-6"), "iso-8859-6"],
  ])("reads %s", (_name, bytes, encoding) => {
    const decoded = decode(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(ARABIC);
  });

  it("tells windows-1256 from ISO-8859-6 on text that only one of them reads as Arabic", () => {
    // Persian پ and ، exist at different bytes in the two code pages.
    const text =
      "وقال الوزير، في مؤتمر صحفي عقده في العاصمة، إن الحكومة ستعلن خطة جديدة لدعم المزارعين.";
    expect(decode(encodeSingleByte(text, "windows-1256"))).toMatchObject({
      encoding: "windows-1256",
      text,
    });
    expect(decode(encodeSingleByte(text, "iso-8859-6"))).toMatchObject({
      encoding: "iso-8859-6",
      text,
    });
  });

  it.each([
    ["windows-1252", "Ø§Ù„"],
    ["windows-1256", "ط§ظ„"],
  ])("repairs UTF-8 that was misread as %s («%s…»)", (encoding, signature) => {
    const mojibake = new TextDecoder(encoding).decode(
      new TextEncoder().encode(`${ARABIC}\nسطر ثان`),
    );
    expect(mojibake.startsWith(signature.slice(0, 2))).toBe(true);
    const decoded = decode(new TextEncoder().encode(mojibake));
    expect(decoded.text).toBe(`${ARABIC}\nسطر ثان`);
    expect(decoded.repaired).toEqual({ lines: 2, from: encoding });
  });

  it("never 'repairs' genuine Arabic, whatever words and punctuation it has", () => {
    const word = fc.constantFrom(
      "ضبط",
      "حفظ",
      "وضع",
      "بلغ",
      "خط",
      "الشرط",
      "طالب",
      "ظل",
      "عمل",
      "غزة",
      "في",
      "من",
      "الأمن",
      "قال",
      "“",
      "”",
      "«",
      "»",
      "،",
      "؛",
      "؟",
      "…",
      "§",
      "„",
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, fc.constantFrom("", " ", "، ", "“", "” ")), { maxLength: 20 }),
        (parts) => {
          const text = parts.map(([w, sep]) => w + sep).join("");
          expect(repairMojibake(text)).toBeNull();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["an empty file", new Uint8Array(), /^empty file$/],
    ["white space only", new TextEncoder().encode(" \u00A0\n\t"), /^empty file/],
    [
      "a PNG",
      new Uint8Array([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
      ]),
      /^binary file/,
    ],
    [
      "bytes that read as no language in any code page",
      new Uint8Array([0x80, 0x8f, 0xa4, 0x20, 0xbf, 0xd7, 0x20, 0xf7, 0xb6, 0x20, 0x9d, 0x81]),
      /^unknown encoding/,
    ],
    ["too many bytes", new Uint8Array(2 * 1024 * 1024).fill(0x61), /^too large/],
  ])("rejects %s with a reason", (_name, bytes, reason) => {
    expect(() => decode(bytes)).toThrow(RejectedInput);
    expect(() => decode(bytes)).toThrow(reason);
  });

  it("reads an undeclared Western text as windows-1252, and says it guessed", () => {
    const text = "Die Schüler äußern sich über das Café – „gut“, sagt Jörg.";
    expect(decode(encode1252(text))).toMatchObject({
      text,
      encoding: "windows-1252",
      guessed: true,
    });
  });

  it("reads a page in the encoding it declares (Latin-1 labels mean windows-1252)", () => {
    const text = "Über „Kühe“ – 5 €";
    const bytes = encode1252(text);
    expect(decodeDump(bytes, { ...options, declared: "ISO-8859-1" })).toMatchObject({
      text,
      encoding: "windows-1252",
    });
    const cyrillic = encodeSingleByte("Новости дня", "windows-1251");
    expect(decodeDump(cyrillic, { ...options, declared: "windows-1251" }).text).toBe("Новости дня");
  });

  it("finds the charset a page declares in its first bytes", () => {
    const head = (s: string) => new TextEncoder().encode(s);
    expect(declaredCharset(head('<html><head><meta charset="iso-8859-15">'))).toBe("iso-8859-15");
    expect(
      declaredCharset(
        head('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'),
      ),
    ).toBe("windows-1256");
    expect(declaredCharset(head('<?xml version="1.0" encoding="ISO-8859-1"?>'))).toBe("ISO-8859-1");
    expect(declaredCharset(head("<html><head><title>x</title>"))).toBeUndefined();
  });

  it("keeps UTF-8 with a few bad bytes UTF-8: the bad bytes become U+FFFD, their lines are named", () => {
    const good = new TextEncoder().encode(`${ARABIC}\n${ARABIC}\nسطر ثالث`);
    // One stray 0xFF in the second line (as in a real dump); the rest stays Arabic.
    const at = good.indexOf(0x0a) + 5;
    const bytes = new Uint8Array([...good.slice(0, at), 0xff, ...good.slice(at)]);
    const decoded = decode(bytes);
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.replacedOnLines).toEqual([2]);
    expect(decoded.text.split("\n")[0]).toBe(ARABIC);
    expect(decoded.text).toContain("\uFFFD");
    expect(decoded.text).not.toMatch(/ط§ظ/);
  });

  it("drops a few stray NUL bytes from a text, and rejects a file full of them", () => {
    const text = new TextEncoder().encode(ARABIC.repeat(20));
    const withNul = new Uint8Array([...text.slice(0, 10), 0, ...text.slice(10)]);
    expect(decode(withNul)).toMatchObject({ text: ARABIC.repeat(20), nulsRemoved: 1 });
    expect(() => decode(new Uint8Array([0x41, 0, 0x42, 0, 0x43, 0, 0x0a, 0x44, 0, 0]))).toThrow(
      /binary|UTF-16/,
    );
  });

  it("never throws anything but a rejection, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          const { text } = decode(bytes);
          expect(typeof text).toBe("string");
        } catch (error) {
          expect(error).toBeInstanceOf(RejectedInput);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
