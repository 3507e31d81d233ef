// A record the bulk build makes: its names and categories kept packed, as the index file keeps them, and split on first use.
import {
  type DocRecord,
  type PackedStrings,
  packAuthors,
  packCategories,
  packWords,
  type RecordNames,
  unpackAuthors,
  unpackCategories,
  unpackWords,
} from "./doc-record.js";

/**
 * At 100k papers, each record's lists of categories, authors' names and organisation words made
 * some two million small arrays and strings that every garbage collection of the build copied or
 * marked, for what a filter on a several-word name or a changed paper reads now and then.
 */
export class PackedRecord implements DocRecord {
  private cats: string[] | undefined;
  private names: string[][] | undefined;
  private org: string[] | undefined;
  /** The names as the index file keeps them (one entry of each of `PackedStrings`' lists). */
  readonly packed: { [name in keyof PackedStrings]: string };

  constructor(
    readonly id: string,
    readonly text: Int32Array,
    names: RecordNames,
  ) {
    this.packed = {
      categories: packCategories(names.categories),
      authors: packAuthors(names.authors),
      organizations: packWords(names.organization),
    };
  }

  get categories(): string[] {
    this.cats ??= unpackCategories(this.packed.categories);
    return this.cats;
  }

  get authors(): string[][] {
    this.names ??= unpackAuthors(this.packed.authors);
    return this.names;
  }

  get organization(): string[] {
    this.org ??= unpackWords(this.packed.organizations);
    return this.org;
  }
}
