// Builds the paper vectors on a second thread, so a first start makes them while the main thread builds the search index.
import { parentPort, type Worker } from "node:worker_threads";
import type { Logger } from "../log.js";
import { inBatches } from "./batched-post.js";
import { isThreadOf, startModuleThread } from "./module-thread.js";
import type { PaperContent } from "./paper-text.js";
import { PaperVectors, type PaperVectorsSnapshot } from "./paper-vectors.js";

/** What the thread is started with, so this module knows it is the thread's entry and not an import. */
const THREAD_TAG = "paperbot:paper-vectors";

/** What the thread sends back: the vectors without their ids (the sender has them, in the same order). */
type BuiltVectors = Omit<PaperVectorsSnapshot, "ids">;

/** Only what a paper's vector is made from crosses to the thread: copying whole papers would cost more. */
function contentOf(paper: PaperContent): PaperContent {
  const { id, title, abstract, keyphrases, authors, organization, categories } = paper;
  return { id, title, abstract, keyphrases, authors, organization, categories };
}

/**
 * The vectors of `papers`, built on a worker thread: the thread is started and sent the papers before
 * this returns, so the caller's thread is free to build the index meanwhile (at 100k papers each takes
 * seconds of one core; a 2-core machine does both at once). Should the thread fail to start or die,
 * the vectors are built here instead: slower, never different.
 */
export function buildPaperVectorsOffThread(
  papers: readonly PaperContent[],
  log: Logger,
): Promise<PaperVectors> {
  const here = () => PaperVectors.build(papers);
  let worker: Worker;
  try {
    worker = startModuleThread(import.meta.url, THREAD_TAG);
    for (const batch of inBatches(papers, contentOf)) worker.postMessage(batch);
    worker.postMessage(END_OF_PAPERS);
  } catch (error) {
    log.warn({ err: error }, "the paper vectors could not be built on a second thread; building them here");
    return Promise.resolve(here());
  }
  return new Promise<PaperVectors>((resolve) => {
    let settled = false;
    const fallBack = (error: unknown) => {
      if (settled) return;
      settled = true;
      log.warn({ err: error }, "the paper vectors thread failed; building the vectors here");
      resolve(here());
    };
    worker.once("message", (built: BuiltVectors) => {
      if (settled) return;
      settled = true;
      resolve(PaperVectors.fromSnapshot({ ...built, ids: papers.map((paper) => paper.id) }));
      void worker.terminate();
    });
    worker.once("error", fallBack);
    worker.once("exit", (code) => fallBack(new Error(`the paper vectors thread exited with code ${code}`)));
  });
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

/** The thread's side: papers in (in batches, then END_OF_PAPERS), vectors out (their arrays moved, not copied). */
function serveOnThread(): void {
  const papers: PaperContent[] = [];
  const receive = (batch: PaperContent[] | typeof END_OF_PAPERS) => {
    if (batch !== END_OF_PAPERS) {
      for (const paper of batch) papers.push(paper);
      return;
    }
    parentPort?.off("message", receive);
    const { ids: _ids, ...built } = PaperVectors.build(papers).toSnapshot();
    const moved = [built.offsets.buffer, built.slots.buffer, built.weights.buffer, built.df.buffer];
    parentPort?.postMessage(built satisfies BuiltVectors, moved as ArrayBuffer[]);
  };
  parentPort?.on("message", receive);
}

if (isThreadOf(THREAD_TAG)) serveOnThread();
