// The Porter stem of a word, via natural's stemmer module alone (the whole package costs ~1 s to load).
import { createRequire } from "node:module";

// createRequire keeps the deep import working in plain Node ESM, tsx and vitest alike, and needs no
// ambient module declaration (natural's own types cover only its root).
const require = createRequire(import.meta.url);
const PorterStemmer = require("natural/lib/natural/stemmers/porter_stemmer.js") as {
  stem(word: string): string;
};

/** Past this many distinct words the memo starts over rather than grow without bound. */
const MEMO_LIMIT = 100_000;
const memo = new Map<string, string>();

/** The stem of a lower-case word; words with digits or non-ASCII letters are kept as they are. */
export function stem(word: string): string {
  const known = memo.get(word);
  if (known !== undefined) return known;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const stemmed = /^[a-z]{3,}$/.test(word) ? PorterStemmer.stem(word) : word;
  memo.set(word, stemmed);
  return stemmed;
}
