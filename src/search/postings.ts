// One term's postings: which documents hold it and how often in each field, in typed arrays.
import { FIELD_COUNT } from "./fields.js";

/**
 * Parallel typed arrays rather than objects per posting: at 100k papers there are millions of
 * postings, and a scan over an Int32Array is what keeps a query within milliseconds.
 */
export class PostingList {
  docs: Int32Array;
  /** FIELD_COUNT counts per posting, capped at 255 (saturation makes more pointless). */
  counts: Uint8Array;
  /**
   * The posting's BM25F term weight, saturated, before idf: precomputed so a query adds one
   * multiply per posting; recomputed (`rescore`) when average field lengths are refreshed.
   */
  weights: Float32Array;
  length = 0;
  /** Counts changes to the postings or their weights, so what was derived from them (impact-split.ts) can tell it is stale. */
  version = 0;

  constructor(capacity = 2) {
    this.docs = new Int32Array(capacity);
    this.counts = new Uint8Array(capacity * FIELD_COUNT);
    this.weights = new Float32Array(capacity);
  }

  /** A list over existing arrays (views into an index file): it copies them only when it grows. */
  static over(docs: Int32Array, counts: Uint8Array, weights: Float32Array): PostingList {
    const list = new PostingList(0);
    list.docs = docs;
    list.counts = counts;
    list.weights = weights;
    list.length = docs.length;
    return list;
  }

  add(doc: number, fieldCounts: ArrayLike<number>, weight: number): void {
    if (this.length === this.docs.length) this.grow();
    this.docs[this.length] = doc;
    this.weights[this.length] = weight;
    const base = this.length * FIELD_COUNT;
    for (let f = 0; f < FIELD_COUNT; f++) this.counts[base + f] = Math.min(255, fieldCounts[f] ?? 0);
    this.length++;
    this.version++;
  }

  /** Recomputes every posting's weight from its document and field counts. */
  rescore(weigh: (doc: number, counts: Uint8Array, base: number) => number): void {
    for (let j = 0; j < this.length; j++) {
      this.weights[j] = weigh(this.docs[j] as number, this.counts, j * FIELD_COUNT);
    }
    this.version++;
  }

  /** Drops a document's posting; order is not kept (scoring never relies on it). */
  remove(doc: number): void {
    const at = this.docs.subarray(0, this.length).indexOf(doc);
    if (at < 0) return;
    const last = this.length - 1;
    this.docs[at] = this.docs[last] as number;
    this.weights[at] = this.weights[last] as number;
    this.counts.copyWithin(at * FIELD_COUNT, last * FIELD_COUNT, (last + 1) * FIELD_COUNT);
    this.length = last;
    this.version++;
  }

  private grow(): void {
    const docs = new Int32Array(Math.max(2, this.docs.length * 2));
    docs.set(this.docs);
    const counts = new Uint8Array(docs.length * FIELD_COUNT);
    counts.set(this.counts);
    const weights = new Float32Array(docs.length);
    weights.set(this.weights);
    this.docs = docs;
    this.counts = counts;
    this.weights = weights;
  }
}
