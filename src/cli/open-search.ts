// The command line's search: the bot's index file in the data directory, loaded, and written when missing or stale.
import { join, resolve } from "node:path";
import type { Logger } from "../log.js";
import type { Paper } from "../papers/paper.js";
import { INDEX_FILE_NAME, type IndexSearch, openIndexSearch } from "../search/paper-search.js";
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
): Promise<IndexSearch> {
  const dir = resolve(dataDir);
  return openIndexSearch(papers, {
    indexFile: join(dir, INDEX_FILE_NAME),
    log,
    warmUp: false,
    persist: (write) => writeUnlessBusy(dir, write, log),
  });
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
