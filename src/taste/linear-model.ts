// A small L2-regularized logistic regression over sparse vectors, trained by SGD: a team's interest model.
import { DIMENSIONS, type SparseVector } from "../search/paper-vectors.js";

let shared: Int32Array | undefined;

/** Slot → local index + 1 (0 = not seen), zeroed after each training (training is synchronous, never two at once). */
function scratch(): Int32Array {
  shared ??= new Int32Array(DIMENSIONS);
  return shared;
}

/*
 * Why not a library: the npm packages of linear models (ml-logistic-regression, liblinear ports) take
 * dense matrices, and a dense 2^20-column row per paper is out of the question; the few hundred
 * examples a team has train in about a millisecond with plain SGD over the sparse rows, and the
 * result is a handful of weights that score a candidate in microseconds.
 */

export interface Example {
  vector: SparseVector;
  /** 1 = wanted (saved), 0 = not (dismissed, or a background sample). */
  label: 0 | 1;
  /** How much the example counts (more savers, more recent, an explicit dismissal). */
  weight: number;
}

/** The model's non-zero weights as sorted slots and their values: a lookup is a binary search, and a team's model costs two small typed arrays. */
export interface LinearModel {
  slots: Uint32Array;
  values: Float32Array;
  bias: number;
}

export function weightOf(model: LinearModel, slot: number): number {
  const { slots } = model;
  let lo = 0;
  let hi = slots.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = slots[mid] as number;
    if (at === slot) return model.values[mid] as number;
    if (at < slot) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

export interface TrainOptions {
  epochs?: number;
  /** L2 strength. */
  lambda?: number;
  /** Initial learning rate (decays as 1/(1 + t·decay)). */
  rate?: number;
}

/** A deterministic shuffle (xorshift) of 0..order.length-1 into `order`, so the same signals give the same model. */
function shuffle(order: Int32Array, seed: number): Int32Array {
  const count = order.length;
  for (let i = 0; i < count; i++) order[i] = i;
  let state = seed | 1;
  for (let i = count - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}

/**
 * Trains with the classes balanced (positives and negatives each carry half the total weight), as
 * arxiv-sanity-lite's `class_weight='balanced'` does: a team's three saves against hundreds of
 * background papers would otherwise teach the model that nothing is interesting.
 */
export function trainLogistic(examples: readonly Example[], options: TrainOptions = {}): LinearModel {
  const epochs = options.epochs ?? 10;
  const lambda = options.lambda ?? 1e-3;
  const rate = options.rate ?? 0.5;
  let bias = 0;
  let positive = 0;
  let negative = 0;
  for (const e of examples) {
    if (e.label === 1) positive += e.weight;
    else negative += e.weight;
  }
  if (positive === 0 || negative === 0)
    return { slots: new Uint32Array(0), values: new Float32Array(0), bias };
  const total = positive + negative;
  const classScale = [total / (2 * negative), total / (2 * positive)] as const;
  // The slots the examples touch are numbered 0..k-1 and training runs on a compact array of k
  // weights: a few hundred kilobytes that stay in cache, where the 2^20-slot space would miss on
  // nearly every access. Only the numbering pass touches the large marks array. The examples' entries
  // are copied into flat typed arrays (row e at from[e] … from[e + 1]) so the epochs read memory in
  // order and allocate nothing.
  const local = scratch();
  let nnz = 0;
  for (const e of examples) nnz += e.vector.slots.length;
  const ids = new Int32Array(nnz);
  const xs = new Float64Array(nnz);
  const from = new Int32Array(examples.length + 1);
  const touched = new Uint32Array(nnz);
  let k = 0;
  let at = 0;
  for (let e = 0; e < examples.length; e++) {
    const { slots, weights } = (examples[e] as Example).vector;
    from[e] = at;
    for (let i = 0; i < slots.length; i++, at++) {
      const slot = slots[i] as number;
      let local1 = local[slot] as number;
      if (local1 === 0) {
        touched[k++] = slot;
        local1 = k;
        local[slot] = local1;
      }
      ids[at] = local1 - 1;
      xs[at] = weights[i] as number;
    }
  }
  from[examples.length] = at;
  const w = new Float64Array(k);
  const order = new Int32Array(examples.length);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const index of shuffle(order, 0x9e3779b9 + epoch)) {
      const example = examples[index] as Example;
      const start = from[index] as number;
      const end = from[index + 1] as number;
      let z = bias;
      for (let i = start; i < end; i++) z += (w[ids[i] as number] as number) * (xs[i] as number);
      const p = 1 / (1 + Math.exp(-z));
      const step = rate / (1 + t * 0.01);
      const gradient = (p - example.label) * example.weight * classScale[example.label];
      const shrink = 1 - step * lambda;
      const move = step * gradient;
      for (let i = start; i < end; i++) {
        const j = ids[i] as number;
        // Lazy L2: shrink only the weights this example touches, which keeps a step O(nnz).
        w[j] = (w[j] as number) * shrink - move * (xs[i] as number);
      }
      bias -= move * 0.1;
      t++;
    }
  }
  const slots = touched.slice(0, k).sort();
  const values = new Float32Array(k);
  for (let i = 0; i < k; i++) {
    const slot = slots[i] as number;
    values[i] = w[(local[slot] as number) - 1] as number;
    local[slot] = 0;
  }
  return { slots, values, bias };
}

export function margin(model: LinearModel, vector: SparseVector): number {
  let sum = model.bias;
  for (let i = 0; i < vector.slots.length; i++) {
    sum += weightOf(model, vector.slots[i] as number) * (vector.weights[i] as number);
  }
  return sum;
}

/** The features that push a paper's score up most, strongest first: what a reason names. */
export function strongestFeatures(model: LinearModel, vector: SparseVector, count: number): number[] {
  const contributions: [number, number][] = [];
  for (let i = 0; i < vector.slots.length; i++) {
    const slot = vector.slots[i] as number;
    const c = weightOf(model, slot) * (vector.weights[i] as number);
    if (c > 0) contributions.push([slot, c]);
  }
  contributions.sort((a, b) => b[1] - a[1]);
  return contributions.slice(0, count).map((c) => c[0]);
}
