import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BodyWords } from "../../scripts/lib/import/text/headline.ts";

/**
 * What a headline's word shares with the article, as specified: the word
 * itself; a body word that is it with one or two letters in front (a
 * proclitic); a body word with the same beginning of four letters or more,
 * up to the word's last two letters.
 */
function shares(body: readonly string[], word: string): boolean {
  if (body.includes(word)) return true;
  if (word.length < 5) return false;
  const stem = word.slice(0, Math.max(4, word.length - 2));
  return body.some(
    (w) =>
      (w.length >= 6 && w.slice(1) === word) ||
      (w.length >= 7 && w.slice(2) === word) ||
      (w.length >= 4 && w.slice(0, 4) === word.slice(0, 4) && w.startsWith(stem)),
  );
}

/** Words of a few letters, so that beginnings and endings meet often. */
const word = fc
  .array(fc.constantFrom(..."والحكمةt"), { minLength: 1, maxLength: 9 })
  .map((letters) => letters.join(""));

describe("a headline's words in the article (BodyWords)", () => {
  it("shares a word with the article as specified", () => {
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 40 }),
        fc.array(word, { maxLength: 10 }),
        (body, other) => {
          const words = new BodyWords(body);
          // Words near the article's: without letters in front, cut short, with another ending.
          const near = body.flatMap((w) => [
            w.slice(1),
            w.slice(2),
            w.slice(3),
            w.slice(0, -1),
            `${w.slice(0, -2)}ت`,
          ]);
          for (const w of [...other, ...near]) expect(words.has(w)).toBe(shares(body, w));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("finds a word after a proclitic, and a word by its beginning", () => {
    const words = new BodyWords(["والحكومه", "talking", "وزير"]);
    expect(words.has("الحكومه")).toBe(true); // والحكومه, one letter in front
    expect(words.has("talks")).toBe(true); // talking, the same beginning up to its last letter
    expect(words.has("talk")).toBe(false); // four letters: only the word itself
    expect(words.has("حكومات")).toBe(false);
  });
});
