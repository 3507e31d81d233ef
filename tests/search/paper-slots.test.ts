// A paper's features read off ASCII text in place are the features the split-and-memo path gives (the one reasons use).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PaperContent, paperSlots } from "../../src/search/paper-text.js";
import { summarizedSeedPapers } from "../helpers/core.js";

/** With `names`, paperSlots splits the text into strings as it always did: the oracle. */
function bySplitting(paper: PaperContent): Map<number, number> {
  return paperSlots(paper, new Map());
}

const text = fc
  .array(
    fc.constantFrom(
      "Mixture",
      "of",
      "EXPERTS",
      "the",
      "a",
      "x",
      "2024",
      "v2",
      "gradient-descent",
      "LLaMA3",
      "über",
      ".",
      ", ",
      " ",
      "\t",
      "\u0001",
      "ing",
      "routings",
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(" "));

describe("paperSlots", () => {
  it("gives on made-up text what splitting the text gives", () => {
    fc.assert(
      fc.property(text, text, fc.string({ unit: "binary-ascii" }), (title, abstract, odd) => {
        for (const paper of [
          { id: "p", title, abstract, authors: [], categories: [] },
          { id: "q", title: odd, abstract: `${abstract}${odd}`, authors: [], categories: [] },
        ]) {
          expect([...paperSlots(paper)]).toEqual([...bySplitting(paper)]);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("gives on the seed papers what splitting their text gives", () => {
    for (const paper of summarizedSeedPapers())
      expect([...paperSlots(paper)]).toEqual([...bySplitting(paper)]);
  });
});
