// Finds known words one typo away from an unknown one, without scanning the whole vocabulary.

/** Shorter words have too many one-typo neighbours ("model"/"modal") to guess safely. */
export const MIN_TYPO_LENGTH = 5;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** One bucket's words, and their code units row after row (every word in a bucket has one length). */
interface Bucket {
  words: string[];
  codes: Uint16Array;
  /** How many of `words` are in `codes`; the rest were added since and are copied in on the next lookup. */
  rows: number;
}

/**
 * Words bucketed by length and first letter. A typo either keeps the first letter, and the match is
 * in one of three buckets (length −1, same, +1), or changes it, and the few candidate spellings are
 * looked up directly. At 100k papers a bucket holds hundreds to thousands of words; they are
 * compared as rows of one typed array, read in order, rather than as strings scattered over the
 * heap (a cache miss each: most of the time of a typo query before).
 */
export class TypoIndex {
  private readonly buckets = new Map<number, Bucket>();

  add(word: string): void {
    if (word.length < MIN_TYPO_LENGTH - 1) return;
    const key = bucketKey(word.length, word.charCodeAt(0));
    const bucket = this.buckets.get(key);
    if (bucket) bucket.words.push(word);
    else this.buckets.set(key, { words: [word], codes: EMPTY, rows: 0 });
  }

  /** Known words within one edit of `word`, itself excluded; `has` says whether a word is known. */
  near(word: string, has: (word: string) => boolean, max = 16): string[] {
    const found = new Set<string>();
    const first = word.charCodeAt(0);
    const typed = codesOf(word);
    for (let length = word.length - 1; length <= word.length + 1 && found.size < max; length++) {
      const bucket = this.buckets.get(bucketKey(length, first));
      if (!bucket) continue;
      const codes = settle(bucket, length);
      const { words } = bucket;
      for (let row = 0; row < words.length; row++) {
        if (withinOneEditOf(typed, codes, row * length, length)) {
          const candidate = words[row] as string;
          if (candidate !== word) found.add(candidate);
        }
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

const EMPTY = new Uint16Array(0);

function codesOf(word: string): Uint16Array {
  const codes = new Uint16Array(word.length);
  for (let i = 0; i < word.length; i++) codes[i] = word.charCodeAt(i);
  return codes;
}

/** The bucket's rows, with words added since the last lookup copied in. */
function settle(bucket: Bucket, length: number): Uint16Array {
  const { words } = bucket;
  if (bucket.rows === words.length) return bucket.codes;
  let codes = bucket.codes;
  if (codes.length < words.length * length) {
    const grown = new Uint16Array(Math.max(words.length, bucket.rows * 2) * length);
    grown.set(codes.subarray(0, bucket.rows * length));
    codes = grown;
  }
  for (let row = bucket.rows; row < words.length; row++) {
    const word = words[row] as string;
    for (let i = 0; i < length; i++) codes[row * length + i] = word.charCodeAt(i);
  }
  bucket.codes = codes;
  bucket.rows = words.length;
  return codes;
}

/**
 * `withinOneEdit` (Damerau distance ≤ 1) between a typed word's code units and one row of a
 * bucket: one letter added, dropped, changed or two swapped.
 */
function withinOneEditOf(a: Uint16Array, codes: Uint16Array, base: number, lb: number): boolean {
  const la = a.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === codes[base + i]) i++;
  if (la === lb) {
    if (i === la) return true;
    const swapped = i + 1 < la && a[i] === codes[base + i + 1] && a[i + 1] === codes[base + i];
    const from = i + (swapped ? 2 : 1);
    return sameTail(a, from, codes, base + from, la - from);
  }
  return la > lb
    ? sameTail(a, i + 1, codes, base + i, la - i - 1)
    : sameTail(a, i, codes, base + i + 1, la - i);
}

function sameTail(a: Uint16Array, fromA: number, codes: Uint16Array, fromB: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (a[fromA + k] !== codes[fromB + k]) return false;
  return true;
}

/** Length and first code unit in one number: no string built per word at load. */
function bucketKey(length: number, first: number): number {
  return length * 0x10000 + first;
}

function firstLetterEdits(word: string): string[] {
  const rest = word.slice(1);
  const edits = [rest, `${word[1] ?? ""}${word[0]}${word.slice(2)}`];
  for (const letter of ALPHABET) edits.push(letter + rest, letter + word);
  return edits;
}
