// A paper's content as a small set of normalized terms, for cheap similarity between two papers.
import type { Paper } from "../papers/paper.js";

const STOP = new Set(
  "a an and are as at be by for from has have in into is it its of on or our that the their this to we with which via using based towards toward new large model models learning method methods approach paper results show propose proposed".split(
    " ",
  ),
);

/** Crude suffix folding: enough to make "merging"/"merged"/"merge" meet, cheaply. */
function fold(word: string): string {
  return word.replace(/(ing|ings|ed|es|s)$/, "").slice(0, 12);
}

export function termSet(paper: Paper): Set<string> {
  const text = `${paper.title} ${(paper.keyphrases ?? []).join(" ")}`.toLowerCase();
  const terms = new Set<string>();
  for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
    if (word.length > 2 && !STOP.has(word)) terms.add(fold(word));
  }
  return terms;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}
