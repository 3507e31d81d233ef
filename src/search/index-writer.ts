// Writes the live search index to its file, and says when a start's catching-up is worth a rewrite.
import type { Logger } from "../log.js";
import { SupersededWrite } from "./framed-file.js";
import { type IndexSource, writeIndexFile } from "./index-file.js";
import type { SearchIndex } from "./search-index.js";

/** Whether a start that re-indexed `changed` of `total` papers rewrites the file: a few are cheaper to redo next time. */
export function worthRewriting(changed: number, total: number): boolean {
  return changed > Math.max(100, total * 0.01);
}

/** How many times a write that papers were indexed during is begun again before it is left for the next start. */
const WRITE_ATTEMPTS = 3;

/** What the writer logs through: the bot's logger, or the search thread's messages to it. */
export type WriterLog = Pick<Logger, "info" | "warn">;

/**
 * Writes the live index to `file` as it stands when the write runs, straight from its arrays (no
 * copy, index-file.ts) and a step at a time, so queries are answered meanwhile. The file must be one
 * state of the index, so a write that papers are indexed during is begun again. Any state since the
 * start is one `source` describes: what was indexed since came from the store's later writes (journal
 * lines a reader replays over the file, or a new corpus file, which the stamp then does not match).
 */
export function indexWriter(
  file: string,
  index: SearchIndex,
  source: IndexSource | undefined,
  log: WriterLog,
): () => Promise<void> {
  return async () => {
    for (let attempt = 1; ; attempt++) {
      const from = index.changeCount;
      try {
        const bytes = await writeIndexFile(file, index.toSections(), source, {
          unchanged: () => index.changeCount === from,
        });
        log.info({ file, bytes }, "search index written");
        return;
      } catch (error) {
        if (error instanceof SupersededWrite && attempt < WRITE_ATTEMPTS) continue;
        log.warn({ err: error, file }, "the search index file could not be written");
        return;
      }
    }
  };
}
