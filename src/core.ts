// Builds the platform-neutral core from a store and settings: search index, summaries, and the chat Bot.
import { createBot } from "./chat/bot.js";
import type { CoreDeps, PaperSearch } from "./chat/deps.js";
import type { Bot, Place } from "./chat/port.js";
import type { Settings } from "./config.js";
import { createEnricher, type Enricher, needsSummary } from "./ingest/enricher.js";
import type { Logger } from "./log.js";
import type { ArxivRef } from "./papers/ids.js";
import type { Paper, ParsedPaper } from "./papers/paper.js";
import { readIndexFile, writeIndexFile } from "./search/index-file.js";
import { parseQuery } from "./search/query.js";
import { SearchIndex } from "./search/search-index.js";
import type { Store } from "./store/store.js";
import { PaperVectors } from "./taste/paper-vectors.js";

export interface Core {
  bot: Bot;
  deps: CoreDeps;
  search: PaperSearch;
  enrich: Enricher;
}

export function createPaperSearch(papers: Iterable<Paper>): PaperSearch {
  const all = [...papers];
  return paperSearchOver(SearchIndex.build(all), PaperVectors.build(all));
}

/** Queries that touch every path of the index once (words, prefix, typo, phrase, filters), run at start. */
const WARM_UP_QUERIES = [
  "language models",
  "reinforcement learn",
  "optimizaton",
  '"mixture of experts"',
  "cat:cs.LG sort:new",
  "author:chen",
  "training since:2024 -survey",
];

export function paperSearchOver(index: SearchIndex, vectors: PaperVectors): PaperSearch {
  return {
    search: (text, options) => index.search(parseQuery(text), options),
    similar: (id, limit) => vectors.similar(id, limit),
    index(papers) {
      for (const paper of papers) {
        if (index.has(paper.id)) index.update(paper);
        else index.add(paper);
      }
      vectors.update(papers);
    },
    vectors,
  };
}

/**
 * The search index for `papers`: loaded from `indexFile` and brought up to date when there is a
 * usable one, else built (and then written there, in the background). Re-indexing 100k papers takes
 * tens of seconds; loading the file and checking each paper's fingerprint takes about a second.
 */
export async function openPaperSearch(
  papers: Iterable<Paper>,
  options: { indexFile?: string; log: Logger },
): Promise<PaperSearch> {
  const { indexFile, log } = options;
  const all = [...papers];
  let index: SearchIndex | undefined;
  let changed = all.length;
  if (indexFile) {
    try {
      const snapshot = await readIndexFile(indexFile);
      if (snapshot) ({ index, changed } = SearchIndex.restore(snapshot, all));
    } catch (error) {
      log.warn({ err: error, file: indexFile }, "the search index file could not be read; re-indexing");
    }
  }
  index ??= SearchIndex.build(all);
  if (indexFile && changed > Math.max(100, all.length * 0.01)) {
    const file = indexFile;
    const snapshot = index.toSnapshot();
    writeIndexFile(file, snapshot).then(
      (bytes) => log.info({ file, bytes }, "search index written"),
      (error: unknown) => log.warn({ err: error, file }, "the search index file could not be written"),
    );
  }
  // The vectors are rebuilt at each start rather than kept in a file: at 100k papers building them
  // costs about as much as reading a file of them would (see BENCHMARKS.md), and no file can go stale.
  const search = paperSearchOver(index, PaperVectors.build(all));
  // A fresh index answers its first queries far slower than later ones; pay that before anyone asks.
  for (const query of WARM_UP_QUERIES) search.search(query, { limit: 5, offset: 0 });
  return search;
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
  const search = await openPaperSearch(store.corpus.all(), { indexFile: options.indexFile, log });
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
  };
  return { bot: createBot(deps), deps, search, enrich };
}
