// Builds the platform-neutral core from a store and settings: search index, summaries, and the chat Bot.
import { createBot } from "./chat/bot.js";
import type { CoreDeps, PaperSearch } from "./chat/deps.js";
import type { Bot, Place } from "./chat/port.js";
import type { Settings } from "./config.js";
import { createEnricher, type Enricher, needsSummary } from "./ingest/enricher.js";
import type { Logger } from "./log.js";
import type { ArxivRef } from "./papers/ids.js";
import type { Paper, ParsedPaper } from "./papers/paper.js";
import { parseQuery } from "./search/query.js";
import { SearchIndex } from "./search/search-index.js";
import type { Store } from "./store/store.js";

export interface Core {
  bot: Bot;
  deps: CoreDeps;
  search: PaperSearch;
  enrich: Enricher;
}

export function createPaperSearch(papers: Iterable<Paper>): PaperSearch {
  const index = SearchIndex.build(papers);
  return {
    search: (text, options) => index.search(parseQuery(text), options),
    similar: (id, limit) => index.similar(id, limit),
    index(papers) {
      for (const paper of papers) {
        if (index.has(paper.id)) index.update(paper);
        else index.add(paper);
      }
    },
  };
}

export interface CoreOptions {
  store: Store;
  settings: Settings;
  log: Logger;
  now?: () => Date;
  checkAccess?: (place: Place) => Promise<string | undefined>;
  fetchPaper?: (ref: ArxivRef) => Promise<ParsedPaper>;
}

/** Summarizes stored papers that have no summary yet (one write), so search can use their key phrases. */
export async function backfillSummaries(store: Store, enrich: Enricher): Promise<number> {
  const missing = [...store.corpus.all()].filter(needsSummary);
  if (missing.length > 0) await store.putPapers(enrich(missing));
  return missing.length;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const { store, settings, log } = options;
  const enrich = createEnricher(store.corpus, settings);
  const backfilled = await backfillSummaries(store, enrich);
  if (backfilled > 0) log.info({ papers: backfilled }, "summarized stored papers");
  const search = createPaperSearch(store.corpus.all());
  const deps: CoreDeps = {
    store,
    search,
    settings,
    log,
    now: options.now ?? (() => new Date()),
    checkAccess: options.checkAccess,
    fetchPaper: options.fetchPaper,
    enrich,
  };
  return { bot: createBot(deps), deps, search, enrich };
}
