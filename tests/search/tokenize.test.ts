// The tokenizer's plain-ASCII shortcut finds exactly the words the Unicode pattern finds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/search/tokenize.js";

/** The tokenizer without its shortcut: what every text went through before. */
function unicodeWords(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:\.\p{N}+)*/gu) ?? []
  );
}

/** ASCII text dense in the characters that decide word boundaries: digits, dots, case, punctuation. */
const asciiText = fc
  .array(
    fc.constantFrom(
      "a",
      "Z",
      "m",
      "0",
      "7",
      ".",
      "..",
      " ",
      "-",
      "_",
      "'",
      "\t",
      "2406.12345",
      "v1.2rc",
      "x.",
      ".5",
    ),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(""));

describe("tokenize", () => {
  it("finds on ASCII text the words the Unicode pattern finds", () => {
    fc.assert(
      fc.property(fc.oneof(asciiText, fc.string({ unit: "binary-ascii" })), (text) => {
        expect(tokenize(text)).toEqual(unicodeWords(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps decimal tails and splits after them, in ASCII text and in any other", () => {
    expect(tokenize("See 2406.12345v2, M2.7b.")).toEqual(["see", "2406.12345", "v2", "m2.7", "b"]);
    expect(tokenize("D²MoE by César, 2.5×")).toEqual(["d2moe", "by", "cesar", "2.5"]);
  });
});
