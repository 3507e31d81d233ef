// The Porter stem of a word, memoized: the stemmer is regex-heavy and a corpus repeats words a lot.
import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";

/** Enough for a large corpus's vocabulary; past it the memo starts over rather than grow without bound. */
const MEMO_LIMIT = 200_000;
const memo = new Map<string, string>();

/** The lower-case Porter stem of one word ("Merging" → "merg", "models" → "model"). */
export function stem(word: string): string {
  const lower = word.toLowerCase();
  const known = memo.get(lower);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const stemmed = /^[a-z]+$/.test(lower) ? PorterStemmer.stem(lower) : lower;
  memo.set(lower, stemmed);
  return stemmed;
}
