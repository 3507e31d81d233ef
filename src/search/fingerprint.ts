// A 32-bit hash of what the index reads from a paper, to tell which papers changed since an index file was written.
import type { Paper } from "../papers/paper.js";
import { fieldTexts } from "./doc-record.js";

/** Every `step`-th character, then the length: a separator too, so ("ab", "c") and ("a", "bc") differ. */
function mix(hash: number, text: string, step = 1): number {
  let h = hash;
  for (let i = 0; i < text.length; i += step) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ text.length, 0x01000193);
}

/** Abstracts are most of the text; a sample of their characters plus their length catches real edits. */
const ABSTRACT_STEP = 8;

/**
 * FNV-1a over the indexed fields, categories, date, votes and arXiv version. Checking 100k papers
 * at every start must take a fraction of a second, so the abstract is sampled (an edit that keeps its
 * length and every eighth character would go unseen until the paper changes again); the arXiv
 * version, which a revised abstract comes with, is hashed whole.
 */
export function paperFingerprint(paper: Paper): number {
  let h = 0x811c9dc5;
  fieldTexts(paper).forEach((text, field) => {
    h = mix(h, text, field === 1 ? ABSTRACT_STEP : 1);
  });
  h = mix(h, paper.categories.join(","));
  h = mix(h, paper.published ?? "");
  h = mix(h, `${paper.upvotes ?? ""}v${paper.arxivVersion ?? ""}`);
  return h >>> 0;
}
