// Candidate documents for a quoted phrase: a hashed index of adjacent word pairs, checked afterwards word for word.

/** Between fields (FIELD_BREAK) and beyond: ids below zero never pair. */
const MIN_BUCKET_BITS = 10;
const MAX_BUCKET_BITS = 23;
/** Past this many documents added since the last build, pairs are rebuilt rather than kept in the overflow. */
const OVERFLOW_SHARE = 0.1;

function bucketOf(a: number, b: number, mask: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & mask;
}

export interface PairSnapshot {
  mask: number;
  offsets: Int32Array;
  docs: Int32Array;
  indexedDocs: number;
}

/**
 * Checking a phrase against every document holding its words reads tens of megabytes at 100k papers
 * when the words are common ("optimization" and "modeling" share a third of a corpus). A pair of
 * adjacent words is far more selective, so the phrase's rarest pair gives the few documents worth
 * checking. Pairs are hashed into buckets (a collision only adds a document to check), stored as
 * one offsets array and one documents array; documents added later wait in a small overflow, and a
 * removed or changed document's stale entries are harmless because every candidate is verified.
 */
export class PairIndex {
  private overflow = new Map<number, number[]>();
  private overflowDocs = 0;

  private constructor(
    private readonly mask: number,
    private readonly offsets: Int32Array,
    private readonly docs: Int32Array,
    private readonly indexedDocs: number,
  ) {}

  /** Indexes the pairs of every document's text (surface-word ids, negative ids separating fields). */
  static build(texts: readonly (Int32Array | undefined)[]): PairIndex {
    let pairs = 0;
    for (const text of texts) if (text) pairs += Math.max(0, text.length - 1);
    const bits = Math.min(MAX_BUCKET_BITS, Math.max(MIN_BUCKET_BITS, Math.ceil(Math.log2(pairs / 8 + 1))));
    const mask = 2 ** bits - 1;
    // Two passes over the same hashes: count per bucket, then fill. Each document's buckets are
    // hashed once into `hashes`, and a repeated pair (or two pairs in one bucket) is listed once.
    const offsets = new Int32Array(mask + 2);
    const last = new Int32Array(mask + 1).fill(-1);
    const buckets: Int32Array[] = new Array(texts.length);
    for (let doc = 0; doc < texts.length; doc++) {
      const text = texts[doc];
      if (!text) continue;
      const own = new Int32Array(Math.max(0, text.length - 1));
      let n = 0;
      for (let i = 0; i + 1 < text.length; i++) {
        const a = text[i] as number;
        const b = text[i + 1] as number;
        if (a < 0 || b < 0) continue;
        const bucket = bucketOf(a, b, mask);
        if (last[bucket] === doc) continue;
        last[bucket] = doc;
        own[n++] = bucket;
        offsets[bucket + 1] = (offsets[bucket + 1] as number) + 1;
      }
      buckets[doc] = own.subarray(0, n);
    }
    for (let i = 1; i < offsets.length; i++) offsets[i] = (offsets[i] as number) + (offsets[i - 1] as number);
    const docs = new Int32Array(offsets[offsets.length - 1] as number);
    const cursor = offsets.slice(0, mask + 1);
    for (let doc = 0; doc < buckets.length; doc++) {
      const own = buckets[doc];
      if (!own) continue;
      for (let i = 0; i < own.length; i++) {
        const bucket = own[i] as number;
        docs[cursor[bucket] as number] = doc;
        cursor[bucket] = (cursor[bucket] as number) + 1;
      }
    }
    return new PairIndex(mask, offsets, docs, texts.length);
  }

  /** The built part as plain data for the index file; undefined while documents wait in the overflow. */
  toSnapshot(): PairSnapshot | undefined {
    if (this.overflowDocs > 0) return undefined;
    return { mask: this.mask, offsets: this.offsets, docs: this.docs, indexedDocs: this.indexedDocs };
  }

  static fromSnapshot(snapshot: PairSnapshot): PairIndex {
    return new PairIndex(snapshot.mask, snapshot.offsets, snapshot.docs, snapshot.indexedDocs);
  }

  /** Whether so many documents arrived since the build that rebuilding is worth it. */
  get stale(): boolean {
    return this.overflowDocs > Math.max(1_000, this.indexedDocs * OVERFLOW_SHARE);
  }

  /** Adds a document indexed (or re-indexed) after the build. */
  add(doc: number, text: Int32Array): void {
    this.overflowDocs++;
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text[i] as number;
      const b = text[i + 1] as number;
      if (a < 0 || b < 0) continue;
      const bucket = bucketOf(a, b, this.mask);
      const list = this.overflow.get(bucket);
      if (!list) this.overflow.set(bucket, [doc]);
      else if (list[list.length - 1] !== doc) list.push(doc);
    }
  }

  /**
   * The documents that may hold the phrase (surface-word ids): those listed under its rarest pair.
   * Undefined for a one-word phrase, which has no pair.
   */
  candidates(phrase: readonly number[]): { docs: Int32Array; more: readonly number[] } | undefined {
    let best: { docs: Int32Array; more: readonly number[] } | undefined;
    let bestSize = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < phrase.length; i++) {
      const bucket = bucketOf(phrase[i] as number, phrase[i + 1] as number, this.mask);
      const docs = this.docs.subarray(this.offsets[bucket] as number, this.offsets[bucket + 1] as number);
      const more = this.overflow.get(bucket) ?? [];
      if (docs.length + more.length < bestSize) {
        best = { docs, more };
        bestSize = docs.length + more.length;
      }
    }
    return best;
  }
}
