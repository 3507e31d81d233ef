// A 32-bit hash of what the index reads from a paper, to tell which papers changed since an index file was written.
import type { Paper } from "../papers/paper.js";

/**
 * Every `step`-th character, then the length: a separator too, so ("ab", "c") and ("a", "bc") differ.
 * Two characters go into each multiply, which halves the chain of dependent multiplies per string.
 */
function mix(hash: number, text: string, step = 1): number {
  let h = hash;
  const pair = 2 * step;
  const length = text.length;
  let i = 0;
  for (; i + step < length; i += pair) {
    h = Math.imul(h ^ (text.charCodeAt(i) | (text.charCodeAt(i + step) << 16)), 0x01000193);
  }
  if (i < length) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ length, 0x01000193);
}

function mixAll(hash: number, texts: readonly string[] | undefined): number {
  let h = hash;
  if (texts) for (const text of texts) h = mix(h, text);
  return Math.imul(h ^ (texts?.length ?? 0), 0x01000193);
}

function mixNumber(hash: number, value: number | undefined): number {
  return Math.imul(hash ^ (value === undefined ? -1 : value | 0), 0x01000193);
}

/** Abstracts are most of the text; a sample of their characters plus their length catches real edits. */
const ABSTRACT_STEP = 8;

/**
 * FNV-1a over the indexed fields (as `fieldTexts` reads them), categories, date, votes, citations and arXiv
 * version. Checking 100k papers at every start must take a small fraction of a second, so nothing
 * is joined or copied, and the abstract is sampled (an edit that keeps its length and every eighth
 * character would go unseen until the paper changes again); the arXiv version, which a revised
 * abstract comes with, is hashed whole. Lists hash their length too, so moving a phrase from the
 * key phrases to the source's keywords changes the hash.
 */
export function paperFingerprint(paper: Paper): number {
  let h = 0x811c9dc5;
  h = mix(h, paper.title);
  h = mix(h, paper.abstract, ABSTRACT_STEP);
  h = mixAll(h, paper.authors);
  h = mix(h, paper.organization ?? "");
  h = mixAll(h, paper.keyphrases);
  h = mixAll(h, paper.sourceKeywords);
  h = mixAll(h, paper.categories);
  h = mix(h, paper.published ?? "");
  h = mixNumber(h, paper.upvotes);
  h = mixNumber(h, paper.scholar?.citationCount);
  h = mixNumber(h, paper.arxivVersion);
  return h >>> 0;
}

/** `paperFingerprint` of each paper, in order: worked out once at a start for both the index and the vectors. */
export function paperFingerprints(papers: readonly Paper[]): Uint32Array {
  const prints = new Uint32Array(papers.length);
  for (let i = 0; i < papers.length; i++) prints[i] = paperFingerprint(papers[i] as Paper);
  return prints;
}
