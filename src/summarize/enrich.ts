// Adds our TL;DR and key phrases to papers, as copies: the step the ingest pipeline runs on new papers.
import type { Paper } from "../papers/paper.js";
import { KEYPHRASES_MAX, type KeyphraseModel } from "./keyphrases.js";
import type { PhraseCandidate } from "./phrase-candidates.js";
import { makeTldr, TLDR_MAX_CHARS } from "./tldr.js";

export interface SummarizeOptions {
  /** The longest TL;DR, in characters (default 280). */
  maxChars?: number;
  /** How many key phrases at most (default 5, never more than 6). */
  maxKeyphrases?: number;
}

/** One paper with `tldr` and `keyphrases` computed; `tldr` is left out when no sentence could be made. */
export function summarizePaper(
  paper: Paper,
  model: KeyphraseModel,
  options: SummarizeOptions = {},
  candidates?: ReadonlyMap<string, PhraseCandidate>,
): Paper {
  const { tldr: _old, ...rest } = paper;
  const tldr = makeTldr(paper.abstract, { maxChars: options.maxChars ?? TLDR_MAX_CHARS, title: paper.title });
  const max = options.maxKeyphrases ?? KEYPHRASES_MAX;
  const keyphrases = candidates
    ? model.extractFrom(candidates, max)
    : model.extract(paper.title, paper.abstract, max);
  return tldr === "" ? { ...rest, keyphrases } : { ...rest, tldr, keyphrases };
}

/**
 * Copies of `papers` with `tldr` and `keyphrases` set. The model should already hold the papers
 * (build it over the whole corpus first, `model.add` each new paper), so rarity is judged corpus-wide.
 */
export function summarizePapers(
  papers: Paper[],
  model: KeyphraseModel,
  options: SummarizeOptions = {},
): Paper[] {
  return papers.map((paper) => summarizePaper(paper, model, options));
}
