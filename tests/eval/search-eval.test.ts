// Guards search quality: fails when MRR@10 or recall@10 on the seed queries drops below today's figures.
import { describe, expect, it } from "vitest";
import { evaluateSearch } from "./search-eval.js";
import { SEARCH_QUERIES } from "./search-queries.js";

/** The figures reached when the evaluation was written; raise them as search improves. */
const MIN_MRR = 0.97;
const MIN_RECALL = 1;

describe("search relevance on the seeds", () => {
  it("keeps enough queries of every kind", () => {
    expect(SEARCH_QUERIES.length).toBeGreaterThanOrEqual(35);
    const kinds = new Set(SEARCH_QUERIES.map((query) => query.kind));
    expect([...kinds].sort()).toEqual(["acronym", "author", "filter", "partial", "topic", "typo"]);
  });

  it(`reaches MRR@10 ≥ ${MIN_MRR} and recall@10 ≥ ${MIN_RECALL}`, () => {
    const { mrr, recall, outcomes } = evaluateSearch();
    const misses = outcomes
      .filter((outcome) => outcome.rank !== 1)
      .map((o) => `${o.query.query} → ${o.rank}`);
    expect({ mrr, recall, misses }).toMatchObject({
      mrr: expect.toSatisfy((value: number) => value >= MIN_MRR),
      recall: expect.toSatisfy((value: number) => value >= MIN_RECALL),
    });
  });
});
