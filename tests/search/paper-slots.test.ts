// A paper's features read off ASCII text in place, or off the search index's words of it, are the features the split-and-memo path gives (the one reasons use).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { FIELD_BREAK, fieldTexts } from "../../src/search/doc-record.js";
import {
  type PaperContent,
  PaperTokens,
  paperSlots,
  SlotCounts,
  surfaceTokenHash,
} from "../../src/search/paper-text.js";
import { Vocabulary } from "../../src/search/vocabulary.js";
import { WordIds } from "../../src/search/word-ids.js";
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

/** The search index's words of a paper's texts, as its bulk build reads them, and which texts were plain. */
function indexWords(paper: PaperContent): { ids: Int32Array; plain: boolean; tokenHashes: Int32Array } {
  const vocabulary = new Vocabulary();
  const words = new WordIds(vocabulary);
  const ids = words.text(fieldTexts({ ...paper, keyphrases: paper.keyphrases ?? [] } as Paper));
  const tokenHashes = Int32Array.from({ length: vocabulary.surfaceCount }, (_, id) =>
    surfaceTokenHash(vocabulary.surfaceWord(id)),
  );
  return { ids, plain: (words.plainTexts & 3) === 3, tokenHashes };
}

/** countWords over the index's words of the paper's title and abstract. */
function fromWords(paper: PaperContent): [number, number][] | undefined {
  const { ids, plain, tokenHashes } = indexWords(paper);
  if (!plain) return undefined;
  const titleEnd = ids.indexOf(FIELD_BREAK);
  const abstractEnd = ids.indexOf(FIELD_BREAK, titleEnd + 1);
  const words = { ids, titleStart: 0, titleEnd, abstractStart: titleEnd + 1, abstractEnd };
  const tokens = new PaperTokens();
  tokens.addWords(paper, words, tokenHashes);
  return slotsOf(tokens.count(0, new SlotCounts()));
}

function fromText(paper: PaperContent): [number, number][] {
  return slotsOf(new SlotCounts().count(paper));
}

/** The slots counted, first seen first, with their sums. */
function slotsOf(counts: SlotCounts): [number, number][] {
  return [...counts.slots.subarray(0, counts.size)].map((slot) => [slot, counts.sums[slot] as number]);
}

/** Text where the index's words and this file's tokens part ways, if anywhere: dots, digits, letters run together. */
const dotted = fc
  .array(
    fc.constantFrom(
      "2.7B",
      "2.7 B",
      "v2.0",
      "9.5",
      "e.g.",
      "3.14x",
      ".5",
      "1.",
      "a.1.2b",
      "gpt4.5.1",
      "x",
      "of",
    ),
    { maxLength: 12 },
  )
  .chain((parts) => fc.constantFrom(parts.join(" "), parts.join(""), parts.join("-")));

describe("PaperTokens", () => {
  it("counts from the index's words what counting the text gives, whenever the index calls the text plain", () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.oneof(text, dotted), fc.oneof(text, dotted), (title, abstract) => {
        const paper = {
          id: "p",
          title,
          abstract,
          authors: ["Ada Lovelace"],
          categories: ["cs.LG"],
          keyphrases: ["mixture of experts"],
        };
        const words = fromWords(paper);
        if (words === undefined) return;
        plain++;
        expect(words).toEqual(fromText(paper));
      }),
      { numRuns: 800 },
    );
    // Many made-up texts are plain: the property is not held by skipping.
    expect(plain).toBeGreaterThan(160);
  });

  it("calls a text with a tail run on into letters, or with a character outside ASCII, not plain", () => {
    const paper = (abstract: string) => ({
      id: "p",
      title: "Local SGD",
      abstract,
      authors: [],
      categories: [],
    });
    expect(fromWords(paper("A 2.7 B model, v2.0, 9.5 points."))).toEqual(
      fromText(paper("A 2.7 B model, v2.0, 9.5 points.")),
    );
    expect(fromWords(paper("A 2.7B model."))).toBeUndefined();
    expect(fromWords(paper("A naïve model."))).toBeUndefined();
  });

  it("counts the seed papers' words as their text", () => {
    let plain = 0;
    for (const paper of summarizedSeedPapers()) {
      const words = fromWords(paper);
      if (words === undefined) continue;
      plain++;
      expect(words).toEqual(fromText(paper));
    }
    expect(plain).toBeGreaterThan(100);
  });

  it("counts each of many papers read from their text, in any order, as counting its text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(text, dotted), text), { minLength: 1, maxLength: 8 }),
        (texts) => {
          const papers = texts.map(([title, abstract], i) => ({
            id: `p${i}`,
            title,
            abstract,
            authors: i % 2 ? ["Ada Lovelace", " "] : [],
            categories: ["cs.LG"],
            keyphrases: i % 3 ? ["mixture of experts", "the"] : undefined,
            organization: i % 2 ? "DeepMind" : undefined,
          }));
          const tokens = new PaperTokens();
          for (const paper of papers) tokens.addText(paper);
          const counts = new SlotCounts();
          for (let i = papers.length - 1; i >= 0; i--)
            expect(slotsOf(tokens.count(i, counts))).toEqual(fromText(papers[i] as PaperContent));
        },
      ),
      { numRuns: 150 },
    );
  });
});
