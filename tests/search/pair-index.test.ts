// The pair index against a plain restatement: each adjacent word pair lists every document holding it, in order, with where it first occurs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_POSITION, PairIndex, PairIndexBuilder } from "../../src/search/pair-index.js";

/** What `docsOf(a, b)` must give, the slow obvious way: a scan of every text. */
function expectedDocs(texts: readonly (Int32Array | undefined)[], a: number, b: number) {
  const docs: number[] = [];
  const positions: number[] = [];
  texts.forEach((text, doc) => {
    if (!text) return;
    for (let i = 0; i + 1 < text.length; i++) {
      if (text[i] === a && text[i + 1] === b) {
        docs.push(doc);
        positions.push(Math.min(i, NO_POSITION));
        return;
      }
    }
  });
  return { docs, positions };
}

/** Word ids from a small vocabulary, so pairs repeat within and across texts; -1 separates fields. */
const textArbitrary = fc.option(
  fc.array(fc.integer({ min: -1, max: 12 }), { maxLength: 40 }).map((ids) => Int32Array.from(ids)),
  { nil: undefined, freq: 8 },
);

describe("the pair index", () => {
  it("lists each pair's documents in order, each once, with its first position", () => {
    fc.assert(
      fc.property(fc.array(textArbitrary, { maxLength: 30 }), (texts) => {
        const pairs = PairIndex.build(texts);
        for (let a = 0; a <= 12; a++) {
          for (let b = 0; b <= 12; b++) {
            const { docs, positions, more } = pairs.docsOf(a, b);
            expect({ docs: [...docs], positions: [...positions] }).toEqual(expectedDocs(texts, a, b));
            expect(more).toEqual([]);
          }
        }
        // A field separator is never half of a pair.
        expect(pairs.docsOf(-1, 0).docs.length + pairs.docsOf(0, -1).docs.length).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps building past its table's first sizes (hundreds of thousands of distinct pairs)", () => {
    // 700 x 700 distinct pairs grow the table (65,536 slots at first) several times over.
    const texts: Int32Array[] = [];
    for (let doc = 0; doc < 700; doc++) {
      const text = new Int32Array(1_400);
      for (let b = 0; b < 700; b++) {
        text[2 * b] = doc;
        text[2 * b + 1] = 1_000 + b;
      }
      texts.push(text);
    }
    const pairs = PairIndex.build(texts);
    const snapshot = pairs.toSnapshot();
    expect(snapshot?.keys.length).toBe(700 * 700 + 700 * 699);
    expect([...pairs.docsOf(5, 1_003).docs]).toEqual([5]);
    expect([...pairs.docsOf(5, 1_003).positions]).toEqual([6]);
    expect([...pairs.docsOf(1_003, 4).docs]).toEqual([4]);
    expect(pairs.docsOf(1_003, 5).docs.length).toBe(1);
    expect(pairs.docsOf(5, 6).docs.length).toBe(0);
  });

  it("is the same built a text at a time, its sizes unknown, as built from all texts at once", () => {
    fc.assert(
      fc.property(fc.array(textArbitrary, { maxLength: 60 }), (texts) => {
        // Arrays that start at one entry and one text grow while the texts come.
        const builder = new PairIndexBuilder(1, 1);
        for (const text of texts) builder.add(text);
        expect(builder.size).toBe(texts.length);
        // Half of them finish as built, half after their first pass crossed a thread boundary.
        const finished =
          texts.length % 2 === 0
            ? builder.finish()
            : PairIndexBuilder.fromFirstPass(structuredClone(builder.firstPass())).finish();
        expect(finished.toSnapshot()).toEqual(PairIndex.build(texts).toSnapshot());
      }),
      { numRuns: 200 },
    );
  });
});
