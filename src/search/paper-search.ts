// The search the rest of paperbot uses: query text in, a page of hits out, over an index built or loaded from its file,
// with the paper vectors beside it for `similar` and the team models.
import { existsSync, statSync } from "node:fs";
import type { Logger } from "../log.js";
import type { Paper } from "../papers/paper.js";
import { paperFingerprints } from "./fingerprint.js";
import {
  type IndexFileEntry,
  type IndexSource,
  openIndexFileEntry,
  readIndexFileEntry,
} from "./index-file.js";
import { indexWriter, worthRewriting } from "./index-writer.js";
import { PaperVectors } from "./paper-vectors.js";
import {
  openPaperVectors,
  readVectorsFile,
  type StoredVectors,
  startPaperVectors,
  vectorsFileBeside,
} from "./paper-vectors-file.js";
import { buildPaperVectors, buildPaperVectorsFromWords, THREAD_MIN_PAPERS } from "./paper-vectors-thread.js";
import { parseQuery } from "./query.js";
import type { SearchHit, SearchPage } from "./query-run.js";
import { SearchIndex } from "./search-index.js";
import {
  SEARCH_THREAD_MIN_PAPERS,
  SearchThread,
  type SearchThreadChoice,
  type ThreadedSearch,
  wantsSearchThread,
} from "./search-thread.js";
import type { WordsListener } from "./word-ids.js";

/**
 * The index's own search: query text in the query language (a bad query rejects with a UserError).
 * A page is a promise because the bot searches on a thread of its own (search-thread.ts).
 */
export interface IndexSearch {
  search(text: string, options: { limit: number; offset: number }): Promise<SearchPage>;
  similar(paperId: string, limit: number): SearchHit[];
  /** Makes new or changed papers searchable. */
  index(papers: readonly Paper[]): void;
}

export function createIndexSearch(papers: Iterable<Paper>): IndexSearch {
  return indexSearchOver(SearchIndex.build(papers));
}

export function indexSearchOver(index: SearchIndex): IndexSearch {
  return {
    search: async (text, options) => index.search(parseQuery(text), options),
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
  /** `paperFingerprint` of each of `papers`, in order, when the caller has them already. */
  fingerprints?: Uint32Array;
  /** Told each paper's words when the index is built (not when it is restored from its file). */
  wordsListener?: WordsListener;
  /** The files in `indexFile`'s place, when the caller began reading them earlier (readSearchFilesAhead). */
  readAhead?: SearchFilesAhead;
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
export async function openIndexSearch(
  papers: Iterable<Paper>,
  options: OpenSearchOptions,
): Promise<IndexSearch> {
  const { indexFile, log } = options;
  const all = [...papers];
  let index: SearchIndex | undefined;
  let changed = all.length;
  let written: IndexSource | undefined;
  if (indexFile) {
    try {
      const entry = await (options.readAhead?.index ?? readIndexFileEntry(indexFile));
      if (entry) {
        ({ index, changed } = SearchIndex.restore(entry.snapshot, all, options.fingerprints));
        written = entry.source;
      }
    } catch (error) {
      log.warn({ err: error, file: indexFile }, "the search index file could not be read; re-indexing");
    }
  }
  if (!index) {
    index = SearchIndex.build(all, options.fingerprints, options.wordsListener);
    // Before anything reads the pairs (a query, the file's writer), or they would be built here too.
    // (A build that did not read the papers one by one, told the listener nothing, made its own.)
    if (options.wordsListener?.pairs && !index.hasPairs) index.takePairs(await options.wordsListener.pairs);
  }
  const { source } = options;
  if (indexFile && (worthRewriting(changed, all.length) || source?.outdates(written)))
    await (options.persist ?? inBackground)(indexWriter(indexFile, index, source?.now, log));
  if (options.warmUp ?? true) index.warmUpQueries();
  return indexSearchOver(index);
}

/**
 * The search in `indexFile` as it is, without the papers: for a caller that knows from the file's
 * source (`current`) that the papers are the ones it was made from, plus any it then indexes itself.
 * Undefined when there is no usable file or `current` says no.
 */
export async function loadCurrentIndexSearch(
  indexFile: string,
  current: (written: IndexSource | undefined) => boolean,
): Promise<{ search: IndexSearch; source: IndexSource } | undefined> {
  // Ranged: a query reads the few postings and texts it needs, not the whole file (index-file.ts).
  let entry: IndexFileEntry | undefined;
  try {
    entry = openIndexFileEntry(indexFile);
  } catch {
    return undefined;
  }
  if (!entry?.source || !current(entry.source)) return undefined;
  return { search: indexSearchOver(SearchIndex.load(entry.snapshot)), source: entry.source };
}

function inBackground(write: () => Promise<void>): void {
  void write();
}

/** What the chat core and the digest search with: the index's queries, and papers about the same thing. */
export interface PaperSearch extends IndexSearch {
  /** Papers about the same thing: cosine over the papers' tf-idf vectors. */
  similar(paperId: string, limit: number): SearchHit[];
  /** Makes new or changed papers searchable (and updates their vectors). */
  index(papers: readonly Paper[]): void;
  /** One sparse vector per paper, kept with the index: what `similar` and the team models read. */
  readonly vectors: PaperVectors;
  /** Ends the search thread, if search runs on one (the bot's stop path). */
  close(): Promise<void>;
}

/**
 * The index's search with the paper vectors beside it: `vectors` when given (loaded from their file,
 * see paper-vectors-file.ts), else built from the papers here (slow at 100k, BENCHMARKS.md).
 */
export function withPaperVectors(
  search: ThreadedSearch & { close?(): Promise<void> },
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
    close: async () => search.close?.(),
  };
}

/** The chat core's search over `papers`, built from scratch: the index and the paper vectors. */
export function createPaperSearch(papers: Iterable<Paper>): PaperSearch {
  const all = [...papers];
  return withPaperVectors(createIndexSearch(all), all);
}

export interface OpenPaperSearchOptions extends OpenSearchOptions {
  /** Whether the index lives on a search thread (search-thread.ts): by default not (`never`); the bot asks for `auto`. */
  thread?: SearchThreadChoice;
}

/**
 * The chat core's search: the index and the paper vectors, each loaded from its file (the vectors'
 * beside the index's) and brought up to date, or built and written there. The index lives on a
 * search thread when `options.thread` asks for one (the vectors stay here), else here; then, when both
 * must be built (a first start) over 5,000 papers or more, the vectors are built on a second thread
 * while this one builds the index, from the words the index build reads. The search is ready when both are, never with vectors missing.
 */
export async function openPaperSearch(
  papers: Iterable<Paper>,
  options: OpenPaperSearchOptions,
): Promise<PaperSearch> {
  const all = [...papers];
  const { log } = options;
  // By default (the bot) the files are rewritten once search is up: a start answers first.
  const later: (() => Promise<void>)[] = [];
  const persist = options.persist ?? ((write: () => Promise<void>) => void later.push(write));
  const file = options.indexFile && vectorsFileBeside(options.indexFile);
  // Read while the index is restored.
  const reading = options.readAhead?.vectors ?? (file ? handledLater(readVectorsFile(file)) : undefined);
  const fingerprints = paperFingerprints(all);
  const writeLater = () => {
    if (later.length > 0)
      setImmediate(async () => {
        for (const write of later) await write();
      });
  };
  const { indexFile } = options;
  const restoring = indexFile !== undefined && existsSync(indexFile);
  // Files read ahead (readSearchFilesAhead) already chose, and began reading the index file there or
  // here: choosing again by the papers' count could read it a second time.
  const thread = options.readAhead
    ? options.readAhead.thread
    : wantsSearchThread(options.thread ?? "never", all.length, restoring)
      ? SearchThread.start(indexFile, log)
      : undefined;
  if (thread) {
    // The search thread restores the index from its file, sent only the papers that changed (or, forced,
    // builds it from a copy of every paper) while this thread restores or builds the vectors.
    const up = handledLater(
      thread.open(all, fingerprints, {
        restore: restoring,
        source: options.source,
        log,
        fallBack: (current) => openIndexSearch(current, { indexFile, log, source: options.source }),
      }),
    );
    const vectors = await openPaperVectors(all, { file, log, persist, fingerprints, reading });
    await up;
    // The thread's own file is rewritten when this thread's are: once search answers.
    later.unshift(async () => thread.write());
    writeLater();
    return withPaperVectors(thread, all, vectors);
  }
  // When the index is to be built too (a first start), the vectors of every paper are built from the
  // words its build reads, on a second thread meanwhile: only while that build is still ahead (else
  // nothing would tell the thread the words, or that they ended, and the vectors would never come).
  let fromWords: ReturnType<typeof buildPaperVectorsFromWords> | undefined;
  let indexAhead = !restoring;
  const build = (missing: readonly Paper[]) => {
    if (!indexAhead || missing !== all || all.length < THREAD_MIN_PAPERS)
      return buildPaperVectors(missing, log);
    fromWords = buildPaperVectorsFromWords(all, log);
    return fromWords.vectors;
  };
  const vectorOptions = { file, log, persist, fingerprints, reading, build };
  // Without a vectors file (a first start) the vectors' build is started first, so a second thread
  // builds them while this one builds the index; with one, the index is restored while it is read.
  const vectorsFirst = file === undefined || options.readAhead !== undefined || !existsSync(file);
  const started = vectorsFirst ? await startPaperVectors(all, vectorOptions) : undefined;
  let index: IndexSearch;
  try {
    index = await openIndexSearch(all, {
      ...options,
      persist,
      fingerprints,
      wordsListener: fromWords?.listener,
    });
  } finally {
    indexAhead = false;
    // The papers the build did not read (none, unless it failed or the file was restored) go as text.
    fromWords?.finish();
  }
  const vectors = await (started ?? (await startPaperVectors(all, vectorOptions))).vectors;
  writeLater();
  return withPaperVectors(index, all, vectors);
}

/** The bot's two search files, being read: the index file here, or on the search thread that will hold the index. */
export interface SearchFilesAhead {
  index?: Promise<IndexFileEntry | undefined>;
  vectors: Promise<StoredVectors | undefined>;
  thread?: SearchThread;
}

/**
 * An index file at least this big holds about SEARCH_THREAD_MIN_PAPERS papers (about 3 KB each): read
 * before the store is, it is what tells whether the corpus is big enough for a search thread.
 */
const THREAD_MIN_FILE_BYTES = SEARCH_THREAD_MIN_PAPERS * 3_000;

/**
 * Begins reading the index and vectors files in `indexFile`'s place, for openPaperSearch's `readAhead`:
 * begun before the store is opened, the reads (fresh memory is most of their cost here) run beside the
 * store's parse. With a search thread (`thread`; `auto` by the index file's size) the thread reads the
 * index file. The files need no lock to read (they are replaced whole), and whatever they hold is
 * checked against the papers as any file is.
 */
export function readSearchFilesAhead(
  indexFile: string,
  thread: SearchThreadChoice = "never",
  log?: Logger,
): SearchFilesAhead {
  const vectors = handledLater(readVectorsFile(vectorsFileBeside(indexFile)));
  const threaded =
    thread === "always" || (thread === "auto" && fileSize(indexFile) >= THREAD_MIN_FILE_BYTES)
      ? SearchThread.start(indexFile, log)
      : undefined;
  if (threaded) return { vectors, thread: threaded };
  return { index: handledLater(readIndexFileEntry(indexFile)), vectors };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** `promise`, its failure left for whoever awaits it (logged there) rather than reported as unhandled meanwhile. */
function handledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
