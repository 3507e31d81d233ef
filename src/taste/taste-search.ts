// The search the chat core uses: the index's query search, with `similar` and the team models reading the paper vectors.
import type { Paper } from "../papers/paper.js";
import type { PaperSearch as IndexSearch } from "../search/paper-search.js";
import type { SearchHit, SearchPage } from "../search/query-run.js";
import { PaperVectors } from "./paper-vectors.js";

/** Query text in the query language (throws UserError for a bad query), and papers about the same thing. */
export interface PaperSearch {
  search(text: string, options: { limit: number; offset: number }): SearchPage;
  /** Papers about the same thing: cosine over the papers' tf-idf vectors. */
  similar(paperId: string, limit: number): SearchHit[];
  /** Makes new or changed papers searchable (and updates their vectors). */
  index(papers: readonly Paper[]): void;
  /** One sparse vector per paper, kept with the index: what `similar` and the team models read. */
  readonly vectors: PaperVectors;
}

/**
 * The index's search with the paper vectors beside it: `vectors` when given (loaded from their file,
 * see paper-vectors-file.ts), else built from the papers here (slow at 100k, BENCHMARKS.md).
 */
export function withPaperVectors(
  search: IndexSearch,
  papers: Iterable<Paper>,
  vectors: PaperVectors = PaperVectors.build([...papers]),
): PaperSearch {
  return {
    search: (text, options) => search.search(text, options),
    similar: (id, limit) => vectors.similar(id, limit),
    index(changed) {
      search.index(changed);
      vectors.update(changed);
    },
    vectors,
  };
}
