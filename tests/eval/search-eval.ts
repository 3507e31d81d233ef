// Scores the search index against the hand-written queries: MRR@10 and recall@10.
import { Corpus } from "../../src/papers/corpus.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { summarizedSeedPapers } from "../helpers/core.js";
import { type EvalQuery, SEARCH_QUERIES } from "./search-queries.js";

export const CUTOFF = 10;

export interface QueryOutcome {
  query: EvalQuery;
  /** 1-based rank of the expected paper within the first CUTOFF hits, or undefined when absent. */
  rank: number | undefined;
  top: string[];
}

export interface SearchEvalReport {
  mrr: number;
  recall: number;
  outcomes: QueryOutcome[];
}

/** Runs every query against an index of the corpus; throws when a query names a title not in it. */
export function evaluateSearch(
  // The seeds as the store holds them after ingest, key phrases included: what users search.
  corpus: Corpus = new Corpus(summarizedSeedPapers()),
  queries: readonly EvalQuery[] = SEARCH_QUERIES,
): SearchEvalReport {
  const index = SearchIndex.build(corpus.all());
  const titleOf = (id: string): string => corpus.find(id)?.title ?? id;
  const outcomes = queries.map((query) => {
    const expected = corpus.find(query.title);
    if (!expected || expected.title !== query.title) throw new Error(`No seed paper titled "${query.title}"`);
    const ids = index.search(parseQuery(query.query), { limit: CUTOFF }).hits.map((hit) => hit.id);
    const at = ids.indexOf(expected.id);
    return { query, rank: at < 0 ? undefined : at + 1, top: ids.slice(0, 3).map(titleOf) };
  });
  const mrr = outcomes.reduce((sum, { rank }) => sum + (rank ? 1 / rank : 0), 0) / outcomes.length;
  const recall = outcomes.filter(({ rank }) => rank !== undefined).length / outcomes.length;
  return { mrr, recall, outcomes };
}
