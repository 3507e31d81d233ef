// Words side by side: a paper holding the query's words in a row, or a glued word's halves in a row, ranks above one holding them apart.
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";

function paper(id: string, title: string, abstract: string): Paper {
  return { id, title, abstract, authors: [], categories: [], links: {}, sightings: [] };
}

// Each pair of papers holds the same words as often, in fields of the same length: only the order
// differs. The papers in a row come first, so a tie (which goes to the later paper) cannot favour them.
const papers: Paper[] = [
  paper("row-1", "Training noise reduce", "We all-reduce the noise of training for communication."),
  paper("apart-1", "Training reduce noise", "We reduce all the noise of training for communication."),
  paper("row-2", "Models of local steps", "Models take local steps; nothing here is about rounds."),
  paper("apart-2", "Steps of local models", "Local models take steps; nothing here is about rounds."),
  // Enough others that the pairs are rare, as they are in a real corpus.
  ...Array.from({ length: 40 }, (_, i) =>
    paper(`other-${i}`, `Other paper ${i}`, "Unrelated text about graphs."),
  ),
];

const top = (index: SearchIndex, text: string): string | undefined =>
  index.search(parseQuery(text), { limit: 1 }).hits[0]?.id;

describe("adjacent query words", () => {
  const index = SearchIndex.build(papers);

  it("rank the paper that has them in a row first", () => {
    expect(top(index, "local steps")).toBe("row-2");
    expect(top(index, "all reduce")).toBe("row-1");
  });

  it("count a glued word's halves in a row: allreduce meets all-reduce", () => {
    expect(top(index, "allreduce training")).toBe("row-1");
  });

  it("still find papers that hold the words apart", () => {
    const ids = index.search(parseQuery("local steps"), { limit: 10 }).hits.map((hit) => hit.id);
    expect(ids).toEqual(["row-2", "apart-2"]);
  });

  it("hold after a round trip through a snapshot", () => {
    const { index: restored } = SearchIndex.restore(index.toSnapshot(), papers);
    expect(top(restored, "all reduce")).toBe("row-1");
    expect(top(restored, "allreduce training")).toBe("row-1");
  });
});
