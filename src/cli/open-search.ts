// The command line's search: the bot's index and vectors files in the data directory, loaded, and written when missing or stale.
import { join, resolve } from "node:path";
import type { Logger } from "../log.js";
import type { Paper } from "../papers/paper.js";
import {
  INDEX_FILE_NAME,
  type IndexSearch,
  loadCurrentIndexSearch,
  openIndexSearch,
  type PaperSearch,
  withPaperVectors,
} from "../search/paper-search.js";
import { openPaperVectors, vectorsFileBeside } from "../search/paper-vectors-file.js";
import { papersInCorpusFile } from "../store/corpus-file-lookup.js";
import {
  asCorpusStamp,
  type CorpusStamp,
  corpusStamp,
  journalPapersSince,
  stampedSource,
  stampHolds,
} from "../store/corpus-stamp.js";
import { DataDirLock, lockOwner } from "../store/data-dir-lock.js";

/**
 * Opens search the way the bot does, so `paperbot search` at 100k papers loads the index (about a
 * second) instead of rebuilding it (tens of seconds). Writing the file follows the data directory's
 * lock rules: only when no other paperbot holds the directory (a running bot keeps its own file),
 * under the lock for the moment of the write; a busy directory just means no write this time.
 */
export async function openCliSearch(
  dataDir: string,
  papers: Iterable<Paper>,
  log: Logger,
  stamp?: CorpusStamp,
): Promise<IndexSearch> {
  const dir = resolve(dataDir);
  return openIndexSearch(papers, {
    indexFile: join(dir, INDEX_FILE_NAME),
    log,
    warmUp: false,
    persist: (write) => writeUnlessBusy(dir, write, log),
    source: stamp && stampedSource(stamp),
  });
}

/** A search over the index file alone, and the papers its hits name. */
export interface CurrentSearch {
  search: IndexSearch;
  papers(ids: readonly string[]): Promise<Map<string, Paper>>;
}

/**
 * The search straight from the index file when the file says it was made from the corpus file on disk
 * now (only the journal may have grown: its new lines are indexed here), with the hits' papers read out
 * of the corpus file by id: at 100k papers no 218 MB parse. Undefined when that cannot be known; then
 * the store is read (openCliSearch).
 */
export async function openCurrentCliSearch(dataDir: string): Promise<CurrentSearch | undefined> {
  const dir = resolve(dataDir);
  const now = await corpusStamp(dir);
  if (!now) return undefined;
  const loaded = await loadCurrentIndexSearch(join(dir, INDEX_FILE_NAME), (written) => {
    const then = asCorpusStamp(written);
    return then !== undefined && stampHolds(then, now);
  });
  const then = asCorpusStamp(loaded?.source);
  if (!loaded || !then) return undefined;
  const recent = await journalPapersSince(dir, then.journalBytes);
  if (!recent) return undefined;
  loaded.search.index(recent);
  const fromJournal = new Map(recent.map((paper) => [paper.id, paper]));
  return {
    search: loaded.search,
    async papers(ids) {
      const found = await papersInCorpusFile(
        dir,
        ids.filter((id) => !fromJournal.has(id)),
      );
      for (const id of ids) {
        const paper = fromJournal.get(id);
        if (paper) found.set(id, paper);
      }
      return found;
    },
  };
}

/** The search with the paper vectors the team models read (for `paperbot digest`), both loaded as the bot loads them. */
export async function openCliTasteSearch(
  dataDir: string,
  papers: Iterable<Paper>,
  log: Logger,
  stamp?: CorpusStamp,
): Promise<PaperSearch> {
  const all = [...papers];
  const dir = resolve(dataDir);
  const search = await openCliSearch(dir, all, log, stamp);
  const vectors = await openPaperVectors(all, {
    file: vectorsFileBeside(join(dir, INDEX_FILE_NAME)),
    log,
    persist: (write) => writeUnlessBusy(dir, write, log),
  });
  return withPaperVectors(search, all, vectors);
}

async function writeUnlessBusy(dir: string, write: () => Promise<void>, log: Logger): Promise<void> {
  // Asked first: taking the lock from inside a process that already holds it would supersede the holder.
  if (await lockOwner(dir)) return;
  let lock: DataDirLock;
  try {
    lock = await DataDirLock.acquire(dir, { purpose: "paperbot search index" });
  } catch (error) {
    log.debug({ err: error }, "the data directory is busy; the search index file is left as it is");
    return;
  }
  try {
    await write();
  } finally {
    await lock.release();
  }
}
