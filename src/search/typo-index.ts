// Finds known words one typo away from an unknown one, without scanning the whole vocabulary.

import { withinOneEdit } from "./edit-distance.js";

/** Shorter words have too many one-typo neighbours ("model"/"modal") to guess safely. */
export const MIN_TYPO_LENGTH = 5;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Words bucketed by length and first letter. A typo either keeps the first letter, and the match is
 * in one of three buckets (length −1, same, +1), or changes it, and the few candidate spellings are
 * looked up directly. At 100k papers a bucket holds hundreds of words, not hundreds of thousands.
 */
export class TypoIndex {
  private readonly buckets = new Map<string, string[]>();

  add(word: string): void {
    if (word.length < MIN_TYPO_LENGTH - 1) return;
    const key = bucketKey(word.length, word[0] as string);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(word);
    else this.buckets.set(key, [word]);
  }

  /** Known words within one edit of `word`, itself excluded; `has` says whether a word is known. */
  near(word: string, has: (word: string) => boolean, max = 16): string[] {
    const found = new Set<string>();
    const first = word[0] as string;
    for (let length = word.length - 1; length <= word.length + 1 && found.size < max; length++) {
      for (const candidate of this.buckets.get(bucketKey(length, first)) ?? []) {
        if (candidate !== word && withinOneEdit(word, candidate)) found.add(candidate);
        if (found.size >= max) break;
      }
    }
    for (const candidate of firstLetterEdits(word)) {
      if (found.size >= max) break;
      if (candidate !== word && candidate.length >= MIN_TYPO_LENGTH - 1 && has(candidate))
        found.add(candidate);
    }
    return [...found];
  }
}

function bucketKey(length: number, first: string): string {
  return `${length}:${first}`;
}

function firstLetterEdits(word: string): string[] {
  const rest = word.slice(1);
  const edits = [rest, `${word[1] ?? ""}${word[0]}${word.slice(2)}`];
  for (const letter of ALPHABET) edits.push(letter + rest, letter + word);
  return edits;
}
