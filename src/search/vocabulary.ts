// The words the index has seen, the stemmed terms they rank as, and lookups by prefix and by typo.
import { stem } from "./stem.js";
import { isStopWord } from "./stop-words.js";
import { gluedStem } from "./tokenize.js";
import { TypoIndex } from "./typo-index.js";

export const NO_TERM = -1;

/** A vocabulary as plain data, for the index file. */
export interface VocabularySnapshot {
  surfaces: string[];
  termOf: Int32Array;
  gluedTermOf: Int32Array;
  /** Term strings by id. */
  terms: string[];
  /** Indexable surface ids in code-unit order of their words. */
  sorted: Int32Array;
  /** Every surface id, and every term id, in code-unit order of their strings: the loaded dictionary. */
  surfaceOrder: Int32Array;
  termOrder: Int32Array;
}

/**
 * Surface words (as written, lower case) get ids so a document's text is kept as a compact array
 * of numbers for phrase checks; each maps to the term it ranks as, and maybe a second, glued term.
 *
 * A vocabulary loaded from an index file finds its words by binary search over the file's sorted
 * orders (a sorted dictionary, as Lucene keeps one) rather than putting 320,000 strings into hash
 * maps at every start; only words first seen since go into the maps.
 */
export class Vocabulary {
  /** Surface words interned since the load (all of them when built from papers). */
  private readonly surfaceIds = new Map<string, number>();
  private surfaces: string[] = [];
  private termOf: number[] = [];
  private gluedTermOf: number[] = [];
  /** Terms interned since the load, as for surfaces; `terms` has every term's string by id. */
  private readonly termIds = new Map<string, number>();
  private terms: string[] = [];
  private loadedSurfaces: ArrayLike<number> = [];
  private loadedTerms: ArrayLike<number> = [];
  /** Made on the first typo lookup, from every indexable word (a one-query command seldom needs it). */
  private typoIndex: TypoIndex | undefined;
  /** Surface ids in code-unit order of their words, for prefix lookup; new ones wait in `pending` until needed. */
  private sorted: ArrayLike<number> = [];
  private pending: number[] = [];

  get termCount(): number {
    return this.terms.length;
  }

  get surfaceCount(): number {
    return this.surfaces.length;
  }

  toSnapshot(): VocabularySnapshot {
    this.settle();
    const { surfaces, terms } = this;
    return {
      surfaces: [...surfaces],
      termOf: Int32Array.from(this.termOf),
      gluedTermOf: Int32Array.from(this.gluedTermOf),
      terms: [...terms],
      sorted: Int32Array.from(this.sorted),
      surfaceOrder: Int32Array.from(stringOrder(surfaces, this.loadedSurfaces)),
      termOrder: Int32Array.from(stringOrder(terms, this.loadedTerms)),
    };
  }

  static fromSnapshot(snapshot: VocabularySnapshot): Vocabulary {
    const vocabulary = new Vocabulary();
    const { surfaces, termOf, gluedTermOf, terms, sorted } = snapshot;
    // Copies: the vocabulary grows them, and a snapshot may be another vocabulary's.
    vocabulary.surfaces = surfaces.slice();
    vocabulary.terms = terms.slice();
    vocabulary.termOf = Array.from(termOf);
    vocabulary.gluedTermOf = Array.from(gluedTermOf);
    vocabulary.loadedSurfaces = snapshot.surfaceOrder;
    vocabulary.loadedTerms = snapshot.termOrder;
    vocabulary.sorted = sorted;
    return vocabulary;
  }

  private typos(): TypoIndex {
    if (this.typoIndex === undefined) {
      this.typoIndex = new TypoIndex();
      for (let id = 0; id < this.surfaces.length; id++)
        if (this.termOf[id] !== NO_TERM) this.typoIndex.add(this.surfaces[id] as string);
    }
    return this.typoIndex;
  }

  /** The id of a surface word, registering it (and its terms) on first sight. */
  intern(word: string): number {
    const known = this.surfaceId(word);
    if (known !== undefined) return known;
    const id = this.surfaces.length;
    this.surfaceIds.set(word, id);
    this.surfaces.push(word);
    const indexable = !isStopWord(word);
    this.termOf.push(indexable ? this.internTerm(stem(word)) : NO_TERM);
    const glued = indexable ? gluedStem(word) : undefined;
    this.gluedTermOf.push(glued === undefined ? NO_TERM : this.internTerm(stem(glued)));
    if (indexable) {
      this.pending.push(id);
      this.typoIndex?.add(word);
    }
    return id;
  }

  surfaceId(word: string): number | undefined {
    return this.surfaceIds.get(word) ?? find(this.loadedSurfaces, this.surfaces, word);
  }

  surfaceWord(id: number): string {
    return this.surfaces[id] ?? "";
  }

  /** The term a surface word ranks as, or NO_TERM for a stop word. */
  termOfSurface(id: number): number {
    return this.termOf[id] ?? NO_TERM;
  }

  gluedTermOfSurface(id: number): number {
    return this.gluedTermOf[id] ?? NO_TERM;
  }

  /** The term a typed word ranks as, when any document has it (in any inflection). */
  termOfWord(word: string): number | undefined {
    if (isStopWord(word)) return undefined;
    return this.termId(stem(word));
  }

  /** Ids of known surface words that start with `prefix` (itself excluded), at most `max`. */
  withPrefix(prefix: string, max: number): number[] {
    this.settle();
    const { sorted, surfaces } = this;
    const found: number[] = [];
    for (let i = lowerBound(sorted, surfaces, prefix); i < sorted.length && found.length < max; i++) {
      const id = sorted[i] as number;
      const word = surfaces[id] as string;
      if (!word.startsWith(prefix)) break;
      if (word !== prefix) found.push(id);
    }
    return found;
  }

  /** Known surface words one typo away from `word`. */
  nearWords(word: string): string[] {
    return this.typos().near(word, (candidate) => this.surfaceId(candidate) !== undefined);
  }

  private termId(term: string): number | undefined {
    return this.termIds.get(term) ?? find(this.loadedTerms, this.terms, term);
  }

  private internTerm(term: string): number {
    const known = this.termId(term);
    if (known !== undefined) return known;
    const id = this.terms.length;
    this.termIds.set(term, id);
    this.terms.push(term);
    return id;
  }

  /** Merges new words into the sorted list: one sort per burst of additions, not one per word. */
  private settle(): void {
    if (this.pending.length === 0) return;
    const surfaces = this.surfaces;
    const fresh = this.pending.sort((a, b) => compare(surfaces[a] as string, surfaces[b] as string));
    this.pending = [];
    this.sorted = this.sorted.length === 0 ? fresh : mergeSorted(this.sorted, fresh, surfaces);
  }
}

/** The id whose string is `key`, by binary search over ids in the strings' order. */
function find(order: ArrayLike<number>, strings: readonly string[], key: string): number | undefined {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const id = order[mid] as number;
    const value = strings[id] as string;
    if (value === key) return id;
    if (value < key) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}

/**
 * Every id of `strings` in code-unit order of its string: the loaded order with the ids added since
 * (the ids after it) merged in, so rewriting a loaded index sorts only its new words, not 320,000.
 */
function stringOrder(strings: readonly string[], loaded: ArrayLike<number>): ArrayLike<number> {
  const fresh: number[] = [];
  for (let id = loaded.length; id < strings.length; id++) fresh.push(id);
  fresh.sort((a, b) => compare(strings[a] as string, strings[b] as string));
  if (fresh.length === 0) return loaded;
  return loaded.length === 0 ? fresh : mergeSorted(loaded, fresh, strings);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerBound(sorted: ArrayLike<number>, surfaces: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((surfaces[sorted[mid] as number] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeSorted(a: ArrayLike<number>, b: readonly number[], surfaces: readonly string[]): number[] {
  const out: number[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if ((surfaces[x] as string) <= (surfaces[y] as string)) {
      out[k++] = x;
      i++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out;
}
