// A half-typed last word: its completions share one idf, so a rare coinage does not outrank the common word being typed.
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";

function paper(id: string, title: string, abstract: string): Paper {
  return { id, title, abstract, authors: [], categories: [], links: {}, sightings: [] };
}

const papers: Paper[] = [
  paper("meant", "Layer normalization", "Recurrent networks train faster."),
  paper("coined", "Layer normquirkiness", "Recurrent networks train faster."),
  // "normalization" is common, so on its own idf it would count far less than the one-off coinage.
  ...Array.from({ length: 40 }, (_, i) =>
    paper(`other-${i}`, `Other paper ${i}`, "Batch normalization of graphs."),
  ),
];

describe("prefix completions", () => {
  const index = SearchIndex.build(papers);

  it("rank the common word being typed above a rare coinage that shares its start", () => {
    const ids = index.search(parseQuery("layer norm"), { limit: 2 }).hits.map((hit) => hit.id);
    expect(ids).toEqual(["meant", "coined"]);
  });

  it("still find the coinage when more of it is typed", () => {
    expect(index.search(parseQuery("layer normquir"), { limit: 1 }).hits[0]?.id).toBe("coined");
  });
});
