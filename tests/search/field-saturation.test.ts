// A term's weight: part pooled BM25F, part each field saturated alone, so the abstract's evidence is not drowned by the title's.
import { describe, expect, it } from "vitest";
import { FIELD_COUNT, FIELD_WEIGHTS, FIELDS, saturate, termWeight } from "../../src/search/fields.js";

/** Per field, its weight at an average length (length norm 1). */
const norms = FIELDS.map((field) => FIELD_WEIGHTS[field]);
const counts = (title: number, abstract: number): number[] => {
  const row = new Array<number>(FIELD_COUNT).fill(0);
  row[FIELDS.indexOf("title")] = title;
  row[FIELDS.indexOf("abstract")] = abstract;
  return row;
};
const weight = (title: number, abstract: number): number => termWeight(counts(title, abstract), 0, norms, 0);

describe("a term's weight in a paper", () => {
  it("gains more from an abstract that repeats the word than pooled BM25F lets it", () => {
    const pooledGain = saturate(FIELD_WEIGHTS.title + 4) / saturate(FIELD_WEIGHTS.title);
    expect(weight(1, 4) / weight(1, 0)).toBeGreaterThan(pooledGain + 0.05);
  });

  it("still ranks a title word above the same word in the abstract, and grows with every count", () => {
    expect(weight(1, 0)).toBeGreaterThan(weight(0, 1));
    for (let title = 0; title < 3; title++) {
      for (let abstract = 0; abstract < 6; abstract++) {
        expect(weight(title, abstract + 1)).toBeGreaterThan(weight(title, abstract));
        expect(weight(title + 1, abstract)).toBeGreaterThan(weight(title, abstract));
      }
    }
  });

  it("is nothing for a word the paper lacks", () => {
    expect(weight(0, 0)).toBe(0);
  });
});
