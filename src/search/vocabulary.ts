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
}

/**
 * Surface words (as written, lower case) get ids so a document's text is kept as a compact array
 * of numbers for phrase checks; each maps to the term it ranks as, and maybe a second, glued term.
 */
export class Vocabulary {
  private readonly surfaceIds = new Map<string, number>();
  private readonly surfaces: string[] = [];
  private readonly termOf: number[] = [];
  private readonly gluedTermOf: number[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly typos = new TypoIndex();
  /** Surface words in code-unit order for prefix lookup; new words wait in `pending` until needed. */
  private sorted: string[] = [];
  private pending: string[] = [];

  get termCount(): number {
    return this.termIds.size;
  }

  get surfaceCount(): number {
    return this.surfaces.length;
  }

  toSnapshot(): VocabularySnapshot {
    this.settle();
    const terms = new Array<string>(this.termIds.size);
    for (const [term, id] of this.termIds) terms[id] = term;
    return {
      surfaces: this.surfaces,
      termOf: Int32Array.from(this.termOf),
      gluedTermOf: Int32Array.from(this.gluedTermOf),
      terms,
      sorted: Int32Array.from(this.sorted, (word) => this.surfaceIds.get(word) as number),
    };
  }

  static fromSnapshot(snapshot: VocabularySnapshot): Vocabulary {
    const vocabulary = new Vocabulary();
    const { surfaces, termOf, gluedTermOf, terms, sorted } = snapshot;
    for (let id = 0; id < surfaces.length; id++) {
      const word = surfaces[id] as string;
      vocabulary.surfaceIds.set(word, id);
      vocabulary.surfaces.push(word);
      vocabulary.termOf.push(termOf[id] as number);
      vocabulary.gluedTermOf.push(gluedTermOf[id] as number);
      if (termOf[id] !== NO_TERM) vocabulary.typos.add(word);
    }
    for (let id = 0; id < terms.length; id++) vocabulary.termIds.set(terms[id] as string, id);
    vocabulary.sorted = Array.from(sorted, (id) => surfaces[id] as string);
    return vocabulary;
  }

  /** The id of a surface word, registering it (and its terms) on first sight. */
  intern(word: string): number {
    const known = this.surfaceIds.get(word);
    if (known !== undefined) return known;
    const id = this.surfaces.length;
    this.surfaceIds.set(word, id);
    this.surfaces.push(word);
    const indexable = !isStopWord(word);
    this.termOf.push(indexable ? this.internTerm(stem(word)) : NO_TERM);
    const glued = indexable ? gluedStem(word) : undefined;
    this.gluedTermOf.push(glued === undefined ? NO_TERM : this.internTerm(stem(glued)));
    if (indexable) {
      this.pending.push(word);
      this.typos.add(word);
    }
    return id;
  }

  surfaceId(word: string): number | undefined {
    return this.surfaceIds.get(word);
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
    return this.termIds.get(stem(word));
  }

  /** Known surface words that start with `prefix` (itself excluded), at most `max`. */
  withPrefix(prefix: string, max: number): string[] {
    this.settle();
    const found: string[] = [];
    for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length && found.length < max; i++) {
      const word = this.sorted[i] as string;
      if (!word.startsWith(prefix)) break;
      if (word !== prefix) found.push(word);
    }
    return found;
  }

  /** Known surface words one typo away from `word`. */
  nearWords(word: string): string[] {
    return this.typos.near(word, (candidate) => this.surfaceIds.has(candidate));
  }

  private internTerm(term: string): number {
    const known = this.termIds.get(term);
    if (known !== undefined) return known;
    const id = this.termIds.size;
    this.termIds.set(term, id);
    return id;
  }

  /** Merges new words into the sorted list: one sort per burst of additions, not one per word. */
  private settle(): void {
    if (this.pending.length === 0) return;
    const fresh = this.pending.sort();
    this.pending = [];
    this.sorted = this.sorted.length === 0 ? fresh : mergeSorted(this.sorted, fresh);
  }
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    out[k++] = ((a[i] as string) <= (b[j] as string) ? a[i++] : b[j++]) as string;
  }
  while (i < a.length) out[k++] = a[i++] as string;
  while (j < b.length) out[k++] = b[j++] as string;
  return out;
}
