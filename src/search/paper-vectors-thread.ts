// Builds the paper vectors on a second thread, so a first start makes them while the main thread builds the search index.
import { parentPort, type Worker } from "node:worker_threads";
import type { Logger } from "../log.js";
import { BATCH_SIZE, inBatches } from "./batched-post.js";
import { FIELD_BREAK } from "./doc-record.js";
import { isThreadOf, startModuleThread } from "./module-thread.js";
import { PairIndexBuilder, type PairsFirstPass } from "./pair-index.js";
import {
  type OtherContent,
  type PaperContent,
  PaperTokens,
  surfaceTokenHash,
  type TextWords,
} from "./paper-text.js";
import { PaperVectors, type PaperVectorsSnapshot } from "./paper-vectors.js";
import type { Vocabulary } from "./vocabulary.js";
import type { WordsListener } from "./word-ids.js";

/** What the thread is started with, so this module knows it is the thread's entry and not an import. */
const THREAD_TAG = "paperbot:paper-vectors";

/** What the thread sends back: the vectors without their ids (the sender has them, in the same order). */
type BuiltVectors = Omit<PaperVectorsSnapshot, "ids">;

/**
 * The thread's two messages, in this order: the first pass of the pair index over the texts it was sent
 * as words (undefined unless it was sent every paper's), then the vectors.
 */
type ThreadReply = { pairs: PairsFirstPass | undefined } | { vectors: BuiltVectors };

/** A paper as it crosses to the thread: without its title and abstract when its words are plain (`words` has them). */
type SentPaper = OtherContent & Partial<Pick<PaperContent, "title" | "abstract">>;

/** One message to the thread: papers in order, and, when a build read them, their words. */
interface PaperBatch {
  papers: SentPaper[];
  /**
   * The blocks of the search index's surface-word ids that hold the batch's texts, FIELD_BREAK between
   * fields: views of SharedArrayBuffers, so they cross without a copy (the index keeps and never changes them).
   */
  blocks?: Int32Array[];
  /**
   * Per paper, five numbers: its block in `blocks`, then offsets into that block: where its text starts,
   * where its title ends, where its abstract ends (it starts after the title's FIELD_BREAK), where its text ends.
   */
  bounds?: Uint32Array;
  /** The surface words interned since the last batch, in id order (ids from 0 across batches). */
  surfaces?: string[];
}

/** Only what a paper's vector is made from crosses to the thread: copying whole papers would cost more. */
function withText(paper: PaperContent): SentPaper {
  const { title, abstract, keyphrases, authors, organization, categories } = paper;
  return { title, abstract, keyphrases, authors, organization, categories };
}

function withoutText(paper: PaperContent): SentPaper {
  const { keyphrases, authors, organization, categories } = paper;
  return { keyphrases, authors, organization, categories };
}

/**
 * The thread, started: `post` sends it a batch, and `vectors` are those of `papers` once it sends them
 * back. Should the thread fail to start, to take a batch, or die, they are built here instead: slower,
 * never different.
 */
function vectorsThread(
  papers: readonly PaperContent[],
  log: Logger,
): {
  post: (batch: PaperBatch | typeof END_OF_PAPERS) => void;
  vectors: Promise<PaperVectors>;
  pairs: Promise<PairsFirstPass | undefined>;
} {
  let resolve: (vectors: PaperVectors) => void = () => {};
  const vectors = new Promise<PaperVectors>((settle) => {
    resolve = settle;
  });
  let resolvePairs: (pairs: PairsFirstPass | undefined) => void = () => {};
  const pairs = new Promise<PairsFirstPass | undefined>((settle) => {
    resolvePairs = settle;
  });
  let worker: Worker | undefined;
  let settled = false;
  const fallBack = (error: unknown) => {
    if (settled) return;
    settled = true;
    log.warn({ err: error }, "the paper vectors thread failed; building the vectors here");
    void worker?.terminate();
    resolvePairs(undefined);
    resolve(PaperVectors.build(papers));
  };
  try {
    worker = startModuleThread(import.meta.url, THREAD_TAG);
  } catch (error) {
    fallBack(error);
    return { post: () => {}, vectors, pairs };
  }
  worker.on("message", (reply: ThreadReply) => {
    if (settled) return;
    if ("pairs" in reply) {
      resolvePairs(reply.pairs);
      return;
    }
    settled = true;
    resolve(PaperVectors.fromSnapshot({ ...reply.vectors, ids: papers.map((paper) => paper.id) }));
    void worker?.terminate();
  });
  worker.once("error", fallBack);
  worker.once("exit", (code) => fallBack(new Error(`the paper vectors thread exited with code ${code}`)));
  // The words' blocks are shared, not copied: cloning ~1 MB of ids a batch cost the index's build ~0.4 s.
  const post = (batch: PaperBatch | typeof END_OF_PAPERS) => {
    if (settled) return;
    try {
      worker?.postMessage(batch);
    } catch (error) {
      // A paper that cannot be copied (never one from the store): all of them are built here.
      fallBack(error);
    }
  };
  return { post, vectors, pairs };
}

/**
 * The vectors of `papers`, built on a worker thread: the thread is started and sent the papers before
 * this returns, so the caller's thread is free to build the index meanwhile (at 100k papers each takes
 * seconds of one core; a 2-core machine does both at once).
 */
export function buildPaperVectorsOffThread(
  papers: readonly PaperContent[],
  log: Logger,
): Promise<PaperVectors> {
  const thread = vectorsThread(papers, log);
  for (const batch of inBatches(papers, withText)) thread.post({ papers: batch });
  thread.post(END_OF_PAPERS);
  return thread.vectors;
}

/**
 * The vectors of `papers`, built on a worker thread from the words the search index's build reads
 * (`listener`, for `SearchIndex.build` over the same papers in the same order) rather than from the
 * papers' text: the thread then neither receives nor tokenizes 100k abstracts, which at 100k papers
 * was most of its work and cost the index's build, on the same two cores, seconds. A paper whose
 * title or abstract the index did not read as plain words (`WordIds.plainTexts`: text outside ASCII,
 * or "2.7B") is sent with its text too, as the index's words there are not the vectors' tokens.
 * From the same words the thread makes the first pass of the index's pair index (`listener.pairs`),
 * which the build then leaves to it. `finish`, once the build is over or did not happen, sends what the listener was
 * not told, as text (the pairs are then not built there).
 */
export function buildPaperVectorsFromWords(
  papers: readonly PaperContent[],
  log: Logger,
): { vectors: Promise<PaperVectors>; listener: WordsListener; finish: () => void } {
  const thread = vectorsThread(papers, log);
  const sender = new WordsSender(papers, thread.post, thread.pairs);
  return { vectors: thread.vectors, listener: sender, finish: () => sender.finish() };
}

/** Numbers in `PaperBatch.bounds` a paper. */
const BOUNDS = 5;

/** `ids` as a view of a SharedArrayBuffer: the array itself when it is one, else a copy on one. */
function onSharedMemory(ids: Int32Array): Int32Array {
  if (ids.buffer instanceof SharedArrayBuffer) return ids;
  const copy = new Int32Array(new SharedArrayBuffer(ids.byteLength));
  copy.set(ids);
  return copy;
}

class WordsSender implements WordsListener {
  /** Papers sent or batched: every one before it, in order. */
  private next = 0;
  private finished = false;
  private batch: SentPaper[] = [];
  private blocks: Int32Array[] = [];
  private bounds = new Uint32Array(BOUNDS * BATCH_SIZE);
  private vocabulary: Vocabulary | undefined;
  private surfacesSent = 0;

  constructor(
    private readonly papers: readonly PaperContent[],
    private readonly post: (batch: PaperBatch | typeof END_OF_PAPERS) => void,
    readonly pairs: Promise<PairsFirstPass | undefined>,
  ) {}

  read(doc: number, ids: Int32Array, plainTexts: number, vocabulary: Vocabulary): void {
    // Out of order (never, from SearchIndex.build) or too late: the rest go as text from `finish`.
    if (this.finished || doc !== this.next) return;
    this.vocabulary = vocabulary;
    const paper = this.papers[doc] as PaperContent;
    const shared = onSharedMemory(ids);
    const last = this.blocks[this.blocks.length - 1];
    if (last?.buffer !== shared.buffer) this.blocks.push(new Int32Array(shared.buffer));
    const start = shared.byteOffset / Int32Array.BYTES_PER_ELEMENT;
    const titleEnd = ids.indexOf(FIELD_BREAK);
    const abstractEnd = titleEnd < 0 ? -1 : ids.indexOf(FIELD_BREAK, titleEnd + 1);
    // Title and abstract, fields 0 and 1 of fieldTexts, both plain words.
    const plain = (plainTexts & 3) === 3 && abstractEnd >= 0;
    const at = BOUNDS * this.batch.length;
    this.batch.push(plain ? withoutText(paper) : withText(paper));
    this.bounds[at] = this.blocks.length - 1;
    this.bounds[at + 1] = start;
    this.bounds[at + 2] = plain ? start + titleEnd : start;
    this.bounds[at + 3] = plain ? start + abstractEnd : start;
    this.bounds[at + 4] = start + ids.length;
    this.next++;
    if (this.batch.length === BATCH_SIZE) this.flush();
  }

  end(): void {
    this.finish();
  }

  /** Sends the batch begun, then every paper not yet sent, with its text, then the end. Once. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.flush();
    for (const batch of inBatches(this.papers.slice(this.next), withText)) this.post({ papers: batch });
    this.post(END_OF_PAPERS);
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const vocabulary = this.vocabulary;
    const surfaces: string[] = [];
    if (vocabulary) {
      for (let id = this.surfacesSent; id < vocabulary.surfaceCount; id++)
        surfaces.push(vocabulary.surfaceWord(id));
      this.surfacesSent = vocabulary.surfaceCount;
    }
    this.post({
      papers: this.batch,
      blocks: this.blocks,
      bounds: this.bounds.slice(0, BOUNDS * this.batch.length),
      surfaces,
    });
    this.batch = [];
    this.blocks = [];
  }
}

/**
 * Below this many papers a thread costs more to start (and, from the TypeScript sources, to compile
 * its code) than the vectors take to build here.
 */
export const THREAD_MIN_PAPERS = 5_000;

/** The vectors of `papers`: on a second thread for a corpus large enough to be worth one, else here. */
export function buildPaperVectors(papers: readonly PaperContent[], log: Logger): Promise<PaperVectors> {
  if (papers.length < THREAD_MIN_PAPERS) return Promise.resolve(PaperVectors.build(papers));
  return buildPaperVectorsOffThread(papers, log);
}

/** What follows the last batch of papers. */
const END_OF_PAPERS = null;

/**
 * The thread's side: papers in (in batches, then END_OF_PAPERS), the pairs' first pass and the vectors
 * out (their arrays moved, not copied). Each paper is read as it arrives (`PaperTokens`, and its
 * words' pairs), while the sender is still building its index, so once the last arrives only the
 * vectors' counting and weighing are left.
 */
function serveOnThread(): void {
  const tokens = new PaperTokens();
  const pairs = new PairIndexBuilder();
  /** Whether every paper so far came with its words (else the pairs are the sender's to build). */
  let allWords = true;
  let tokenHashes = new Int32Array(1 << 16);
  let surfaces = 0;
  const words: TextWords = {
    ids: new Int32Array(0),
    titleStart: 0,
    titleEnd: 0,
    abstractStart: 0,
    abstractEnd: 0,
  };
  const take = (batch: PaperBatch) => {
    for (const surface of batch.surfaces ?? []) {
      if (surfaces === tokenHashes.length) {
        const grown = new Int32Array(2 * tokenHashes.length);
        grown.set(tokenHashes);
        tokenHashes = grown;
      }
      tokenHashes[surfaces++] = surfaceTokenHash(surface);
    }
    const { blocks, bounds } = batch;
    if (!blocks || !bounds) allWords = false;
    for (let p = 0; p < batch.papers.length; p++) {
      const paper = batch.papers[p] as SentPaper;
      const at = BOUNDS * p;
      const ids = blocks && bounds ? blocks[bounds[at] as number] : undefined;
      if (ids && allWords) pairs.add(ids.subarray(bounds?.[at + 1], bounds?.[at + 4]));
      if ((paper.title !== undefined && paper.abstract !== undefined) || !ids || !bounds) {
        tokens.addText(paper as Omit<PaperContent, "id">);
        continue;
      }
      words.ids = ids;
      words.titleStart = bounds[at + 1] as number;
      words.titleEnd = bounds[at + 2] as number;
      words.abstractStart = words.titleEnd + 1;
      words.abstractEnd = bounds[at + 3] as number;
      tokens.addWords(paper, words, tokenHashes);
    }
  };
  const receive = (batch: PaperBatch | typeof END_OF_PAPERS) => {
    if (batch !== END_OF_PAPERS) {
      take(batch);
      return;
    }
    parentPort?.off("message", receive);
    // The pairs' first pass goes back at once: the sender finishes them (the second pass) while this
    // thread weighs the vectors, the longer of the two ends.
    const pass = allWords && pairs.size === tokens.size ? pairs.firstPass() : undefined;
    const pairArrays = pass
      ? [pass.slots, pass.byId, pass.sequence, pass.firstAt, pass.ends, pass.seen].map(
          (array) => array.buffer,
        )
      : [];
    parentPort?.postMessage({ pairs: pass } satisfies ThreadReply, pairArrays as ArrayBuffer[]);
    // The sender names the rows: it has the ids.
    const vectors = PaperVectors.buildCounted(
      tokens.size,
      (i, counts) => tokens.count(i, counts),
      () => "",
    );
    const { ids: _ids, ...rows } = vectors.toSnapshot(true);
    const moved = [rows.offsets.buffer, rows.slots.buffer, rows.weights.buffer, rows.df.buffer];
    parentPort?.postMessage({ vectors: rows } satisfies ThreadReply, moved as ArrayBuffer[]);
  };
  parentPort?.on("message", receive);
}

if (isThreadOf(THREAD_TAG)) serveOnThread();
