// Documents by adjacent word pair, exactly: a two-word phrase is answered without reading any text.
import { type FillRange, fillInPieces } from "./framed-file.js";
import { grow } from "./grow.js";

/**
 * A pair of surface-word ids as one number, exact in a double while ids stay below 2^26 (67 million
 * distinct words, far beyond any vocabulary this index holds in memory).
 */
const PAIR_BASE = 2 ** 26;
/** Past this many documents added since the last build, pairs are rebuilt rather than kept in the overflow. */
const OVERFLOW_SHARE = 0.1;

export function pairKey(a: number, b: number): number {
  return a * PAIR_BASE + b;
}

export interface PairSnapshot {
  /** Distinct pair keys, ascending. */
  keys: Float64Array;
  /** Per key, where its documents start in `docs` (one more entry than keys). */
  offsets: Int32Array;
  /** Each pair's documents, ascending, each once. */
  docs: Int32Array;
  /** Per entry of `docs`, where in the document's text the pair first occurs (NO_POSITION past 65,534). */
  positions: Uint16Array;
  indexedDocs: number;
  /** Set when docs and positions are read from the index file a range at a time. */
  fill?: FillRange;
}

/** The position of a pair too far into a document to record: the phrase check then scans the text. */
export const NO_POSITION = 0xffff;

/**
 * Checking a phrase against every document holding its words reads tens of megabytes at 100k papers
 * when the words are common ("optimization" and "modeling" share a third of a corpus). A pair of
 * adjacent words is far more selective, and kept exactly (sorted distinct pairs, one document list
 * each: at 100k papers 0.8 million pairs, 18 million entries), so a two-word phrase, the usual
 * quoted key phrase, needs no word-for-word check at all, and a longer one checks only the
 * documents of its rarest pair. Documents added later wait in a small overflow; a document
 * re-indexed after the build may have stale entries, so it is checked word for word.
 */
export class PairIndex {
  private readonly overflow = new Map<number, number[]>();
  private readonly added = new Set<number>();
  private readonly unsureDocs = new Set<number>();

  private constructor(
    private readonly keys: Float64Array,
    private readonly offsets: Int32Array,
    private readonly docs: Int32Array,
    private readonly positions: Uint16Array,
    private readonly indexedDocs: number,
    private fill?: FillRange,
  ) {}

  /** Indexes the pairs of every document's text (surface-word ids, negative ids separating fields). */
  static build(texts: readonly (Int32Array | undefined)[]): PairIndex {
    let total = 0;
    for (const text of texts) if (text) total += Math.max(0, text.length - 1);
    const builder = new PairIndexBuilder(total, texts.length);
    for (const text of texts) builder.add(text);
    return builder.finish();
  }

  /** The index `PairIndexBuilder.finish` made. */
  static of(
    keys: Float64Array,
    offsets: Int32Array,
    docs: Int32Array,
    positions: Uint16Array,
    indexedDocs: number,
  ): PairIndex {
    return new PairIndex(keys, offsets, docs, positions, indexedDocs);
  }

  /** Reads what the index file has not yet given, a piece at a time (see SearchIndex.readRest); then no more. */
  *readRest(): Generator<void> {
    const { fill } = this;
    if (!fill) return;
    yield* fillInPieces(fill, this.docs, 0, this.docs.length);
    yield* fillInPieces(fill, this.positions, 0, this.positions.length);
    this.fill = undefined;
  }

  /** The built part as plain data for the index file; undefined while documents wait in the overflow. */
  toSnapshot(): PairSnapshot | undefined {
    if (this.added.size > 0) return undefined;
    this.fill?.(this.docs, 0, this.docs.length);
    this.fill?.(this.positions, 0, this.positions.length);
    return {
      keys: this.keys,
      offsets: this.offsets,
      docs: this.docs,
      positions: this.positions,
      indexedDocs: this.indexedDocs,
    };
  }

  static fromSnapshot(snapshot: PairSnapshot): PairIndex {
    const { keys, offsets, docs, positions, indexedDocs, fill } = snapshot;
    return new PairIndex(keys, offsets, docs, positions, indexedDocs, fill);
  }

  /** Whether so many documents arrived since the build that rebuilding is worth it. */
  get stale(): boolean {
    return this.added.size > Math.max(1_000, this.indexedDocs * OVERFLOW_SHARE);
  }

  /** Adds a document indexed (or re-indexed) after the build. */
  add(doc: number, text: Int32Array): void {
    // Its entries from the build, or from an earlier add, may list pairs it no longer has.
    if (doc < this.indexedDocs || this.added.has(doc)) this.unsureDocs.add(doc);
    this.added.add(doc);
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text[i] as number;
      const b = text[i + 1] as number;
      if (a < 0 || b < 0) continue;
      const key = pairKey(a, b);
      const list = this.overflow.get(key);
      if (!list) this.overflow.set(key, [doc]);
      else if (list[list.length - 1] !== doc) list.push(doc);
    }
  }

  /** Whether any document was re-indexed since the build. */
  get hasUnsure(): boolean {
    return this.unsureDocs.size > 0;
  }

  /** Whether a listed document must still be checked word for word (it was re-indexed since the build). */
  unsure(doc: number): boolean {
    return this.unsureDocs.size > 0 && this.unsureDocs.has(doc);
  }

  /** The documents holding one pair (built, with positions; and added since). */
  docsOf(a: number, b: number): { docs: Int32Array; positions: Uint16Array; more: readonly number[] } {
    const key = pairKey(a, b);
    const r = lowerBound(this.keys, key);
    const found = r < this.keys.length && this.keys[r] === key;
    const from = found ? (this.offsets[r] as number) : 0;
    const to = found ? (this.offsets[r + 1] as number) : 0;
    this.fill?.(this.docs, from, to);
    this.fill?.(this.positions, from, to);
    return {
      docs: this.docs.subarray(from, to),
      positions: this.positions.subarray(from, to),
      more: this.overflow.get(key) ?? NONE,
    };
  }

  /** How many documents the phrase's rarest pair lists: an upper bound on those holding it. */
  reach(phrase: readonly number[]): number {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < phrase.length; i++) {
      const { docs, more } = this.docsOf(phrase[i] as number, phrase[i + 1] as number);
      best = Math.min(best, docs.length + more.length);
    }
    return best;
  }

  /**
   * Visits the documents that may hold the phrase (surface-word ids, at least two), from its rarest
   * pair: `sure` when the pair lists alone prove it (each pair present, first occurrences in a row),
   * else the caller checks the text, from `from` on: the phrase cannot start before any of its pairs
   * first occurs. A document missing one of the phrase's pairs is not visited.
   */
  visitPhrase(phrase: readonly number[], visit: (doc: number, sure: boolean, from: number) => void): void {
    const pairs: { docs: Int32Array; positions: Uint16Array; more: readonly number[] }[] = [];
    let rarest = 0;
    for (let i = 0; i + 1 < phrase.length; i++) {
      const found = this.docsOf(phrase[i] as number, phrase[i + 1] as number);
      pairs.push(found);
      const best = pairs[rarest] as (typeof pairs)[number];
      if (found.docs.length + found.more.length < best.docs.length + best.more.length) rarest = i;
    }
    const { docs, positions, more } = pairs[rarest] as (typeof pairs)[number];
    // One cursor per other pair: every list is in document order, so each is read once, in order.
    const cursors = new Int32Array(pairs.length);
    for (let j = 0; j < docs.length; j++) {
      const doc = docs[j] as number;
      if (this.unsure(doc)) {
        visit(doc, false, 0);
        continue;
      }
      // A position is exact below NO_POSITION and a lower bound at it.
      const start = (positions[j] as number) - rarest;
      let sure = positions[j] !== NO_POSITION && start >= 0;
      let from = Math.max(0, start);
      let missing = false;
      for (let i = 0; i < pairs.length && !missing; i++) {
        if (i === rarest) continue;
        const other = pairs[i] as (typeof pairs)[number];
        let at = cursors[i] as number;
        while (at < other.docs.length && (other.docs[at] as number) < doc) at++;
        cursors[i] = at;
        if (at === other.docs.length || other.docs[at] !== doc) {
          missing = true;
          continue;
        }
        const position = other.positions[at] as number;
        if (position !== start + i || position === NO_POSITION) sure = false;
        from = Math.max(from, position - i);
      }
      if (!missing) visit(doc, sure, from);
    }
    for (const doc of more) visit(doc, false, 0);
  }
}

/** A `PairIndexBuilder`'s first pass: its pair table, and per document its distinct pairs and where each first occurs. */
export interface PairsFirstPass {
  /** The table's slots (key, id) and its keys by id (`distinct` of them). */
  slots: Float64Array;
  byId: Float64Array;
  distinct: number;
  sequence: Int32Array;
  firstAt: Uint16Array;
  ends: Int32Array;
  seen: Int32Array;
  /** How many of `sequence` and `firstAt` are used. */
  entries: number;
  texts: number;
}

/**
 * `PairIndex.build` a document at a time, in document order: its first pass as each text is added (so
 * a thread can do it as texts arrive), its second at `finish`. Sized for `entries` pairs and `texts`
 * documents when they are known, grown by doubling when not.
 */
export class PairIndexBuilder {
  // Pass 1: each distinct pair gets an id (an open-addressing table), each document's distinct
  // pairs are listed once in `sequence`, and each pair counts its documents.
  private table = new PairTable();
  private sequence: Int32Array;
  private firstAt: Uint16Array;
  private ends: Int32Array;
  /** Per pair id, side by side (one cache line, not two): the last document that listed it, and how many did. */
  private seen: Int32Array = new Int32Array(2048);
  private n = 0;
  private texts = 0;

  constructor(entries = 1 << 16, texts = 1024) {
    this.sequence = new Int32Array(Math.max(1, entries));
    this.firstAt = new Uint16Array(Math.max(1, entries));
    this.ends = new Int32Array(texts + 1);
  }

  /** How many texts were added. */
  get size(): number {
    return this.texts;
  }

  /**
   * The first pass as plain arrays, for `fromFirstPass` to finish elsewhere (another thread: the
   * arrays can be moved there, not copied). This builder is spent.
   */
  firstPass(): PairsFirstPass {
    const { table, sequence, firstAt, ends, seen, n, texts } = this;
    return { ...table.toData(), sequence, firstAt, ends, seen, entries: n, texts };
  }

  /** A builder whose first pass is `pass`, ready to `finish`. */
  static fromFirstPass(pass: PairsFirstPass): PairIndexBuilder {
    const builder = new PairIndexBuilder(1, 1);
    builder.table = PairTable.fromData(pass);
    builder.sequence = pass.sequence;
    builder.firstAt = pass.firstAt;
    builder.ends = pass.ends;
    builder.seen = pass.seen;
    builder.n = pass.entries;
    builder.texts = pass.texts;
    return builder;
  }

  add(text: Int32Array | undefined): void {
    const doc = this.texts++;
    if (text && this.n + text.length > this.sequence.length) this.reserve(this.n + text.length);
    const { table, sequence, firstAt } = this;
    let { seen, n } = this;
    if (text) {
      for (let i = 0; i + 1 < text.length; i++) {
        const a = text[i] as number;
        const b = text[i + 1] as number;
        if (a < 0 || b < 0) continue;
        const at = 2 * table.intern(a, b);
        if (at >= seen.length) seen = grow(seen, seen.length * 2);
        // Documents are numbered from 1 here, so a fresh 0 means "none yet".
        if (seen[at] === doc + 1) continue;
        seen[at] = doc + 1;
        seen[at + 1] = (seen[at + 1] as number) + 1;
        firstAt[n] = Math.min(i, NO_POSITION);
        sequence[n++] = at >> 1;
      }
    }
    this.seen = seen;
    this.n = n;
    if (doc + 2 > this.ends.length) this.ends = grow(this.ends, 2 * this.ends.length);
    this.ends[doc + 1] = n;
  }

  /** Pass 2: pairs in key order, then every document under its pairs (in document order). */
  finish(): PairIndex {
    const { table, seen, sequence, firstAt, ends, n } = this;
    const distinct = table.size;
    const keys = table.keys().sort();
    const offsets = new Int32Array(distinct + 1);
    // Per pair id, where its next document goes: one lookup an entry, not its rank and then the rank's cursor.
    const cursor = new Int32Array(distinct);
    for (let r = 0; r < distinct; r++) {
      const id = table.find(keys[r] as number);
      const count = seen[2 * id + 1] as number;
      cursor[id] = offsets[r] as number;
      offsets[r + 1] = (offsets[r] as number) + count;
    }
    const docs = new Int32Array(n);
    const positions = new Uint16Array(n);
    for (let doc = 0; doc < this.texts; doc++) {
      for (let i = ends[doc] as number; i < (ends[doc + 1] as number); i++) {
        const id = sequence[i] as number;
        const to = cursor[id] as number;
        docs[to] = doc;
        positions[to] = firstAt[i] as number;
        cursor[id] = to + 1;
      }
    }
    return PairIndex.of(keys, offsets, docs, positions, this.texts);
  }

  private reserve(entries: number): void {
    const length = Math.max(entries, 2 * this.sequence.length);
    this.sequence = grow(this.sequence, length);
    this.firstAt = grow(this.firstAt, length);
  }
}

const NONE: readonly number[] = [];

function lowerBound(sorted: Float64Array, key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Pair key → dense id, open addressing over one typed array, each slot's key and id side by side (a
 * lookup reads one cache line; a Map of millions of numbers is slower and larger).
 */
class PairTable {
  /** Per slot: the key (-1: empty), then its id. */
  private slots: Float64Array;
  private byId: Float64Array;
  size = 0;

  /**
   * Starts small and doubles: the distinct pairs are far fewer than the pairs read (at 100k papers 0.7
   * million of 22 million), and a table sized for the reads spread them over 100 MB, a cache miss each.
   */
  constructor() {
    const capacity = 1 << 16;
    this.slots = new Float64Array(2 * capacity).fill(-1);
    this.byId = new Float64Array(Math.max(1024, capacity >>> 1));
  }

  toData(): Pick<PairsFirstPass, "slots" | "byId" | "distinct"> {
    return { slots: this.slots, byId: this.byId, distinct: this.size };
  }

  static fromData(data: Pick<PairsFirstPass, "slots" | "byId" | "distinct">): PairTable {
    const table = new PairTable();
    table.slots = data.slots;
    table.byId = data.byId;
    table.size = data.distinct;
    return table;
  }

  intern(a: number, b: number): number {
    const key = pairKey(a, b);
    const { slots } = this;
    const mask = slots.length / 2 - 1;
    let at = hash(a, b) & mask;
    for (;;) {
      const found = slots[2 * at] as number;
      if (found === key) return slots[2 * at + 1] as number;
      if (found === -1) break;
      at = (at + 1) & mask;
    }
    const id = this.size++;
    slots[2 * at] = key;
    slots[2 * at + 1] = id;
    if (id >= this.byId.length) {
      const byId = new Float64Array(this.byId.length * 2);
      byId.set(this.byId);
      this.byId = byId;
    }
    this.byId[id] = key;
    if (this.size * 4 > this.slots.length) this.rehash();
    return id;
  }

  find(key: number): number {
    const a = Math.floor(key / PAIR_BASE);
    const b = key - a * PAIR_BASE;
    const mask = this.slots.length / 2 - 1;
    let at = hash(a, b) & mask;
    while (this.slots[2 * at] !== key) at = (at + 1) & mask;
    return this.slots[2 * at + 1] as number;
  }

  /** The distinct keys, by id. */
  keys(): Float64Array {
    return this.byId.slice(0, this.size);
  }

  private rehash(): void {
    const capacity = this.slots.length;
    const mask = capacity - 1;
    const slots = new Float64Array(2 * capacity).fill(-1);
    for (let id = 0; id < this.size; id++) {
      const key = this.byId[id] as number;
      const a = Math.floor(key / PAIR_BASE);
      let at = hash(a, key - a * PAIR_BASE) & mask;
      while (slots[2 * at] !== -1) at = (at + 1) & mask;
      slots[2 * at] = key;
      slots[2 * at + 1] = id;
    }
    this.slots = slots;
  }
}

function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}
