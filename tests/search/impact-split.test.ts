// The cutoff a broad posting list is split at: read off a sample, it still puts about one posting in `share` in the head.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampledCutoff } from "../../src/search/impact-split.js";

describe("sampledCutoff", () => {
  it("leaves about one weight in `share` above it, and never none while the weights differ", () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 40_000 }),
        fc.integer({ min: 2, max: 32 }),
        (values, share) => {
          const weights = Float32Array.from(values);
          const cutoff = sampledCutoff(weights, share);
          const above = weights.filter((weight) => weight > cutoff).length;
          const distinct = new Set(weights).size > 1;
          if (distinct) expect(above).toBeGreaterThan(0);
          // Where the weights are spread out, the head is near its share (the sample's error, ties aside).
          if (new Set(weights).size === weights.length && weights.length >= 4_096)
            expect(Math.abs(above / weights.length - 1 / share)).toBeLessThan(0.05);
        },
      ),
      { numRuns: 200 },
    );
  });
});
