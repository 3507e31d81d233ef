// Abbreviations learned from the papers: "rl" finds a paper that only writes "reinforcement learning", and nothing is made up.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { learnExpansion, mayAbbreviate } from "../../src/search/abbreviations.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { isStopWord } from "../../src/search/stop-words.js";
import { tokenize } from "../../src/search/tokenize.js";

function paper(id: string, title: string, abstract: string): Paper {
  return { id, title, abstract, authors: [], categories: [], links: {}, sightings: [] };
}

const papers: Paper[] = [
  // Two papers define the abbreviations, so the corpus teaches them.
  paper(
    "defines-1",
    "Agents at work",
    "We study reinforcement learning (RL) and a mixture of experts (MoE) router.",
  ),
  paper(
    "defines-2",
    "Routers",
    "Mixture of experts (MoE) models trained with reinforcement learning (RL) agents.",
  ),
  // Only the words, never the abbreviation: what a query "rl" should also find.
  paper("spelled", "Robot arms", "Reinforcement learning of grasping for robot arms."),
  paper("apart", "Robot hands", "Learning of grasping for robot hands, with reinforcement from people."),
  paper("dp-once", "Private counts", "Differentially private (DP) counting of streams."),
  ...Array.from({ length: 30 }, (_, i) =>
    paper(`other-${i}`, `Other paper ${i}`, "Unrelated text about graphs."),
  ),
];

const ids = (index: SearchIndex, text: string): string[] =>
  index.search(parseQuery(text), { limit: 10 }).hits.map((hit) => hit.id);

describe("abbreviations learned from the corpus", () => {
  const index = SearchIndex.build(papers);

  it("let an abbreviation find a paper that only writes the words out, in a row", () => {
    expect(new Set(ids(index, "rl"))).toEqual(new Set(["defines-1", "defines-2", "spelled"]));
    expect(ids(index, "rl robot")[0]).toBe("spelled");
  });

  it("learn only what at least two papers write out", () => {
    const source = sourceOf(papers);
    expect(words(learnExpansion("rl", source, isStopWord), source)).toBe("reinforcement learning");
    expect(words(learnExpansion("moe", source, isStopWord), source)).toBe("mixture of experts");
    expect(learnExpansion("dp", source, isStopWord)).toBeUndefined();
    expect(learnExpansion("robot", source, isStopWord)).toBeUndefined();
  });

  it("hold after a round trip through a snapshot", () => {
    const { index: restored } = SearchIndex.restore(index.toSnapshot(), papers);
    expect(ids(restored, "rl robot")).toContain("spelled");
  });

  it("read only short words of letters as abbreviations, and never throw on any text", () => {
    expect(mayAbbreviate("moe")).toBe(true);
    expect(mayAbbreviate("transformer")).toBe(false);
    expect(mayAbbreviate("gpt4")).toBe(false);
    const source = sourceOf(papers);
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (word) => {
        const expansion = learnExpansion(word, source, isStopWord);
        expect(expansion === undefined || expansion.length >= 2).toBe(true);
      }),
    );
  });
});

/** A learning source over the papers' words, as the index gives it. */
function sourceOf(all: readonly Paper[]) {
  const ids = new Map<string, number>();
  const surfaces: string[] = [];
  const texts = all.map((p) =>
    Int32Array.from(tokenize(`${p.title} ${p.abstract}`), (word) => {
      if (!ids.has(word)) {
        ids.set(word, surfaces.length);
        surfaces.push(word);
      }
      return ids.get(word) as number;
    }),
  );
  return {
    surfaceId: (word: string) => ids.get(word),
    surfaceWord: (id: number) => surfaces[id] ?? "",
    textsWith: (id: number, max: number) => texts.filter((text) => text.includes(id)).slice(0, max),
  };
}

function words(expansion: number[] | undefined, source: ReturnType<typeof sourceOf>): string | undefined {
  return expansion?.map((id) => source.surfaceWord(id)).join(" ");
}
