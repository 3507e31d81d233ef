// Quoted phrases answered from the exact pair index agree with a word-for-word check, through updates and restores.
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { tokenize } from "../../src/search/tokenize.js";
import { loadSeedCorpus } from "../eval/search-seeds.js";

const PHRASES = [
  "mixture of experts",
  "large language models",
  "language models",
  "local sgd",
  "of the",
  "reinforcement learning from human feedback",
  "in this paper we",
  "model merging",
  "the the",
];

/** The papers holding a phrase, by reading every field's words: what the index must agree with. */
function holding(papers: readonly Paper[], phrase: string): string[] {
  const wanted = tokenize(phrase);
  const fields = (paper: Paper): string[][] =>
    [
      paper.title,
      paper.abstract,
      paper.authors.join(" ; "),
      paper.organization ?? "",
      [...(paper.keyphrases ?? []), ...(paper.sourceKeywords ?? [])].join(" ; "),
    ].map(tokenize);
  const has = (words: string[]): boolean =>
    words.some((_, at) => wanted.every((word, k) => words[at + k] === word));
  return papers
    .filter((paper) => fields(paper).some(has))
    .map((paper) => paper.id)
    .sort();
}

function found(index: SearchIndex, query: string): string[] {
  const page = index.search(parseQuery(query), { limit: 100 });
  return page.hits.map((hit) => hit.id).sort();
}

function expectAgreement(index: SearchIndex, papers: readonly Paper[]): void {
  let matched = 0;
  for (const phrase of PHRASES) {
    const expected = holding(papers, phrase);
    matched += expected.length > 0 ? 1 : 0;
    expect(index.search(parseQuery(`"${phrase}"`), { limit: 1 }).total, phrase).toBe(expected.length);
    if (expected.length <= 100) expect(found(index, `"${phrase}"`), phrase).toEqual(expected);
    const excluded = index
      .search(parseQuery(`models -"${phrase}"`), { limit: 100 })
      .hits.map((hit) => hit.id);
    for (const id of excluded) expect(expected).not.toContain(id);
  }
  expect(matched).toBeGreaterThan(PHRASES.length / 2);
}

describe("phrases from the pair index", () => {
  const seeds = [...loadSeedCorpus().all()];

  it("match exactly the papers holding them, word for word", () => {
    expectAgreement(SearchIndex.build(seeds), seeds);
  });

  it("stay exact for papers re-indexed, added and removed after the pairs were built", () => {
    const index = SearchIndex.build(seeds.slice(0, 120));
    const now = [...seeds.slice(0, 120)];
    // Re-indexed: one gains a phrase, one loses its text, one is changed twice.
    const gain = { ...(now[3] as Paper), abstract: "We revisit local sgd for a mixture of experts." };
    const lose = { ...(now[5] as Paper), title: "Untitled", abstract: "Nothing here.", keyphrases: [] };
    const twice = { ...(now[7] as Paper), abstract: "Large language models and model merging." };
    for (const paper of [gain, lose, twice]) index.update(paper);
    const again = { ...twice, abstract: "Only the the words remain." };
    index.update(again);
    now[3] = gain;
    now[5] = lose;
    now[7] = again;
    // Added, and removed.
    for (const paper of seeds.slice(120)) index.add(paper);
    now.push(...seeds.slice(120));
    index.remove(now[10]?.id as string);
    now.splice(10, 1);
    expectAgreement(index, now);
  });

  it("stay exact in an index restored from its snapshot, and after it learns new words", () => {
    const built = SearchIndex.build(seeds);
    const { index } = SearchIndex.restore(built.toSnapshot(), seeds);
    expectAgreement(index, seeds);
    const coined: Paper = {
      ...(seeds[0] as Paper),
      id: "coined",
      title: "Zorbulating Quuxformers",
      abstract: "We zorbulate quuxformers with local sgd.",
    };
    index.add(coined);
    expect(found(index, '"zorbulating quuxformers"')).toEqual(["coined"]);
    expect(found(index, "quuxformer")).toEqual(["coined"]);
    expect(found(index, "zorbul")).toEqual(["coined"]);
    expectAgreement(index, [...seeds, coined]);
  });
});
