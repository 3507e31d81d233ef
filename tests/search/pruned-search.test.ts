// Property tests: a query that stops at its broad words' heads returns the exhaustive run's page, to the score.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/papers/paper.js";
import { parseQuery, type SearchQuery } from "../../src/search/query.js";
import { QueryRun, type SearchPage } from "../../src/search/query-run.js";
import { SearchIndex } from "../../src/search/search-index.js";

/** Few words, some in most papers: at a split threshold of a few postings, most queries are broad. */
const WORDS = [
  "learning",
  "models",
  "model",
  "language",
  "training",
  "sparse",
  "attention",
  "gradient",
  "descent",
  "local",
  "experts",
  "mixture",
  "diffusion",
  "policy",
  "agents",
  "quantization",
  "retrieval",
  "learned",
  "modeling",
];

/** Common words first and often: a skewed draw, like the words of real papers. */
const word = fc.nat({ max: 999 }).map((n) => WORDS[Math.floor((n / 1000) ** 2 * WORDS.length)] as string);
const text = (min: number, max: number) =>
  fc.array(word, { minLength: min, maxLength: max }).map((words) => words.join(" "));

const paper = fc.record({
  title: text(1, 8),
  abstract: text(0, 40),
  author: fc.constantFrom("Ada Lovelace", "Alan Turing", "Grace Hopper"),
  category: fc.constantFrom("cs.LG", "cs.CL", "stat.ML"),
  year: fc.integer({ min: 2019, max: 2025 }),
  day: fc.integer({ min: 10, max: 28 }),
  upvotes: fc.nat({ max: 5 }),
});

type Drawn = typeof paper extends fc.Arbitrary<infer T> ? T : never;

function toPapers(drawn: Drawn[]): Paper[] {
  return drawn.map((p, i) => ({
    id: `p${i}`,
    title: p.title,
    abstract: p.abstract,
    authors: [p.author],
    categories: [p.category],
    published: `${p.year}-03-${p.day}`,
    upvotes: p.upvotes,
    links: {},
    sightings: [],
  }));
}

/** Query text of the kinds people type: words, prefixes, typos, phrases, exclusions, filters, sorts. */
const queryText = fc
  .tuple(
    fc.array(word, { minLength: 1, maxLength: 4 }),
    fc.constantFrom("", "", "", "lear", "mod", "langua", "atention", "learningmodels"),
    fc.constantFrom(
      "",
      "",
      "",
      "",
      "cat:cs.LG",
      "author:turing",
      "since:2022",
      "until:2023-06-01",
      '"language models"',
      "-sparse",
      "sort:new",
      "sort:top",
    ),
  )
  .map(([words, extra, filter]) => [...words, extra, filter].filter(Boolean).join(" "));

/** Two runs over one index: one splits every list of 4 or more postings in halves, the other never splits. */
const SPLIT_SMALL = { broadPostings: 4, headShare: 2 };
const NEVER_SPLIT = { broadPostings: Number.POSITIVE_INFINITY };

const page = fc.record({ limit: fc.integer({ min: 1, max: 10 }), offset: fc.nat({ max: 10 }) });

function compare(index: SearchIndex, query: SearchQuery, options: { limit: number; offset: number }) {
  const pruned = new QueryRun(index, SPLIT_SMALL).search(query, options);
  const exhaustive = new QueryRun(index, NEVER_SPLIT).search(query, options);
  expect(pruned.hits).toEqual(exhaustive.hits);
  expect(pruned.nextOffset).toEqual(exhaustive.nextOffset);
  if (pruned.totalEstimated) {
    expect(exhaustive.totalEstimated).toBeUndefined();
    expect(pruned.total).toBeGreaterThan(options.offset + options.limit);
    expect(pruned.total).toBeLessThanOrEqual(index.size);
  } else expect(pruned.total).toBe(exhaustive.total);
  return pruned;
}

describe("a search that stops at the heads of broad posting lists", () => {
  it("returns the exhaustive page: the same papers, order, scores and next offset", () => {
    let estimated = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(paper, { minLength: 30, maxLength: 150 }),
        fc.array(fc.tuple(queryText, page), { minLength: 1, maxLength: 6 }),
        (drawn, queries) => {
          const index = SearchIndex.build(toPapers(drawn));
          for (const [text, options] of queries) {
            const result: SearchPage = compare(index, parseQuery(text), options);
            runs++;
            if (result.totalEstimated) estimated++;
          }
        },
      ),
      { numRuns: 300 },
    );
    // Not vacuous: a good share of the queries took the pruned path.
    expect(estimated).toBeGreaterThan(runs / 20);
  });

  it("stays exact after papers are added, changed and removed (a split is made again for a changed list)", () => {
    fc.assert(
      fc.property(
        fc.array(paper, { minLength: 10, maxLength: 60 }),
        fc.array(paper, { minLength: 1, maxLength: 10 }),
        fc.array(fc.tuple(queryText, page), { minLength: 1, maxLength: 4 }),
        (drawn, changes, queries) => {
          const papers = toPapers(drawn);
          const index = SearchIndex.build(papers);
          const pruned = new QueryRun(index, SPLIT_SMALL);
          const exhaustive = new QueryRun(index, NEVER_SPLIT);
          const check = () => {
            for (const [text, options] of queries) {
              const query = parseQuery(text);
              expect(pruned.search(query, options).hits).toEqual(exhaustive.search(query, options).hits);
            }
          };
          check();
          // Changed papers keep their ids (re-indexed in place), new ones are added, one is removed.
          toPapers(changes).forEach((changed, i) => {
            const id = i % 2 === 0 ? `p${i}` : `new${i}`;
            index.add({ ...changed, id });
          });
          index.remove("p1");
          check();
        },
      ),
      { numRuns: 150 },
    );
  });

  it("counts an estimate as one: within the papers there are, above the page", () => {
    const papers = toPapers(
      Array.from({ length: 60 }, (_, i) => ({
        title: i % 3 === 0 ? "sparse learning models" : "learning",
        abstract: "language models learning",
        author: "Ada Lovelace",
        category: "cs.LG",
        year: 2024,
        day: 10 + (i % 18),
        upvotes: i % 5,
      })),
    );
    const index = SearchIndex.build(papers);
    const result = compare(index, parseQuery("sparse learning"), { limit: 5, offset: 0 });
    expect(result.totalEstimated).toBe(true);
    expect(result.total).toBe(60);
  });
});
