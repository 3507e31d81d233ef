// Counts strings in fixed memory (a count-min sketch): document frequencies of millions of phrases in a few MB.

/** Two FNV-1a hashes with different offsets, in one pass over the string. */
function hashes(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 13);
  }
  return [a >>> 0, b >>> 0];
}

/**
 * Approximate counts: never below the truth, above it only where both hashes collide. A Map of
 * every phrase of 100,000 papers would hold millions of keys; two typed rows hold them in 2 × 4 × width bytes.
 */
export class FrequencySketch {
  private readonly rows: [Uint32Array, Uint32Array];
  private readonly mask: number;

  /** `widthBits`: each row has 2^widthBits counters (default 2^20, 8 MB in all). */
  constructor(widthBits = 20) {
    const width = 2 ** Math.min(28, Math.max(4, Math.floor(widthBits)));
    this.rows = [new Uint32Array(width), new Uint32Array(width)];
    this.mask = width - 1;
  }

  increment(key: string): void {
    const [a, b] = hashes(key);
    this.rows[0][a & this.mask] = (this.rows[0][a & this.mask] ?? 0) + 1;
    this.rows[1][b & this.mask] = (this.rows[1][b & this.mask] ?? 0) + 1;
  }

  estimate(key: string): number {
    const [a, b] = hashes(key);
    return Math.min(this.rows[0][a & this.mask] ?? 0, this.rows[1][b & this.mask] ?? 0);
  }
}
