import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RejectedInput } from "../../scripts/lib/import/article.ts";
import { decodeDump, repairMojibake } from "../../scripts/lib/import/decode.ts";

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
      "Latin-1 text",
      new Uint8Array(
        [...new TextEncoder().encode("cafe ")].concat([0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65]),
      ),
      /^unknown encoding/,
    ],
    ["too many bytes", new Uint8Array(2 * 1024 * 1024).fill(0x61), /^too large/],
  ])("rejects %s with a reason", (_name, bytes, reason) => {
    expect(() => decode(bytes)).toThrow(RejectedInput);
    expect(() => decode(bytes)).toThrow(reason);
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
