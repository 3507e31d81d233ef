// The bulk build's word reader gives a text's words exactly as tokenize does, on ASCII text and on text with other characters in it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIELD_BREAK } from "../../src/search/doc-record.js";
import { tokenize } from "../../src/search/tokenize.js";
import { Vocabulary } from "../../src/search/vocabulary.js";
import { WordIds } from "../../src/search/word-ids.js";

/** Pieces that take every path: accents, compatibility forms, final and inner sigma, dotted I, marks at a piece's edge, other spaces. */
const PIECES = [
  "Mixture",
  "of",
  "EXPERTS",
  "2406.12345",
  "m2.7",
  "x.",
  ".5",
  "César",
  "D²MoE",
  "ΟΔΟΣ",
  "Σ",
  "ΑΣ.",
  "ΑΣ'Β",
  "İstanbul",
  "ﬁne",
  "½",
  "\u0301",
  "e\u0301",
  "ε",
  "Ø",
  "Ω",
  "über",
  "\u00a0",
  "\u2009",
  "—",
  "all-reduce",
  "GPT-4o",
];
const SEPARATORS = ["", " ", "  ", "\t", "\n", "\r\n", "-", ".", ", ", " ; "];
const text = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 20 })
  .map((parts) => parts.map(([piece, separator]) => piece + separator).join(""));

/** The words, as strings, that WordIds finds in the fields, FIELD_BREAK as "|". */
function read(fields: readonly string[]): string[] {
  const vocabulary = new Vocabulary();
  const ids = new WordIds(vocabulary).text(fields);
  return [...ids].map((id) => (id === FIELD_BREAK ? "|" : vocabulary.surfaceWord(id)));
}

function byTokenize(fields: readonly string[]): string[] {
  return fields.flatMap((field, f) => [...(f > 0 ? ["|"] : []), ...tokenize(field)]);
}

describe("WordIds", () => {
  it("reads the words tokenize reads, whatever characters the text holds", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (fields) => {
        expect(read(fields)).toEqual(byTokenize(fields));
      }),
      { numRuns: 3000 },
    );
  });

  it("reads arbitrary text as tokenize does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme-composite" }), { minLength: 1, maxLength: 3 }),
        (fields) => {
          expect(read(fields)).toEqual(byTokenize(fields));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
