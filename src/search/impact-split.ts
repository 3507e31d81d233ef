// A broad term's postings split by weight: a small head of its heaviest postings and a tail under a cutoff, each in document order.
import type { PostingList } from "./postings.js";

/**
 * Why: a word in a third of the corpus ("learning", "models") cannot put most of its papers on the
 * first page; the ones that can are the few where it weighs most. A query scores the heads, bounds
 * every tail by its cutoff, and looks up the tail weight only of papers that could still make the
 * page (query-run.ts, `pruned`). Both halves are kept in document order so such a lookup is a
 * binary search.
 */
export class ImpactSplit {
  /** The head as a posting list is read when scoring: documents, weights, length. */
  readonly head: { docs: Int32Array; weights: Float32Array; length: number };

  private constructor(
    private readonly headDocs: Int32Array,
    private readonly headWeights: Float32Array,
    private readonly tailDocs: Int32Array,
    private readonly tailWeights: Float32Array,
    /** No tail posting weighs more; every head posting weighs more. */
    readonly cutoff: number,
    /** The posting list split, and its `version` then: a changed list is split again. */
    readonly list: PostingList,
    readonly version: number,
  ) {
    this.head = { docs: headDocs, weights: headWeights, length: headDocs.length };
  }

  /**
   * Splits `list` so its head holds about one posting in `share`. Any cutoff gives the same pages (a
   * tail is bounded by it, whatever it is), so it is read off an even sample of the weights instead of
   * a sort of all of them: a first query on a broad word, and the first after each ingest that changed
   * its list, paid that sort (some milliseconds on a 30,000-posting list) in the search's tail.
   */
  static of(list: PostingList, share: number): ImpactSplit {
    const { length } = list;
    const docs = list.docs.subarray(0, length);
    const weights = list.weights.subarray(0, length);
    const cutoff = sampledCutoff(weights, share);
    const order = documentOrder(docs);
    let headLength = 0;
    for (let j = 0; j < length; j++) if ((weights[j] as number) > cutoff) headLength++;
    const headDocs = new Int32Array(headLength);
    const headWeights = new Float32Array(headLength);
    const tailDocs = new Int32Array(length - headLength);
    const tailWeights = new Float32Array(length - headLength);
    let h = 0;
    let t = 0;
    for (let i = 0; i < length; i++) {
      const j = order ? (order[i] as number) : i;
      const weight = weights[j] as number;
      if (weight > cutoff) {
        headDocs[h] = docs[j] as number;
        headWeights[h++] = weight;
      } else {
        tailDocs[t] = docs[j] as number;
        tailWeights[t++] = weight;
      }
    }
    return new ImpactSplit(headDocs, headWeights, tailDocs, tailWeights, cutoff, list, list.version);
  }

  /** The document's posting weight, or -1 when it has none. */
  weightOf(doc: number): number {
    const inHead = find(this.headDocs, doc);
    if (inHead >= 0) return this.headWeights[inHead] as number;
    const inTail = find(this.tailDocs, doc);
    return inTail >= 0 ? (this.tailWeights[inTail] as number) : -1;
  }
}

/** Splits made on first use and kept while their posting list is unchanged. */
export class ImpactSplits {
  private readonly splits = new Map<number, ImpactSplit>();

  constructor(private readonly share: number) {}

  of(term: number, list: PostingList): ImpactSplit {
    const kept = this.splits.get(term);
    if (kept && kept.list === list && kept.version === list.version) return kept;
    const made = ImpactSplit.of(list, this.share);
    this.splits.set(term, made);
    return made;
  }
}

/** How many weights the cutoff is read from. */
const CUTOFF_SAMPLE = 2_048;

/**
 * A weight about one posting in `share` weighs more than, read off an even sample as a sort of all
 * of them would give it: the head takes the heaviest sampled weights and every weight tied with the
 * lightest of them (BM25 weights tie often), so the cutoff is the next lighter sampled weight.
 */
export function sampledCutoff(weights: Float32Array, share: number): number {
  const { length } = weights;
  const size = Math.min(length, CUTOFF_SAMPLE);
  if (size === 0) return 0;
  const sample = new Float32Array(size);
  const step = length / size;
  for (let i = 0; i < size; i++) sample[i] = weights[Math.floor(i * step)] as number;
  sample.sort();
  const headStart = Math.max(0, size - Math.ceil(size / share));
  const lightest = sample[headStart] as number;
  let below = headStart - 1;
  while (below >= 0 && (sample[below] as number) >= lightest) below--;
  return below >= 0 ? (sample[below] as number) : 0;
}

/** The positions of `docs` in ascending document order; undefined when they already are. */
function documentOrder(docs: Int32Array): Int32Array | undefined {
  let ordered = true;
  for (let j = 1; j < docs.length && ordered; j++) ordered = (docs[j - 1] as number) < (docs[j] as number);
  if (ordered) return undefined;
  const order = Int32Array.from(docs.keys());
  return order.sort((a, b) => (docs[a] as number) - (docs[b] as number));
}

function find(docs: Int32Array, doc: number): number {
  let low = 0;
  let high = docs.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = docs[middle] as number;
    if (at === doc) return middle;
    if (at < doc) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
