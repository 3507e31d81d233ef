// Adds our TL;DR and key phrases to papers as they are stored, judging phrase rarity against the corpus.
import type { Settings } from "../config.js";
import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import { summarizePaper } from "../summarize/enrich.js";
import { KeyphraseModel } from "../summarize/keyphrases.js";
import { phraseCandidates } from "../summarize/phrase-candidates.js";

/** Summarizes papers; `warmed` settles once the key phrase model has counted its whole sample of stored papers. */
export type Enricher = ((papers: Paper[]) => Paper[]) & { warmed?: Promise<void> };

export interface EnricherOptions {
  /** Stored papers counted before the enricher is returned (default 500). */
  eagerPapers?: number;
  /** At most this many stored papers are counted in all, a uniform sample (default 10,000). */
  samplePapers?: number;
  /** How long one background slice may hold the event loop, in ms (default 8). */
  sliceMs?: number;
  /**
   * The background counting starts once this settles (default: at once). A start passes its own
   * readiness, so the slices do not slip in between the reads of the store and the index file.
   */
  warmUpAfter?: Promise<unknown>;
}

export const EAGER_PAPERS = 500;
export const SAMPLE_PAPERS = 10_000;
/**
 * Papers of one batch whose candidates are held at once while the model has counted fewer papers than
 * its sample (a whole batch of this size or less is counted before any of it is summarized).
 */
export const BATCH_CHUNK = 2_000;
/**
 * The same once the model has counted as many papers as its sample (SAMPLE_PAPERS: enough to estimate
 * rarity as well as all of them): one more chunk's phrases then barely move a rarity, and 2,000 papers'
 * candidates held at once outlived the young generation, so a 100k import promoted ~1 GB of them to
 * the old one and peaked at 1.40-1.58 GB resident (1.28-1.30 GB with this).
 */
export const COUNTED_CHUNK = 50;
/** The golden ratio's fraction: k · φ mod 1 spreads any prefix of the sequence evenly over the corpus. */
const PHI = 0.618_033_988_749_895;

/**
 * An enricher over `corpus`. Rarity is a document frequency, and a uniform sample of 10,000 papers
 * estimates it as well as all of them do, while counting every paper's phrase candidates costs
 * ~0.4 ms a paper (40 s at 100k, at every start). So the model counts a sample in short background
 * slices after start, the first 500 papers of it at once if a batch comes first, and every paper of each batch before
 * it is summarized, so a batch's own phrases count as common too (up to 2,000 papers at once; 50 once
 * the model has counted as many papers as its sample, COUNTED_CHUNK). A batch that arrives before the
 * sample is complete is judged against what has been counted so far. A corpus within the eager
 * count is counted whole, exactly as before.
 */
export function createEnricher(
  corpus: Corpus,
  settings: Pick<Settings, "summary">,
  options: EnricherOptions = {},
): Enricher {
  const counted = new Set<string>();
  const model = new KeyphraseModel();
  const count = (paper: Paper) => {
    if (counted.has(paper.id)) return;
    counted.add(paper.id);
    model.add(paper.title, paper.abstract);
  };
  const stored = [...corpus.all()];
  const samplePapers = options.samplePapers ?? SAMPLE_PAPERS;
  const sample = Math.min(stored.length, samplePapers);
  const eager = Math.min(sample, options.eagerPapers ?? EAGER_PAPERS);
  const pick = (k: number): Paper =>
    (sample === stored.length ? stored[k] : stored[Math.floor(((k * PHI) % 1) * stored.length)]) as Paper;
  let next = 0;
  // The eager part is not counted on the way to ready (500 papers' phrase candidates were ~0.3 s of a
  // 100k cold start): the background slices count it first, and a batch that comes before they have
  // counts what is left of it at once, so no batch is judged against fewer papers than before.
  const countEager = () => {
    for (; next < eager; next++) count(pick(next));
  };
  const warmed = new Promise<void>((resolve) => {
    const slice = () => {
      const until = performance.now() + (options.sliceMs ?? 8);
      while (next < sample && performance.now() < until) count(pick(next++));
      if (next >= sample) {
        stored.length = 0;
        resolve();
        return;
      }
      // Unreferenced: a command-line run exits when its work is done, not when the sample is.
      setTimeout(slice, 0).unref();
    };
    const begin = () => {
      if (next >= sample) {
        stored.length = 0;
        resolve();
      } else setTimeout(slice, 0).unref();
    };
    if (options.warmUpAfter) options.warmUpAfter.then(begin, begin);
    else begin();
  });
  const summary = { maxChars: settings.summary.maxChars };
  const enrich: Enricher = (papers) => {
    countEager();
    const out: Paper[] = [];
    // Each paper's phrase candidates are read once, to count and to choose from. A batch is counted
    // whole before any of it is summarized, in chunks, so a bulk import holds one chunk's candidates
    // (smaller ones once the model has counted its sample).
    for (let at = 0; at < papers.length; ) {
      const size = model.documents < samplePapers ? BATCH_CHUNK : COUNTED_CHUNK;
      const chunk = papers.slice(at, at + size);
      at += size;
      const candidates = chunk.map((paper) => {
        if (counted.has(paper.id)) return undefined;
        counted.add(paper.id);
        const found = phraseCandidates(paper.title, paper.abstract);
        model.addCandidates(found);
        return found;
      });
      chunk.forEach((paper, i) => {
        out.push(summarizePaper(paper, model, summary, candidates[i]));
      });
    }
    return out;
  };
  enrich.warmed = warmed;
  return enrich;
}

/** Papers stored before summaries existed (or with a different TL;DR length) need one. */
export function needsSummary(paper: Paper): boolean {
  return paper.keyphrases === undefined;
}
