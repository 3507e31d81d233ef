// The heap selection of a paper's strongest features keeps exactly what a stable sort, strongest first, cut at k keeps.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { strongest } from "../../src/search/strongest.js";

/** The obvious way: indexes sorted by weight, strongest first, the lower index first among equals, cut at `keep`. */
function bySorting(weights: readonly number[], keep: number): number[] {
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  return order.slice(0, Math.max(0, keep)).sort((a, b) => a - b);
}

describe("strongest", () => {
  it("keeps the indexes a stable sort cut at k keeps, ties to the earlier", () => {
    // Few distinct weights, so ties are common.
    const weight = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 10, noNaN: true }));
    fc.assert(
      fc.property(fc.array(weight, { maxLength: 300 }), fc.integer({ min: 0, max: 120 }), (weights, keep) => {
        const out = new Int32Array(Math.max(keep, 1));
        const kept = strongest(Float64Array.from(weights), weights.length, keep, out);
        expect(kept).toBe(Math.min(keep, weights.length));
        expect([...out.subarray(0, kept)].sort((a, b) => a - b)).toEqual(bySorting(weights, keep));
      }),
      { numRuns: 2000 },
    );
  });
});
