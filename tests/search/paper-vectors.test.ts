// The paper vectors' weighing, against a plain restatement of it: the strongest features kept (the earlier on ties), slots ascending, unit length.
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { paperSlots } from "../../src/search/paper-text.js";
import { MAX_FEATURES, PaperVectors } from "../../src/search/paper-vectors.js";
import { summarizedSeedPapers } from "../helpers/core.js";

/** What a paper's row must hold, written the slow obvious way (pairs, stable sorts). */
function expectedRow(paper: Paper, df: Uint32Array, n: number): { slots: number[]; weights: number[] } {
  const idf = (count: number) => Math.log((n + 1) / (count + 1)) + 1;
  let entries = [...paperSlots(paper)].map(([slot, count]): [number, number] => [
    slot,
    (1 + Math.log(count)) * idf(df[slot] as number),
  ]);
  if (entries.length > MAX_FEATURES) entries = entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_FEATURES);
  entries.sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((sum, [, w]) => sum + w * w, 0));
  return {
    slots: entries.map(([slot]) => slot),
    weights: [...Float32Array.from(entries, ([, w]) => w / norm)],
  };
}

describe("paper vectors", () => {
  it("keep each paper's strongest features, the earlier on ties, slots ascending, at unit length", () => {
    // Long abstracts, so many papers have more features than a row keeps.
    const papers = summarizedSeedPapers().map((paper) => ({
      ...paper,
      abstract: `${paper.abstract} ${paper.abstract.split(" ").reverse().join(" ")}`,
    }));
    const vectors = PaperVectors.build(papers);
    const { df, weightedAt } = vectors.toSnapshot();
    let truncated = 0;
    for (const paper of papers) {
      const row = vectors.vector(paper.id);
      const expected = expectedRow(paper, df, weightedAt);
      if (paperSlots(paper).size > MAX_FEATURES) truncated++;
      expect([...(row?.slots ?? [])]).toEqual(expected.slots);
      const weights = [...(row?.weights ?? [])];
      for (const [i, weight] of expected.weights.entries()) expect(weights[i]).toBeCloseTo(weight, 6);
    }
    expect(truncated).toBeGreaterThan(10);
  });

  it("snapshot each row as it stands, after a build and after papers were re-weighed in place", () => {
    const papers = summarizedSeedPapers();
    const vectors = PaperVectors.build(papers);
    const rowsOf = (snapshot: ReturnType<PaperVectors["toSnapshot"]>) =>
      snapshot.ids.map((id, row) => {
        const from = snapshot.offsets[row] as number;
        const to = snapshot.offsets[row + 1] as number;
        return [id, [...snapshot.slots.subarray(from, to)], [...snapshot.weights.subarray(from, to)]];
      });
    const rows = () =>
      papers.map((paper) => {
        const row = vectors.vector(paper.id);
        return [paper.id, [...(row?.slots ?? [])], [...(row?.weights ?? [])]];
      });
    expect(rowsOf(vectors.toSnapshot())).toEqual(rows());
    // Changed papers get new rows at the end of the storage, their old entries left behind.
    vectors.update(papers.slice(3, 9).map((paper) => ({ ...paper, abstract: `${paper.abstract} routing` })));
    const snapshot = vectors.toSnapshot();
    expect(rowsOf(snapshot)).toEqual(rows());
    expect(rowsOf(PaperVectors.fromSnapshot(snapshot).toSnapshot())).toEqual(rows());
  });
});
