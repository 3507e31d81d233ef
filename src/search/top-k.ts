// Keeps the best k of a stream of documents with a small heap, so ranking never sorts every match.

/** `better(a, b)` is true when a ranks above b. */
export type Better = (a: number, b: number) => boolean;

export class TopK {
  private readonly heap: number[] = [];

  constructor(
    private readonly k: number,
    private readonly better: Better,
  ) {}

  offer(doc: number): void {
    if (this.k <= 0) return;
    const heap = this.heap;
    if (heap.length < this.k) {
      heap.push(doc);
      this.up(heap.length - 1);
    } else if (this.better(doc, heap[0] as number)) {
      heap[0] = doc;
      this.down(0);
    }
  }

  /** Whether k documents are kept, so a newcomer must beat `worst()`. */
  isFull(): boolean {
    return this.heap.length >= this.k;
  }

  /** The lowest-ranked kept document (meaningful once `isFull()`). */
  worst(): number {
    return this.heap[0] as number;
  }

  /** The kept documents, best first. */
  sorted(): number[] {
    return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }

  // A min-heap by rank: the root is the worst kept document, the first to give way.
  private up(at: number): void {
    const heap = this.heap;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.better(heap[parent] as number, heap[at] as number)) break;
      [heap[parent], heap[at]] = [heap[at] as number, heap[parent] as number];
      at = parent;
    }
  }

  private down(at: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && this.better(heap[worst] as number, heap[left] as number)) worst = left;
      if (right < heap.length && this.better(heap[worst] as number, heap[right] as number)) worst = right;
      if (worst === at) return;
      [heap[worst], heap[at]] = [heap[at] as number, heap[worst] as number];
      at = worst;
    }
  }
}
