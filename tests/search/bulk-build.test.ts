// Building the index from all papers at once leaves exactly what adding them one at a time leaves: same snapshot, same answers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { paperFingerprints } from "../../src/search/fingerprint.js";
import { parseQuery } from "../../src/search/query.js";
import { type IndexSnapshot, SearchIndex } from "../../src/search/search-index.js";
import { WARM_UP_QUERIES } from "../../src/search/warm-up.js";
import { loadSeedCorpus } from "../eval/search-seeds.js";

/** The index as `add` makes it, one paper at a time: what `build` did before it filled in bulk. */
function oneByOne(papers: readonly Paper[]): SearchIndex {
  const index = SearchIndex.build([]);
  for (const paper of papers) index.add(paper);
  return index;
}

/** A snapshot without its phrase pairs (a paper added after a build waits outside them, by design). */
function contents(index: SearchIndex): Omit<IndexSnapshot, "pairs" | "fill"> {
  const { pairs: _pairs, fill: _fill, ...rest } = index.toSnapshot();
  return rest;
}

/** Whether the snapshot lists every word, and every term, once and in code-unit order of their strings. */
function inStringOrder(vocabulary: IndexSnapshot["vocabulary"]): boolean {
  const ordered = (order: Int32Array, strings: readonly string[]) =>
    order.length === strings.length &&
    new Set(order).size === strings.length &&
    order.every((id, i) => i === 0 || (strings[order[i - 1] as number] as string) < (strings[id] as string));
  return (
    ordered(vocabulary.surfaceOrder, vocabulary.surfaces) && ordered(vocabulary.termOrder, vocabulary.terms)
  );
}

const QUERIES = [
  ...WARM_UP_QUERIES,
  "llama",
  "minicpm",
  "cesar",
  "d2moe",
  "gradient descent",
  '"gradient descent"',
  "mixture of experts sort:top",
  "expert",
  "the",
  "2406.12345",
  "ll",
  "author:uribe",
  "cat:cs.LG since:2023",
];

function answers(index: SearchIndex) {
  return QUERIES.map((text) => {
    const page = index.search(parseQuery(text), { limit: 20 });
    return { text, total: page.total, hits: page.hits.map((hit) => [hit.id, hit.score]) };
  });
}

/** Words that take every path of indexing: stop words, stems, glued versions, ids, accents, compatibility forms. */
const WORDS = [
  "the",
  "of",
  "a",
  "gradient",
  "gradients",
  "descent",
  "mixture",
  "experts",
  "expert",
  "llama3",
  "minicpm4",
  "2406.12345",
  "m2.7",
  "César",
  "D²MoE",
  "all-reduce",
  "V1.2rc",
  "x.",
  ".5",
  "A.B",
  "3.14.15",
  "GPT-4o",
  "allreduce",
  "Quantization",
  "x",
];

const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((words) => words.join(" "));
const paperArbitrary = fc.record({
  title: text,
  abstract: fc.oneof(
    text,
    // Past 255 occurrences in a field a count is capped: both builds must cap it alike.
    fc.constantFrom("gradient ".repeat(300), "mixture of experts ".repeat(100)),
  ),
  authors: fc.array(fc.constantFrom("César A. Uribe", "Ada Lovelace", "Alan Turing", "Li"), { maxLength: 3 }),
  organization: fc.option(fc.constantFrom("Microsoft Research", "Example Lab"), { nil: undefined }),
  categories: fc.array(fc.constantFrom("cs.LG", "cs.CL", "math.OC"), { maxLength: 2 }),
  keyphrases: fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }),
  published: fc.option(fc.constantFrom("2021-03-04", "2024-11-30"), { nil: undefined }),
  upvotes: fc.option(fc.nat(50), { nil: undefined }),
  citations: fc.option(fc.nat(500), { nil: undefined }),
  id: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"),
});

type MadePaper = typeof paperArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toPaper(made: MadePaper, index: number, unique: boolean): Paper {
  const { citations, ...fields } = made;
  return {
    ...fields,
    id: unique ? `${made.id}${index}` : made.id,
    links: {},
    sightings: [],
    ...(citations === undefined ? {} : { scholar: { citationCount: citations } }),
  } as Paper;
}

describe("SearchIndex.build in bulk", () => {
  it("holds what one paper at a time holds, and answers alike, on the seed papers", () => {
    const papers = [...loadSeedCorpus().all()];
    const built = SearchIndex.build(papers);
    const added = oneByOne(papers);
    expect(contents(built)).toEqual(contents(added));
    expect(inStringOrder(built.toSnapshot().vocabulary)).toBe(true);
    expect(answers(built)).toEqual(answers(added));
    // Queries made some lists (views into the flat arrays); the snapshot reads those and the rest alike.
    expect(contents(built)).toEqual(contents(added));
  });

  it("holds what one paper at a time holds on made-up papers (ids repeated or not)", () => {
    fc.assert(
      // Two papers at least: one alone never has its norms refreshed, so one at a time leaves the weight of a
      // word past 255 occurrences from its uncapped count, which a build (and any refresh) takes capped.
      fc.property(fc.array(paperArbitrary, { minLength: 2, maxLength: 12 }), fc.boolean(), (made, unique) => {
        const papers = made.map((paper, i) => toPaper(paper, i, unique));
        const built = SearchIndex.build(papers);
        const added = oneByOne(papers);
        expect(contents(built)).toEqual(contents(added));
        expect(answers(built)).toEqual(answers(added));
        expect(inStringOrder(built.toSnapshot().vocabulary)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("takes the papers' fingerprints from the caller, who worked them out for the vectors too", () => {
    const papers = [...loadSeedCorpus().all()];
    const prints = paperFingerprints(papers);
    const given = SearchIndex.build(papers, prints);
    expect(given.toSnapshot().fingerprints).toEqual(prints);
    expect(given.toSnapshot()).toEqual(SearchIndex.build(papers).toSnapshot());
    // A restart that finds every fingerprint the same re-indexes nothing.
    expect(SearchIndex.restore(given.toSnapshot(), papers, prints).changed).toBe(0);
    // Given, they are trusted: a paper then changed is told apart by its fingerprint at the next start.
    const off = prints.slice();
    off[0] = (off[0] as number) ^ 1;
    expect(SearchIndex.restore(SearchIndex.build(papers, off).toSnapshot(), papers, prints).changed).toBe(1);
  });

  it("keeps taking papers after the build as an index built one at a time does", () => {
    const papers = [...loadSeedCorpus().all()];
    const [first, second] = papers as [Paper, Paper];
    const built = SearchIndex.build(papers);
    const added = oneByOne(papers);
    // As the first query would: a build leaves the norms current, one paper at a time leaves them stale.
    added.refreshNorms();
    for (const index of [built, added]) {
      index.update({ ...first, abstract: `${first.abstract} mixture of experts llama3` });
      index.remove(second.id);
      index.add({ ...second, id: "new-one", title: "Gradient descent for minicpm4 experts" });
    }
    expect(contents(built)).toEqual(contents(added));
    expect(answers(built)).toEqual(answers(added));
  });
});
