// What the chat core needs from the rest of paperbot, passed in by the composition root (and by tests).
import type { Settings } from "../config.js";
import type { SemanticSearch } from "../llm/semantic-search.js";
import type { ModelServices } from "../llm/services.js";
import type { Logger } from "../log.js";
import type { ArxivRef } from "../papers/ids.js";
import type { Paper, ParsedPaper } from "../papers/paper.js";
import type { PaperSearch } from "../search/paper-search.js";
import type { Store } from "../store/store.js";
import type { Place } from "./port.js";

export type { PaperSearch } from "../search/paper-search.js";
export type { SearchHit, SearchPage } from "../search/query-run.js";

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
  /** The optional language model (absent: model TL;DRs and `ask` say no model is configured). */
  llm?: ModelServices;
  /** Search by meaning beside the words, when an embeddings model is configured (absent: words alone). */
  semantic?: SemanticSearch;
}
