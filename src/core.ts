// Builds the platform-neutral core from a store and settings: search index, summaries, and the chat Bot.
import { createBot } from "./chat/bot.js";
import type { CoreDeps } from "./chat/deps.js";
import { createReplyLocalizer, localizedBot, type ReplyLocalizer } from "./chat/model-tldrs.js";
import type { Bot, Place } from "./chat/port.js";
import type { Settings } from "./config.js";
import { createEnricher, type Enricher, needsSummary } from "./ingest/enricher.js";
import { openPaperEmbeddings, type PaperEmbeddings } from "./llm/paper-embeddings.js";
import { createSemanticSearch } from "./llm/semantic-search.js";
import type { ModelServices } from "./llm/services.js";
import type { Logger } from "./log.js";
import type { ArxivRef } from "./papers/ids.js";
import type { ParsedPaper } from "./papers/paper.js";
import { openPaperSearch, type PaperSearch, type SearchFilesAhead } from "./search/paper-search.js";
import type { SearchThreadChoice } from "./search/search-thread.js";

// The index file's name and the search's makers, for the composition root, which loads this module only when the bot starts.
export {
  createPaperSearch,
  INDEX_FILE_NAME,
  openPaperSearch,
  readSearchFilesAhead,
} from "./search/paper-search.js";

import { stampedSource } from "./store/corpus-stamp.js";
import type { Store } from "./store/store.js";

export interface Core {
  bot: Bot;
  deps: CoreDeps;
  search: PaperSearch;
  enrich: Enricher;
  /** Puts a channel's model TL;DRs on a reply's cards (the identity without a model): for digest posts. */
  localize: ReplyLocalizer;
  /** The papers' embeddings, when an embeddings model is configured: `embedMissing` fills them in the background. */
  embeddings?: PaperEmbeddings;
}

export interface CoreOptions {
  store: Store;
  settings: Settings;
  log: Logger;
  now?: () => Date;
  checkAccess?: (place: Place) => Promise<string | undefined>;
  fetchPaper?: (ref: ArxivRef) => Promise<ParsedPaper>;
  /**
   * Where the search index is kept between starts (e.g. `<dataDir>/search-index.bin`). Without it the
   * index is built from the papers at every start.
   */
  indexFile?: string;
  /** `indexFile`'s files, read ahead while the store was opened (readSearchFilesAhead). */
  searchFiles?: SearchFilesAhead;
  /** Whether the index lives on a search thread: by corpus size (`auto`) unless forced (tests). */
  searchThread?: SearchThreadChoice;
  /** The optional language model (createModelServices); absent, no model call is ever made. */
  llm?: ModelServices;
  /** Where paper embeddings are kept between starts (`<dataDir>/embeddings.jsonl`); in memory without. */
  embeddingsFile?: string;
}

/** Summarizes stored papers that have no summary yet (one write), so search can use their key phrases. */
export async function backfillSummaries(store: Store, enrich: Enricher): Promise<number> {
  const missing = [...store.corpus.all()].filter(needsSummary);
  if (missing.length > 0) await store.putPapers(enrich(missing));
  return missing.length;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const { store, settings, log } = options;
  let ready: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const enrich = createEnricher(store.corpus, settings, { warmUpAfter: started });
  const backfilled = await backfillSummaries(store, enrich);
  if (backfilled > 0) log.info({ papers: backfilled }, "summarized stored papers");
  const search = await openPaperSearch(store.corpus.all(), {
    indexFile: options.indexFile,
    readAhead: options.searchFiles,
    thread: options.searchThread ?? "auto",
    log,
    // The file records what the papers were read from, so the command line can use it without them.
    source: store.openedStamp && stampedSource(store.openedStamp),
  });
  // The key phrase model's background counting waits until search is up, so it never delays a start.
  ready();
  const deps: CoreDeps = {
    store,
    search,
    settings,
    log,
    now: options.now ?? (() => new Date()),
    checkAccess: options.checkAccess,
    fetchPaper: options.fetchPaper,
    enrich,
    llm: options.llm,
  };
  // Search by meaning only with an embeddings model; without one nothing here runs or is sent.
  const model = options.llm?.model;
  const embeddings = model?.embed
    ? await openPaperEmbeddings({ model, log, file: options.embeddingsFile })
    : undefined;
  if (model && embeddings) deps.semantic = createSemanticSearch({ lexical: search, embeddings, model, log });
  const localize = createReplyLocalizer({ store, llm: options.llm, log });
  const bot = options.llm ? localizedBot(createBot(deps), localize) : createBot(deps);
  return { bot, deps, search, enrich, localize, embeddings };
}
