// One sparse tf-idf vector per paper (hashed features), kept up to date on ingest: what `similar` and the team models read.
import type { Paper } from "../papers/paper.js";
import { grow } from "./grow.js";
import { type PaperContent, paperSlots, SLOT_BITS, SlotCounts } from "./paper-text.js";
import { strongest } from "./strongest.js";

/**
 * Features are hashed into 2^20 slots rather than kept in a vocabulary: at 100k papers the words and
 * word pairs number in the millions, and a map of their strings would cost more memory than the
 * vectors. Collisions among the rare features that share a slot blur little; reasons recover the
 * readable name by hashing the paper's own features again (`featureNames`).
 */
export const DIMENSIONS = 1 << SLOT_BITS;

/** A paper keeps its strongest features only: the tail of single mentions moves neither similarity nor the models. */
export const MAX_FEATURES = 96;

const DF_SAMPLE = 10_000;

/**
 * Bump whenever a paper's vector would come out differently (features, weights, hashing, idf): the
 * vectors file (paper-vectors-file.ts) of another version is rebuilt rather than trusted.
 */
export const PAPER_VECTORS_VERSION = 1;

/** The vectors as flat arrays, rows packed in order: what the vectors file keeps. */
export interface PaperVectorsSnapshot {
  ids: string[];
  /** Row r's entries are slots/weights[offsets[r] … offsets[r + 1]]; any after the last row's are unused. */
  offsets: Uint32Array;
  slots: Uint32Array;
  weights: Float32Array;
  df: Uint32Array;
  /** How many papers the weights' idf was computed over. */
  weightedAt: number;
}

export interface SparseVector {
  /** Slot numbers, ascending. */
  slots: Uint32Array;
  /** L2-normalized tf-idf weights, one per slot. */
  weights: Float32Array;
}

export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.slots.length && j < b.slots.length) {
    const x = a.slots[i] as number;
    const y = b.slots[j] as number;
    if (x === y) sum += (a.weights[i++] as number) * (b.weights[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return sum;
}

function idf(n: number, df: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}

/**
 * `idf(n, df)` for one n, each distinct df computed once: a build weighs ~400 features a paper, and at
 * 100k papers their two logarithms a feature were a third of building the vectors. The same doubles.
 */
function idfByDf(n: number, df: Uint32Array): (df: number) => number {
  let most = 0;
  for (let slot = 0; slot < df.length; slot++) if ((df[slot] as number) > most) most = df[slot] as number;
  const memo = new Float64Array(most + 1).fill(Number.NaN);
  return (count) => {
    let value = memo[count] as number;
    // biome-ignore lint/suspicious/noSelfCompare: NaN, not yet computed
    if (value !== value) memo[count] = value = idf(n, count);
    return value;
  };
}

/** Half counts below this have their `1 + log` looked up: every field weight is a multiple of 0.5. */
const TF_HALVES = 256;
const TF_BY_HALVES = Float64Array.from({ length: TF_HALVES }, (_, halves) => 1 + Math.log(halves / 2));

/** 1 + log(count), looked up for the usual counts (the same doubles). */
function tf(count: number): number {
  const halves = count * 2;
  return (halves | 0) === halves && halves < TF_HALVES
    ? (TF_BY_HALVES[halves] as number)
    : 1 + Math.log(count);
}

/**
 * The papers' vectors in two flat arrays (row r's entries at start[r] … start[r] + length[r]): a scan
 * over every paper for `similar` then reads memory in order, and 100k papers cost two typed arrays
 * instead of 200k small ones.
 */
export class PaperVectors {
  private slots: Uint32Array = new Uint32Array(1 << 16);
  private weights: Float32Array = new Float32Array(1 << 16);
  private used = 0;
  private start = new Uint32Array(1024);
  private length = new Uint8Array(1024);
  private readonly ids: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private readonly df = new Uint32Array(DIMENSIONS);
  private weightedAt = 0;

  static build(papers: Iterable<PaperContent>): PaperVectors {
    const all = [...papers];
    return PaperVectors.buildCounted(
      all.length,
      (i, counts) => counts.count(all[i] as PaperContent),
      (i) => (all[i] as PaperContent).id,
    );
  }

  /**
   * `build` over `papers` papers whose features `count(i, counts)` counts into `counts` (reading each
   * paper twice at most), the row of paper i named `idOf(i)`.
   */
  static buildCounted(
    papers: number,
    count: (i: number, counts: SlotCounts) => SlotCounts,
    idOf: (i: number) => string,
  ): PaperVectors {
    const vectors = new PaperVectors();
    // Document frequencies come from an even sample of at most DF_SAMPLE papers, scaled up: idf needs
    // them only roughly, and reading every paper's text twice would double the cost of a start.
    const step = Math.max(1, Math.ceil(papers / DF_SAMPLE));
    const counts = slotCounts();
    for (let i = 0; i < papers; i += step) {
      const { slots, size } = count(i, counts);
      for (let k = 0; k < size; k++)
        vectors.df[slots[k] as number] = (vectors.df[slots[k] as number] as number) + step;
    }
    vectors.weightedAt = papers;
    vectors.reserve(papers, papers * MAX_FEATURES);
    const idfOf = idfByDf(papers, vectors.df);
    for (let i = 0; i < papers; i++) vectors.append(idOf(i), vectors.weigh(count(i, counts), papers, idfOf));
    return vectors;
  }

  /**
   * The vectors as `toSnapshot` gave them: no paper is read, so a start at 100k papers skips seconds of
   * tokenizing. Takes the snapshot's slots and weights as its own (no copy of 80 MB at 100k papers);
   * entries past the last row's are room to grow.
   */
  static fromSnapshot(snapshot: PaperVectorsSnapshot): PaperVectors {
    const vectors = new PaperVectors();
    const rows = snapshot.ids.length;
    vectors.slots = snapshot.slots;
    vectors.weights = snapshot.weights;
    vectors.used = snapshot.offsets[rows] ?? 0;
    vectors.start = new Uint32Array(Math.max(rows, 1));
    vectors.length = new Uint8Array(Math.max(rows, 1));
    for (let row = 0; row < rows; row++) {
      const from = snapshot.offsets[row] as number;
      vectors.start[row] = from;
      vectors.length[row] = (snapshot.offsets[row + 1] as number) - from;
      vectors.ids.push(snapshot.ids[row] as string);
      vectors.rowOf.set(snapshot.ids[row] as string, row);
    }
    vectors.df.set(snapshot.df);
    vectors.weightedAt = snapshot.weightedAt;
    return vectors;
  }

  /**
   * A compact copy (rows re-weighed in place leave their old entries behind; the copy drops them). With
   * `handOver`, for vectors dropped right after (a thread's build, sent back): unless rows were
   * re-weighed, views of the arrays themselves, where copies cost a build 80 MB of fresh memory at 100k papers.
   */
  toSnapshot(handOver = false): PaperVectorsSnapshot {
    const rows = this.ids.length;
    const offsets = new Uint32Array(rows + 1);
    for (let row = 0; row < rows; row++)
      offsets[row + 1] = (offsets[row] as number) + (this.length[row] as number);
    const total = offsets[rows] as number;
    let slots: Uint32Array;
    let weights: Float32Array;
    if (this.packed(offsets)) {
      // As a build leaves them: one copy each, not one per row (200,000 at 100k papers).
      slots = handOver ? this.slots.subarray(0, total) : this.slots.slice(0, total);
      weights = handOver ? this.weights.subarray(0, total) : this.weights.slice(0, total);
    } else {
      slots = new Uint32Array(total);
      weights = new Float32Array(total);
      for (let row = 0; row < rows; row++) {
        const { slots: rowSlots, weights: rowWeights } = this.rowAt(row);
        slots.set(rowSlots, offsets[row] as number);
        weights.set(rowWeights, offsets[row] as number);
      }
    }
    return { ids: [...this.ids], offsets, slots, weights, df: this.df.slice(), weightedAt: this.weightedAt };
  }

  /** Whether every row already starts where `offsets` would put it (none was re-weighed in place). */
  private packed(offsets: Uint32Array): boolean {
    for (let row = 0; row < this.ids.length; row++) if (this.start[row] !== offsets[row]) return false;
    return true;
  }

  get size(): number {
    return this.ids.length;
  }

  rowCount(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  /** The row holding paper `id`, if any. */
  row(id: string): number | undefined {
    return this.rowOf.get(id);
  }

  idAt(row: number): string {
    return this.ids[row] as string;
  }

  rowAt(row: number): SparseVector {
    const from = this.start[row] as number;
    const to = from + (this.length[row] as number);
    return { slots: this.slots.subarray(from, to), weights: this.weights.subarray(from, to) };
  }

  vector(id: string): SparseVector | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : this.rowAt(row);
  }

  /**
   * Adds new papers and re-weighs changed ones. A changed paper's old features stay in the document
   * frequencies (its old text is gone): a paper changes rarely and by little, so the idf barely moves.
   * When the corpus has doubled since the weights were computed, every row is re-weighed, as idf
   * computed over half of today's papers would be off.
   */
  update(papers: readonly PaperContent[]): void {
    for (const paper of papers) {
      const counts = slotCounts().count(paper);
      const row = this.rowOf.get(paper.id);
      if (row === undefined) {
        for (let k = 0; k < counts.size; k++)
          this.df[counts.slots[k] as number] = (this.df[counts.slots[k] as number] as number) + 1;
        this.append(paper.id, this.weigh(counts, this.ids.length + 1));
      } else {
        // The old entries are left where they are (a little waste until the next re-weigh compacts).
        this.place(row, this.weigh(counts, this.ids.length));
      }
    }
    if (this.ids.length >= 2 * Math.max(this.weightedAt, 50)) this.reweigh();
  }

  /** Before the first row: room for `rows` rows and `entries` entries, so a build grows no array by doubling (and copying) it. */
  private reserve(rows: number, entries: number): void {
    if (rows > this.start.length) {
      this.start = new Uint32Array(rows);
      this.length = new Uint8Array(rows);
    }
    if (entries > this.slots.length) {
      this.slots = new Uint32Array(entries);
      this.weights = new Float32Array(entries);
    }
  }

  private append(id: string, vector: SparseVector): void {
    const row = this.ids.length;
    if (row >= this.start.length) {
      const start = new Uint32Array(this.start.length * 2);
      start.set(this.start);
      this.start = start;
      const length = new Uint8Array(this.length.length * 2);
      length.set(this.length);
      this.length = length;
    }
    this.ids.push(id);
    this.rowOf.set(id, row);
    this.place(row, vector);
  }

  private place(row: number, vector: SparseVector): void {
    const n = vector.slots.length;
    if (this.used + n > this.slots.length) {
      const capacity = Math.max(this.slots.length * 2, this.used + n);
      this.slots = grow(this.slots, capacity);
      this.weights = grow(this.weights, capacity);
    }
    this.slots.set(vector.slots, this.used);
    this.weights.set(vector.weights, this.used);
    this.start[row] = this.used;
    this.length[row] = n;
    this.used += n;
  }

  private reweigh(): void {
    // Rows keep only their strongest features, so their raw counts are not at hand: scale each weight
    // by the ratio of new to old idf, which is what recomputing from the same counts would give.
    const n = this.ids.length;
    const before = this.weightedAt;
    for (let r = 0; r < n; r++) {
      const { slots, weights } = this.rowAt(r);
      let norm = 0;
      for (let i = 0; i < slots.length; i++) {
        const df = this.df[slots[i] as number] as number;
        const w = (weights[i] as number) * (idf(n, df) / idf(before, df));
        weights[i] = w;
        norm += w * w;
      }
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) * scale;
    }
    this.weightedAt = n;
  }

  /** A paper's row (views of scratch arrays, valid until the next call): its strongest features, slots ascending, at unit length. */
  private weigh(
    counts: SlotCounts,
    n: number,
    idfOf: (df: number) => number = (df) => idf(n, df),
  ): SparseVector {
    const { slots: featureSlots, size, sums } = counts;
    const { df } = this;
    const weightOf = (slot: number) => tf(sums[slot] as number) * idfOf(df[slot] as number);
    const { weights, kept, rowSlots, rowWeights } = weighScratch(size);
    let length = size;
    if (size > MAX_FEATURES) {
      // Strongest first; among equals the earlier feature, as a stable sort of the features kept them.
      for (let k = 0; k < size; k++) weights[k] = weightOf(featureSlots[k] as number);
      length = strongest(weights, size, MAX_FEATURES, kept);
      for (let i = 0; i < length; i++) rowSlots[i] = featureSlots[kept[i] as number] as number;
    } else rowSlots.set(featureSlots.subarray(0, size));
    const slots = rowSlots.subarray(0, length).sort();
    // The kept weights in slot order, still in double precision: rounded to float once, after scaling.
    let norm = 0;
    for (let i = 0; i < length; i++) {
      const w = weightOf(slots[i] as number);
      weights[i] = w;
      norm += w * w;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < length; i++) rowWeights[i] = (weights[i] as number) * scale;
    return { slots, weights: rowWeights.subarray(0, length) };
  }

  /** The `limit` papers closest to `id` by cosine, best first. */
  similar(id: string, limit: number): { id: string; score: number }[] {
    const query = this.vector(id);
    if (!query) return [];
    const self = this.rowOf.get(id);
    return this.nearest(query, limit, (row) => row !== self);
  }

  /**
   * A scan of every row through a dense copy of the query: at 100k papers ~10M multiply-adds over
   * memory read in order, and no second index to keep.
   */
  nearest(query: SparseVector, limit: number, keep: (row: number) => boolean = () => true) {
    if (limit <= 0) return [];
    const dense = denseScratch();
    for (let i = 0; i < query.slots.length; i++) dense[query.slots[i] as number] = query.weights[i] as number;
    const scores = new Float32Array(this.ids.length);
    const { slots, weights, start, length } = this;
    for (let r = 0; r < this.ids.length; r++) {
      const from = start[r] as number;
      const to = from + (length[r] as number);
      let sum = 0;
      for (let i = from; i < to; i++) sum += (dense[slots[i] as number] as number) * (weights[i] as number);
      scores[r] = sum;
    }
    for (let i = 0; i < query.slots.length; i++) dense[query.slots[i] as number] = 0;
    const best: number[] = [];
    let floor = 0;
    for (let r = 0; r < scores.length; r++) {
      const score = scores[r] as number;
      if (score <= floor || !keep(r)) continue;
      best.push(r);
      if (best.length >= limit * 8) {
        best.sort((a, b) => (scores[b] as number) - (scores[a] as number));
        best.length = limit;
        floor = scores[best[limit - 1] as number] as number;
      }
    }
    best.sort(
      (a, b) =>
        (scores[b] as number) - (scores[a] as number) ||
        (this.ids[a] as string).localeCompare(this.ids[b] as string),
    );
    return best.slice(0, limit).map((r) => ({ id: this.ids[r] as string, score: scores[r] as number }));
  }
}

let scratch = newScratch(1024);

function newScratch(length: number) {
  return {
    weights: new Float64Array(length),
    kept: new Int32Array(MAX_FEATURES),
    rowSlots: new Uint32Array(length),
    rowWeights: new Float32Array(length),
  };
}

/** Room for one paper's features while it is weighed, reused (weighing is synchronous). */
function weighScratch(size: number): typeof scratch {
  if (size > scratch.weights.length) scratch = newScratch(Math.max(size, scratch.weights.length * 2));
  return scratch;
}

let sharedCounts: SlotCounts | undefined;

/** One paper's slot counts at a time, reused (8 MB of per-slot sums, made on first use). */
function slotCounts(): SlotCounts {
  sharedCounts ??= new SlotCounts();
  return sharedCounts;
}

let dense: Float32Array | undefined;

/** One zeroed query array, reused (a scan is synchronous, and zeroes what it set). */
function denseScratch(): Float32Array {
  dense ??= new Float32Array(DIMENSIONS);
  return dense;
}

/** The readable names of a paper's feature slots, for reasons: the paper's features hashed again. */
export function featureNames(paper: Paper): Map<number, string> {
  const names = new Map<number, string>();
  paperSlots(paper, names);
  return names;
}
