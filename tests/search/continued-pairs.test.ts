// A word typed in part after another: the papers that hold the pair with its likeliest completion in a row rank first.
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";

function paper(id: string, title: string, abstract: string): Paper {
  return { id, title, abstract, authors: [], categories: [], links: {}, sightings: [] };
}

const papers: Paper[] = [
  paper("in-a-row", "Stabilizing training", "We apply layer normalization to recurrent networks."),
  ...Array.from({ length: 40 }, (_, i) => paper(`filler-${i}`, `Graph paper ${i}`, "Node embeddings.")),
  paper("normalized-elsewhere", "Normalization of neural networks", "Hidden layers of recurrent networks."),
  // Added last, so a tie on the words alone would put them first.
  paper("apart", "Stabilizing training", "Normalization applied to each layer of recurrent networks."),
];

describe("a pair whose second word is typed in part", () => {
  const index = SearchIndex.build(papers);
  const ids = (text: string): string[] =>
    index.search(parseQuery(text), { limit: 3, offset: 0 }).hits.map((hit) => hit.id);

  it("counts with the completion that follows the first word in the papers", () => {
    expect(ids("layer norm")[0]).toBe("in-a-row");
    expect(ids("layer norm recurrent")[0]).toBe("in-a-row");
  });

  it("gives no pair credit when nothing completes the word", () => {
    const plan = index.plan(parseQuery("layer zzz"));
    expect(plan.continued).toEqual([]);
  });
});
