// Documents by an exact key (an author's word, an organisation's word, a category), for filters.

/** Keyed lists as plain data, for the index file: list i is docs[offsets[i] .. offsets[i + 1]). */
export interface KeyedSnapshot {
  keys: string[];
  offsets: Int32Array;
  docs: Int32Array;
}

/**
 * A list loaded from an index file stays a view into it until the key's documents change, so a
 * start does not rebuild a hundred thousand arrays from the papers' names.
 */
export class KeyedDocs {
  private readonly byKey = new Map<string, number[] | Int32Array>();

  static fromSnapshot({ keys, offsets, docs }: KeyedSnapshot): KeyedDocs {
    const keyed = new KeyedDocs();
    for (let i = 0; i < keys.length; i++) {
      keyed.byKey.set(keys[i] as string, docs.subarray(offsets[i] as number, offsets[i + 1] as number));
    }
    return keyed;
  }

  toSnapshot(): KeyedSnapshot {
    const keys = [...this.byKey.keys()];
    const offsets = new Int32Array(keys.length + 1);
    let total = 0;
    keys.forEach((key, i) => {
      total += this.byKey.get(key)?.length ?? 0;
      offsets[i + 1] = total;
    });
    const docs = new Int32Array(total);
    keys.forEach((key, i) => {
      docs.set(this.byKey.get(key) ?? [], offsets[i] as number);
    });
    return { keys, offsets, docs };
  }

  add(key: string, doc: number): void {
    const docs = this.byKey.get(key);
    if (!docs) this.byKey.set(key, [doc]);
    else if (docs[docs.length - 1] !== doc) this.writable(key, docs).push(doc);
  }

  remove(key: string, doc: number): void {
    const docs = this.byKey.get(key);
    const at = docs ? docs.indexOf(doc) : -1;
    if (!docs || at < 0) return;
    if (docs.length === 1) {
      this.byKey.delete(key);
      return;
    }
    this.writable(key, docs).splice(at, 1);
  }

  get(key: string): ArrayLike<number> {
    return this.byKey.get(key) ?? NONE;
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  private writable(key: string, docs: number[] | Int32Array): number[] {
    if (Array.isArray(docs)) return docs;
    const copy = Array.from(docs);
    this.byKey.set(key, copy);
    return copy;
  }
}

const NONE: readonly number[] = [];
