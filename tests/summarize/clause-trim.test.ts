import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trimAtClause } from "../../src/summarize/clause-trim.js";

describe("trimAtClause", () => {
  const sentence =
    "We propose FooNet, a sparse mixture of experts model for long documents, which routes tokens by topic and cuts inference cost in half.";

  it("returns a sentence that fits unchanged", () => {
    expect(trimAtClause(sentence, 500)).toBe(sentence);
  });

  it("cuts at the last clause boundary that fits and adds an ellipsis", () => {
    expect(trimAtClause(sentence, 100)).toBe(
      "We propose FooNet, a sparse mixture of experts model for long documents…",
    );
  });

  it("does not cut inside parentheses", () => {
    const text =
      "We study local SGD with many workers (where each worker, in turn, runs many local steps) and prove bounds.";
    const out = trimAtClause(text, 80);
    expect(out).toBe("We study local SGD with many workers…");
  });

  it("falls back to a word boundary when no clause boundary fits", () => {
    const out = trimAtClause("Supercalifragilistic expialidocious words everywhere here now", 30);
    expect(out).toBe("Supercalifragilistic…");
  });

  it("gives nothing rather than half a word", () => {
    expect(trimAtClause("Pneumonoultramicroscopicsilicovolcanoconiosis is long.", 10)).toBe("");
  });

  it("never exceeds the limit and never ends mid-word", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 120 }), (text, max) => {
        const out = trimAtClause(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (out.endsWith("…")) {
          const kept = out.slice(0, -1);
          expect(text.trim().startsWith(kept)).toBe(true);
          const next = text.trim().charAt(kept.length);
          expect(next === "" || /[\s,;:\-–—]/.test(next) || !/[\p{L}\p{N}]/u.test(next)).toBe(true);
        }
      }),
    );
  });
});
