// Clipped words: "norm" typed for normalization mid-query, "nets" for networks as the last word.
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";

function paper(id: string, title: string, abstract: string): Paper {
  return { id, title, abstract, authors: [], categories: [], links: {}, sightings: [] };
}

const papers: Paper[] = [
  paper("meant", "Layer normalization", "Recurrent networks train faster with it."),
  ...Array.from({ length: 20 }, (_, i) => paper(`batch-${i}`, `Batch normalization ${i}`, "Images.")),
  paper("gradient", "Gradient norm clipping", "Bounded steps."),
  paper("loss", "Loss landscapes", "Sharp minima."),
  paper("lossless", "Lossless compression", "Codes."),
  // Added last, so on a tie it would come first: the clipped word must break the tie.
  paper("unmeant", "Layer pruning", "Recurrent models train faster with it."),
];

describe("clipped words", () => {
  const index = SearchIndex.build(papers);
  const first = (text: string): string | undefined =>
    index.search(parseQuery(text), { limit: 1, offset: 0 }).hits[0]?.id;

  it("read a short word mid-query as the commoner word it begins", () => {
    expect(first("layer norm recurrent")).toBe("meant");
  });

  it("read a half-typed last word's stem as a start too", () => {
    expect(first("layer recurrent nets")).toBe("meant");
  });

  it("leave a word alone when it is commoner than the words it begins", () => {
    const plan = index.plan(parseQuery("loss landscapes"));
    expect(plan.words[0]).toHaveLength(1);
  });
});
