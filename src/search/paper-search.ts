// The search the rest of paperbot uses: query text in, a page of hits out, over an index built or loaded from its file.
import type { Logger } from "../log.js";
import type { Paper } from "../papers/paper.js";
import { type IndexSource, readIndexFileEntry, writeIndexFile } from "./index-file.js";
import { parseQuery } from "./query.js";
import type { SearchHit, SearchPage } from "./query-run.js";
import { SearchIndex } from "./search-index.js";
import { WARM_UP_QUERIES } from "./warm-up.js";

/** The search the chat core uses: query text in the query language (throws UserError for a bad query). */
export interface PaperSearch {
  search(text: string, options: { limit: number; offset: number }): SearchPage;
  similar(paperId: string, limit: number): SearchHit[];
  /** Makes new or changed papers searchable. */
  index(papers: readonly Paper[]): void;
}

export function createPaperSearch(papers: Iterable<Paper>): PaperSearch {
  return paperSearchOver(SearchIndex.build(papers));
}

export function paperSearchOver(index: SearchIndex): PaperSearch {
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

/** The name of the index file in a data directory, shared by the bot and the command line. */
export const INDEX_FILE_NAME = "search-index.bin";

export interface OpenSearchOptions {
  /** Where the index is kept between runs (`<dataDir>/search-index.bin`); without it, it is built every time. */
  indexFile?: string;
  log: Logger;
  /**
   * How a missing or stale index file gets written. By default in the background, as the bot (which
   * holds the data directory's lock) wants; a short-lived command awaits it, and only if it may write.
   */
  persist?: (write: () => Promise<void>) => Promise<void> | void;
  /** Whether to run the warm-up queries before answering (the bot: yes; a one-query command: no). */
  warmUp?: boolean;
  /**
   * What `papers` were read from (a data directory's corpus stamp), kept in the file; and whether a
   * file made from an earlier source must be rewritten even when few papers changed, so a reader that
   * trusts a current source (the command line) finds one.
   */
  source?: { now: IndexSource; outdates(written: IndexSource | undefined): boolean };
}

/**
 * The search index for `papers`: loaded from `indexFile` and brought up to date when there is a
 * usable one, else built (and then written there). Re-indexing 100k papers takes tens of seconds;
 * loading the file and checking each paper's fingerprint takes about a second.
 */
export async function openPaperSearch(
  papers: Iterable<Paper>,
  options: OpenSearchOptions,
): Promise<PaperSearch> {
  const { indexFile, log } = options;
  const all = [...papers];
  let index: SearchIndex | undefined;
  let changed = all.length;
  let written: IndexSource | undefined;
  if (indexFile) {
    try {
      const entry = await readIndexFileEntry(indexFile);
      if (entry) {
        ({ index, changed } = SearchIndex.restore(entry.snapshot, all));
        written = entry.source;
      }
    } catch (error) {
      log.warn({ err: error, file: indexFile }, "the search index file could not be read; re-indexing");
    }
  }
  index ??= SearchIndex.build(all);
  const { source } = options;
  if (indexFile && (changed > Math.max(100, all.length * 0.01) || source?.outdates(written))) {
    const file = indexFile;
    const snapshot = index.toSnapshot();
    const write = (): Promise<void> =>
      writeIndexFile(file, snapshot, source?.now).then(
        (bytes) => log.info({ file, bytes }, "search index written"),
        (error: unknown) => log.warn({ err: error, file }, "the search index file could not be written"),
      );
    await (options.persist ?? inBackground)(write);
  }
  const search = paperSearchOver(index);
  // A fresh index answers its first queries far slower than later ones (its postings are made from
  // the file on first read); pay that before anyone asks.
  if (options.warmUp ?? true)
    for (const query of WARM_UP_QUERIES) search.search(query, { limit: 5, offset: 0 });
  return search;
}

/**
 * The search in `indexFile` as it is, without the papers: for a caller that knows from the file's
 * source (`current`) that the papers are the ones it was made from, plus any it then indexes itself.
 * Undefined when there is no usable file or `current` says no.
 */
export async function loadCurrentPaperSearch(
  indexFile: string,
  current: (written: IndexSource | undefined) => boolean,
): Promise<{ search: PaperSearch; source: IndexSource } | undefined> {
  const entry = await readIndexFileEntry(indexFile).catch(() => undefined);
  if (!entry?.source || !current(entry.source)) return undefined;
  return { search: paperSearchOver(SearchIndex.load(entry.snapshot)), source: entry.source };
}

function inBackground(write: () => Promise<void>): void {
  void write();
}
