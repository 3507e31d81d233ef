// What the chat core needs from the rest of paperbot, passed in by the composition root (and by tests).
import type { Settings } from "../config.js";
import type { Logger } from "../log.js";
import type { ArxivRef } from "../papers/ids.js";
import type { Paper, ParsedPaper } from "../papers/paper.js";
import type { SearchHit, SearchPage } from "../search/search-index.js";
import type { Store } from "../store/store.js";
import type { PaperVectors } from "../taste/paper-vectors.js";
import type { Place } from "./port.js";

export type { SearchHit, SearchPage } from "../search/search-index.js";

/** The search the chat core uses: query text in the query language (throws UserError for a bad query). */
export interface PaperSearch {
  search(text: string, options: { limit: number; offset: number }): SearchPage;
  /** Papers about the same thing: cosine over the papers' tf-idf vectors (src/taste). */
  similar(paperId: string, limit: number): SearchHit[];
  /** Makes new or changed papers searchable (and updates their vectors). */
  index(papers: readonly Paper[]): void;
  /** One sparse vector per paper, kept with the index: what `similar` and the team models read. */
  readonly vectors: PaperVectors;
}

export interface CoreDeps {
  store: Store;
  search: PaperSearch;
  settings: Settings;
  log: Logger;
  now: () => Date;
  /** Why the bot cannot post in a place (not a member, a missing permission), per platform. */
  checkAccess?: (place: Place) => Promise<string | undefined>;
  /** Fetches one paper from arXiv for `/papers add` (absent: the command says it is unavailable). */
  fetchPaper?: (ref: ArxivRef) => Promise<ParsedPaper>;
  /** Adds summaries and key phrases to papers before they are stored. */
  enrich?: (papers: Paper[]) => Paper[];
}
