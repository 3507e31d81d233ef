// A record the bulk build makes: its names and categories packed as the index file keeps them (see PackedNames).
import {
  type DocRecord,
  PackedNames,
  type PackedStrings,
  packAuthors,
  packCategories,
  packWords,
  type RecordNames,
} from "./doc-record.js";

export class PackedRecord extends PackedNames implements DocRecord {
  /** The names as the index file keeps them (one entry of each of `PackedStrings`' lists). */
  readonly packed: { [name in keyof PackedStrings]: string };

  constructor(
    readonly id: string,
    readonly text: Int32Array,
    names: RecordNames,
  ) {
    super();
    this.packed = {
      categories: packCategories(names.categories),
      authors: packAuthors(names.authors),
      organizations: packWords(names.organization),
    };
  }

  protected packedOf(name: keyof PackedStrings): string {
    return this.packed[name];
  }
}
