// Adds our TL;DR and key phrases to papers as they are stored, judging phrase rarity against the whole corpus.
import type { Settings } from "../config.js";
import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import { summarizePapers } from "../summarize/enrich.js";
import { KeyphraseModel } from "../summarize/keyphrases.js";

export type Enricher = (papers: Paper[]) => Paper[];

/**
 * An enricher over `corpus`: the key phrase model counts every stored paper once, and each batch's
 * new papers before any of them is summarized, so a batch's own phrases count as common too.
 */
export function createEnricher(corpus: Corpus, settings: Pick<Settings, "summary">): Enricher {
  const counted = new Set<string>();
  const model = new KeyphraseModel();
  const count = (paper: Paper) => {
    if (counted.has(paper.id)) return;
    counted.add(paper.id);
    model.add(paper.title, paper.abstract);
  };
  for (const paper of corpus.all()) count(paper);
  return (papers) => {
    for (const paper of papers) count(paper);
    return summarizePapers(papers, model, { maxChars: settings.summary.maxChars });
  };
}

/** Papers stored before summaries existed (or with a different TL;DR length) need one. */
export function needsSummary(paper: Paper): boolean {
  return paper.keyphrases === undefined;
}
