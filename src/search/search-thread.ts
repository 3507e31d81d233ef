// The bot's search index on a thread of its own, so the thread answering chat only parses, renders and posts: both sides of it.
import {
  MessageChannel,
  type MessagePort,
  parentPort,
  receiveMessageOnPort,
  type Worker,
} from "node:worker_threads";
import { UserError } from "../errors.js";
import type { Logger } from "../log.js";
import type { Paper } from "../papers/paper.js";
import { inBatches } from "./batched-post.js";
import { type IndexFileEntry, type IndexSource, openIndexFileEntry } from "./index-file.js";
import { indexWriter, type WriterLog, worthRewriting } from "./index-writer.js";
import { isThreadOf, startModuleThread } from "./module-thread.js";
import { parseQuery } from "./query.js";
import type { SearchOptions, SearchPage } from "./query-run.js";
import { restoreByPrints, stalePositions } from "./restore-by-prints.js";
import { SearchIndex } from "./search-index.js";
import {
  type FromSearchThread,
  indexedPart,
  type ThreadError,
  type ToSearchThread,
} from "./search-thread-messages.js";

const THREAD_TAG = "paperbot:search";

/**
 * Below this many papers search stays on the main thread: a query takes well under a millisecond,
 * less than the trip to a thread and back, and a thread costs a start (from the TypeScript sources,
 * seconds of compiling) that a test or a new user's 161 seeds do not repay.
 */
export const SEARCH_THREAD_MIN_PAPERS = 5_000;

/**
 * A query leaves its short-lived garbage (plans, candidate lists, pages): with a young generation of
 * 64 MB the thread collects it far less often. Slash commands at 100k papers, 20 connections, quiet,
 * alternated: e2e p99 39.3 / 40.5 ms and 1.31 ms of app CPU a request, against 49.9 / 52.9 ms and
 * 1.6 ms with the default; 32 MB gave 40.8 / 41.5 ms, 128 MB 44.9 / 44.5 ms (BENCHMARKS.md).
 */
const SEARCH_THREAD_LIMITS = { maxYoungGenerationSizeMb: 64 };

/** Whether search runs on a thread: by corpus size (`auto`), or forced either way (tests, benchmarks). */
export type SearchThreadChoice = "auto" | "always" | "never";

/**
 * `auto` takes a thread for a restart (`restoring`, an index file there) only. A first start builds
 * the index on the main thread while the vectors are built on a second one, and the thread takes over
 * at the next restart: building it on the search thread was no faster at 100k papers, even with the
 * papers sent in batches (15.3–15.7 s to the first answer against 15.1–15.5 s, alternated), and it
 * peaked higher (1.53–1.55 GB against 1.42–1.43 GB; BENCHMARKS.md).
 */
export function wantsSearchThread(choice: SearchThreadChoice, papers: number, restoring: boolean): boolean {
  return choice === "always" || (choice === "auto" && restoring && papers >= SEARCH_THREAD_MIN_PAPERS);
}

/** What the thread's side of search offers: a page per query, and updates, in the order asked. */
export interface ThreadedSearch {
  search(text: string, options: { limit: number; offset: number }): Promise<SearchPage>;
  index(papers: readonly Paper[]): void;
}

export interface OpenOnThreadOptions {
  /** Whether the thread restores from the index file it was started with (else it is sent every paper to build). */
  restore: boolean;
  /** What the papers were read from, kept in the file; and whether a file from an earlier source must be rewritten. */
  source?: { now: IndexSource; outdates(written: IndexSource | undefined): boolean };
  log: Logger;
  /** Search on this thread over these papers: what answers should the thread fail. */
  fallBack(papers: Paper[]): Promise<ThreadedSearch>;
}

interface Pending {
  text: string;
  options: SearchOptions & { limit: number; offset: number };
  resolve(page: SearchPage): void;
  reject(error: unknown): void;
}

/**
 * The main thread's side. Queries are parsed here (a bad one rejects at once with its UserError) and
 * sent as plain data; pages come back the same way. Updates go in the same queue, so a search sent
 * after one sees it. The papers as last sent are kept (references, not copies) so that, should the
 * thread fail, search here is opened over them and every query waiting or to come is answered there.
 */
export class SearchThread implements ThreadedSearch {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /**
   * Where the thread sends pages (and failed searches): a port of their own, so they can also be taken
   * synchronously (`drain`) when a search is sent, rather than only when the event loop next reads it.
   */
  private readonly answers = new MessageChannel();
  private readonly papers = new Map<string, Paper>();
  /** Search here, once the thread failed. */
  private fallback: Promise<ThreadedSearch> | undefined;
  /** A failure before `open` gave a way to fall back: met there. */
  private failure: unknown;
  private closed = false;
  private opening: OpenOnThreadOptions | undefined;
  /** The papers `open` was given, in its order, until the thread said which it needs. */
  private opened: readonly Paper[] = [];
  private up: { resolve(): void; reject(error: unknown): void } | undefined;

  private constructor(private readonly worker: Worker) {
    // The bot's stop path ends it (close); it alone never keeps a process alive.
    worker.unref();
    worker.on("message", (message: FromSearchThread) => this.receive(message));
    this.answers.port1.on("message", (message: FromSearchThread) => this.receive(message));
    this.answers.port1.unref();
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`the search thread exited with code ${code}`)));
  }

  /**
   * Starts the thread and has it begin reading `indexFile` (called before the store is opened, so it
   * reads while the main thread parses). Undefined when no thread can be started.
   */
  static start(indexFile: string | undefined, log?: Logger): SearchThread | undefined {
    try {
      const thread = new SearchThread(startModuleThread(import.meta.url, THREAD_TAG, SEARCH_THREAD_LIMITS));
      const answers = thread.answers.port2;
      thread.post({ type: "read", indexFile, answers }, [answers]);
      return thread;
    } catch (error) {
      log?.warn({ err: error }, "the search thread could not be started; searching on the main thread");
      return undefined;
    }
  }

  /**
   * Opens search over `papers` (`prints`: their fingerprints, in order) on the thread: restored from
   * its file, with only the papers it lacks or holds changed sent over, or built from them all.
   * Resolves once the thread answers, or, should it fail, once search here does.
   */
  open(papers: readonly Paper[], prints: Uint32Array, options: OpenOnThreadOptions): Promise<void> {
    this.opening = options;
    this.opened = papers;
    for (const paper of papers) this.papers.set(paper.id, paper);
    const up = new Promise<void>((resolve, reject) => {
      this.up = { resolve, reject };
    });
    if (this.failure !== undefined) {
      this.fail(this.failure);
      return up;
    }
    const ids = papers.map((paper) => paper.id);
    // A copy is moved: the caller keeps its fingerprints for the vectors.
    const moved = prints.slice();
    if (options.restore)
      this.post({ type: "open", ids, prints: moved, source: options.source?.now }, [moved.buffer]);
    else {
      const rewrite = options.source?.outdates(undefined) ?? false;
      this.post({ type: "open", ids, prints: moved, source: options.source?.now, build: true, rewrite }, [
        moved.buffer,
      ]);
      for (const batch of inBatches(papers, indexedPart)) this.post({ type: "batch", papers: batch });
    }
    return up;
  }

  async search(text: string, options: { limit: number; offset: number }): Promise<SearchPage> {
    const query = parseQuery(text);
    if (this.fallback) return (await this.fallback).search(text, options);
    if (this.closed) throw new Error("search is closed");
    this.drain();
    return new Promise<SearchPage>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { text, options, resolve, reject });
      this.post({ type: "search", id, query, options: { limit: options.limit, offset: options.offset } });
    });
  }

  /** Has the thread begin rewriting its index file, if the start found it missing or stale. */
  write(): void {
    if (!this.fallback) this.post({ type: "write" });
  }

  index(papers: readonly Paper[]): void {
    for (const paper of papers) this.papers.set(paper.id, paper);
    if (this.fallback) {
      const fallback = this.fallback;
      void fallback.then((search) => search.index(papers));
      return;
    }
    this.post({ type: "index", papers: papers.map(indexedPart) });
  }

  /** Ends the thread; a query still waiting is refused, not left hanging. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.pending.values()) waiting.reject(new Error("search is closed"));
    this.pending.clear();
    this.answers.port1.close();
    await this.worker.terminate();
  }

  /** The thread itself, for a test that makes it fail. */
  get thread(): Worker {
    return this.worker;
  }

  /**
   * Takes the pages the thread has sent and not yet been read, and settles their searches. Called as a
   * search is sent: under load the event loop reads many requests in one turn before the port's
   * messages, so pages that were ready waited behind every request read meanwhile (the e2e p99 at
   * 100k); settled here, their replies go out before the next request is read.
   */
  private drain(): void {
    for (
      let next = receiveMessageOnPort(this.answers.port1);
      next;
      next = receiveMessageOnPort(this.answers.port1)
    )
      this.receive(next.message as FromSearchThread);
  }

  private post(message: ToSearchThread, transfer: (ArrayBuffer | MessagePort)[] = []): void {
    try {
      this.worker.postMessage(message, transfer);
    } catch (error) {
      this.fail(error);
    }
  }

  private receive(message: FromSearchThread): void {
    switch (message.type) {
      case "need": {
        const { positions, written } = message;
        const all = this.opened;
        this.opened = [];
        this.post({
          type: "papers",
          papers: Array.from(positions, (at) => indexedPart(all[at] as Paper)),
          rewrite: this.opening?.source?.outdates(written) ?? false,
        });
        return;
      }
      case "ready":
        this.up?.resolve();
        return;
      case "page":
      case "failed": {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.type === "page") waiting?.resolve(message.page);
        else waiting?.reject(remade(message.error));
        return;
      }
      case "log":
        this.opening?.log[message.level](message.fields, message.message);
        return;
    }
  }

  /** From here on search is answered on this thread: every query waiting is asked again there. */
  private fail(error: unknown): void {
    if (this.closed || this.fallback) return;
    const opening = this.opening;
    if (!opening) {
      this.failure ??= error;
      return;
    }
    opening.log.warn({ err: error }, "the search thread failed; searching on the main thread");
    const fallback = opening.fallBack([...this.papers.values()]);
    this.fallback = fallback;
    fallback.then(
      () => this.up?.resolve(),
      (failed: unknown) => this.up?.reject(failed),
    );
    for (const waiting of this.pending.values())
      fallback
        .then((search) => search.search(waiting.text, waiting.options))
        .then(waiting.resolve, waiting.reject);
    this.pending.clear();
    void this.worker.terminate();
  }
}

/** The thread's error as the main thread's: a UserError keeps its code and hint. */
function remade(error: ThreadError): Error {
  return error.code === undefined
    ? new Error(error.message)
    : new UserError(error.code, error.message, error.hint);
}

/** The thread's side: one message at a time, in the order sent. */
function serveOnThread(port: MessagePort): void {
  let indexFile: string | undefined;
  /**
   * The index file, read and loaded while the main thread still reads the papers (at 100k, ~0.3 s
   * less between the papers' fingerprints arriving and search answering): what `open` restores from.
   */
  let loading: Promise<{ entry: IndexFileEntry; loaded: SearchIndex } | undefined> =
    Promise.resolve(undefined);
  let index: SearchIndex | undefined;
  let answers: MessagePort | undefined;
  /** The index file's rewrite, when the start found one due: begun when the main thread says (`write`). */
  let due: (() => Promise<void>) | undefined;
  /** Between `open` and `papers`: what the answer to `need` completes. */
  let restoring:
    | {
        ids: string[];
        prints: Uint32Array;
        source?: IndexSource;
        loaded?: SearchIndex;
        positions: Uint32Array;
      }
    | undefined;

  const post = (message: FromSearchThread, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);
  const answer = (message: FromSearchThread) => (answers ?? port).postMessage(message);
  const logAt =
    (level: "info" | "warn") =>
    (fields: Record<string, unknown>, message: string): void =>
      post({ type: "log", level, fields: cloneable(fields), message });
  const log = { info: logAt("info"), warn: logAt("warn") } as unknown as WriterLog;

  /** Built from papers, and warmed up as the index loaded from its file was when it was loaded. */
  const buildWarm = (papers: Paper[], prints?: Uint32Array): SearchIndex => {
    const built = SearchIndex.build(papers, prints);
    built.warmUpQueries();
    return built;
  };

  /** Announced (warmed up already); a stale or missing file is rewritten once the index answers, when the main thread says. */
  const ready = (
    built: SearchIndex,
    changed: number,
    total: number,
    rewrite: boolean,
    source?: IndexSource,
  ) => {
    index = built;
    post({ type: "ready" });
    // The rest of the index file, a piece between queries: the start did not wait for it. A rewrite
    // waits for it too, or it would read all that is left at once while queries wait.
    const rest = built.readRest();
    const restRead = new Promise<void>((resolve) => {
      const step = () => {
        let more = false;
        try {
          more = index === built && rest.next().done !== true;
        } catch (error) {
          // The file changed in place under its reader (paperbot only ever renames a new one over it):
          // the ranges read so far still answer; a query reaching past them fails on its own.
          log.warn({ err: error, file: indexFile }, "the rest of the search index file could not be read");
        }
        if (more) setImmediate(step);
        else resolve();
      };
      setImmediate(step);
    });
    if (indexFile && (worthRewriting(changed, total) || rewrite)) {
      const write = indexWriter(indexFile, built, source, log);
      due = () => restRead.then(() => write());
    }
  };

  /** Between `open` with `build` and its last `batch`: the papers so far. */
  let building:
    | { total: number; papers: Paper[]; prints: Uint32Array; rewrite: boolean; source?: IndexSource }
    | undefined;
  const built = () => {
    if (!building) return;
    const { papers, prints, rewrite, source } = building;
    building = undefined;
    ready(buildWarm(papers, prints), papers.length, papers.length, rewrite, source);
  };

  const handle = async (message: ToSearchThread): Promise<void> => {
    switch (message.type) {
      case "read":
        answers = message.answers;
        indexFile = message.indexFile;
        // Opened, not read whole: at 100k papers ~30 MB of the 373 MB file, the rest read after the first
        // answer (readRest). Reading it all here took memory and time from the main thread's parse of
        // the papers beside it: a restart answered ~0.4 s later.
        loading = Promise.resolve()
          .then(() => (indexFile ? openIndexFileEntry(indexFile) : undefined))
          .then((entry) => {
            if (!entry) return undefined;
            const loaded = SearchIndex.load(entry.snapshot);
            SearchIndex.warmUp();
            // Here, while the main thread still reads the papers, rather than after catching up: the
            // common words' postings are made from the file then, off the start's longest path (at 100k,
            // 0.2-0.37 s less from the papers to the first answer). Catching up updates them as any update
            // does, so the restored index is not warmed up again.
            loaded.warmUpQueries();
            return { entry, loaded };
          });
        loading.catch(() => undefined);
        return;
      case "open": {
        const { ids, prints, source } = message;
        if (message.build) {
          building = { total: ids.length, papers: [], prints, rewrite: message.rewrite ?? false, source };
          if (ids.length === 0) built();
          return;
        }
        let file: { entry: IndexFileEntry; loaded: SearchIndex } | undefined;
        try {
          file = await loading;
        } catch (error) {
          log.warn({ err: error, file: indexFile }, "the search index file could not be read; re-indexing");
        }
        const positions = file
          ? stalePositions(file.entry.snapshot, ids, prints)
          : Uint32Array.from(ids.keys());
        restoring = { ids, prints, source, loaded: file?.loaded, positions };
        post({ type: "need", positions: positions.slice(), written: file?.entry.source });
        return;
      }
      case "batch": {
        if (!building) throw new Error("papers sent before open");
        for (const paper of message.papers) building.papers.push(paper);
        if (building.papers.length >= building.total) built();
        return;
      }
      case "papers": {
        if (!restoring) throw new Error("papers sent before open");
        const { ids, prints, source, loaded, positions } = restoring;
        restoring = undefined;
        const { index: opened, changed } = loaded
          ? restoreByPrints(loaded, ids, prints, positions, message.papers)
          : { index: buildWarm(message.papers), changed: ids.length };
        ready(opened, changed, ids.length, message.rewrite, source);
        return;
      }
      case "write": {
        const write = due;
        due = undefined;
        void write?.();
        return;
      }
      case "index":
        if (!index) throw new Error("papers indexed before open");
        for (const paper of message.papers) {
          if (index.has(paper.id)) index.update(paper);
          else index.add(paper);
        }
        return;
      case "search":
        try {
          if (!index) throw new Error("a search before open");
          answer({ type: "page", id: message.id, page: index.search(message.query, message.options) });
        } catch (error) {
          answer({ type: "failed", id: message.id, error: threadError(error) });
        }
        return;
    }
  };

  let turn = Promise.resolve();
  port.on("message", (message: ToSearchThread) => {
    // Anything but a search failing leaves the index in doubt: the thread ends, and the main thread takes over.
    turn = turn
      .then(() => handle(message))
      .catch((error: unknown) => {
        setImmediate(() => {
          throw error;
        });
      });
  });
}

function threadError(error: unknown): ThreadError {
  if (error instanceof UserError) return { message: error.message, code: error.code, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Log fields as plain data: an error as its name, message and stack. */
function cloneable(fields: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    plain[key] =
      value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value;
  return plain;
}

if (isThreadOf(THREAD_TAG) && parentPort) serveOnThread(parentPort);
