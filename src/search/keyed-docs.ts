// Documents by an exact key (an author's word, an organisation's word, a category), for filters.

export class KeyedDocs {
  private readonly byKey = new Map<string, number[]>();

  add(key: string, doc: number): void {
    const docs = this.byKey.get(key);
    if (!docs) this.byKey.set(key, [doc]);
    else if (docs[docs.length - 1] !== doc) docs.push(doc);
  }

  remove(key: string, doc: number): void {
    const docs = this.byKey.get(key);
    const at = docs ? docs.indexOf(doc) : -1;
    if (!docs || at < 0) return;
    docs.splice(at, 1);
    if (docs.length === 0) this.byKey.delete(key);
  }

  get(key: string): readonly number[] {
    return this.byKey.get(key) ?? [];
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }
}
