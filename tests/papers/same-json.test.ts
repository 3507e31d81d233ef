import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanLatex } from "../../src/papers/clean-latex.js";
import { normalizeTitle } from "../../src/papers/ids.js";
import { sameJson } from "../../src/papers/same-json.js";

const runs = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 300;

describe("comparing papers without serializing them", () => {
  it("agrees with comparing their JSON text", () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    // Pairs that are often equal or nearly so, not only unrelated values.
    const pair = fc.oneof(
      fc.tuple(value, value),
      value.map((v) => [v, JSON.parse(JSON.stringify(v))] as const),
      value.chain((v) => fc.tuple(fc.constant(v), fc.constant({ wrapped: v, extra: 1 }))),
    );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
      { numRuns: runs },
    );
  });

  it("counts key order and ignores undefined values, as JSON text does", () => {
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: [1, { c: "x" }] }, { a: [1, { c: "x" }] })).toBe(true);
    expect(sameJson({ a: [1] }, { a: { 0: 1 } })).toBe(false);
  });
});

describe("normalizing titles", () => {
  it("gives an ASCII title the key the full Unicode path gives", () => {
    const unicodePath = (title: string) =>
      cleanLatex(title)
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, " ")
        .trim();
    const ascii = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
    fc.assert(
      fc.property(ascii, (title) => {
        expect(normalizeTitle(title)).toBe(unicodePath(title));
      }),
      { numRuns: runs },
    );
    expect(normalizeTitle("Théorie des Jeux: ÉTUDE")).toBe("theorie des jeux etude");
  });
});
