// The strongest few of many weights, chosen with a small heap: a paper's vector keeps 96 of its ~400 features without sorting them all.

/**
 * Writes to `out` the indexes of the `keep` largest of `weights[0 … count)`, the lower index first
 * among equal weights (what a stable sort, strongest first, then cut at `keep` would keep), in no
 * particular order; returns how many it wrote (min(keep, count)). `out` must hold that many.
 * Not TopK (top-k.ts), which ranks documents through a comparator closure over a plain array: on 400
 * weights a row, keeping 96, it took 2.4 times as long, and this runs for every paper of a build.
 */
export function strongest(weights: Float64Array, count: number, keep: number, out: Int32Array): number {
  // A min-heap of the kept indexes, the weakest at the root: a later index beats it only by a larger weight.
  let size = 0;
  if (keep <= 0) return 0;
  for (let i = 0; i < count; i++) {
    if (size < keep) {
      out[size] = i;
      siftUp(weights, out, size++);
    } else if ((weights[i] as number) > (weights[out[0] as number] as number)) {
      out[0] = i;
      siftDown(weights, out, size);
    }
  }
  return size;
}

/** Whether index a is weaker than index b: a smaller weight, or an equal one and a later index. */
function weaker(weights: Float64Array, a: number, b: number): boolean {
  const wa = weights[a] as number;
  const wb = weights[b] as number;
  return wa < wb || (wa === wb && a > b);
}

function siftUp(weights: Float64Array, heap: Int32Array, at: number): void {
  const item = heap[at] as number;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    const above = heap[parent] as number;
    if (!weaker(weights, item, above)) break;
    heap[at] = above;
    at = parent;
  }
  heap[at] = item;
}

function siftDown(weights: Float64Array, heap: Int32Array, size: number): void {
  const item = heap[0] as number;
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    if (child + 1 < size && weaker(weights, heap[child + 1] as number, heap[child] as number)) child++;
    if (!weaker(weights, heap[child] as number, item)) break;
    heap[at] = heap[child] as number;
    at = child;
  }
  heap[at] = item;
}
