// What the index keeps of each paper (its words as ids, names, categories) and the counts derived from it.
import type { Paper } from "../papers/paper.js";
import { FIELD_COUNT } from "./fields.js";
import type { FillRange } from "./framed-file.js";
import { tokenize } from "./tokenize.js";
import { NO_TERM, type Vocabulary } from "./vocabulary.js";

/** Separates fields in a document's text. */
export const FIELD_BREAK = -1;

/** The compact stand-in for a Paper: no abstract string, no sightings, no links. */
export interface DocRecord {
  id: string;
  /** Surface-word ids of title, abstract, authors, organisation and key phrases, FIELD_BREAK between. */
  text: Int32Array;
  /** Lower case. */
  categories: string[];
  /** Each author's name as words. */
  authors: string[][];
  organization: string[];
}

/** The text of each field, in FIELDS order. */
export function fieldTexts(paper: Paper): string[] {
  const phrases = [...(paper.keyphrases ?? []), ...(paper.sourceKeywords ?? [])];
  return [
    paper.title,
    paper.abstract,
    paper.authors.join(" ; "),
    paper.organization ?? "",
    phrases.join(" ; "),
  ];
}

/** A document's names and categories as three strings each, for the index file (see `StoredRecord`). */
export interface PackedStrings {
  /** Categories, CATEGORY_SEPARATOR between. */
  categories: string[];
  /** Authors' names, `;` between names and a space between words (words never hold either). */
  authors: string[];
  /** The organisation's words, a space between. */
  organizations: string[];
}

/** A control character no category holds (categories are arXiv or source labels). */
const CATEGORY_SEPARATOR = "\u001f";

export function packCategories(categories: readonly string[]): string {
  return categories.join(CATEGORY_SEPARATOR);
}

export function packAuthors(authors: readonly (readonly string[])[]): string {
  return authors.map((name) => name.join(" ")).join(";");
}

export function packWords(words: readonly string[]): string {
  return words.join(" ");
}

function unpack(packed: string, separator: string): string[] {
  return packed === "" ? [] : packed.split(separator);
}

/**
 * A record's names and categories kept packed, as the index file keeps them, and each list split on
 * first use: they are read for a filter on a several-word name or when the paper changes. Split up
 * front at 100k papers they were some two million small arrays and strings, a quarter of a second of
 * a start and most of its garbage, and as much that every collection of a first start's build copied.
 */
export abstract class PackedNames {
  private cats: string[] | undefined;
  private names: string[][] | undefined;
  private org: string[] | undefined;

  /** This record's entry in one of `PackedStrings`' lists. */
  protected abstract packedOf(name: keyof PackedStrings): string;

  get categories(): string[] {
    this.cats ??= unpack(this.packedOf("categories"), CATEGORY_SEPARATOR);
    return this.cats;
  }

  get authors(): string[][] {
    this.names ??= unpack(this.packedOf("authors"), ";").map((name) => name.split(" "));
    return this.names;
  }

  get organization(): string[] {
    this.org ??= unpack(this.packedOf("organizations"), " ");
    return this.org;
  }
}

/** Where stored records' texts and strings live: the index file's sections. */
export interface StoredDocs extends PackedStrings {
  texts: Int32Array;
  textOffsets: Int32Array;
  /** Set when `texts` is read from the index file a range at a time. */
  fill?: FillRange;
}

/** A record loaded from an index file: its text and packed names are the file's sections'. */
export class StoredRecord extends PackedNames implements DocRecord {
  private view: Int32Array | undefined;

  constructor(
    readonly id: string,
    private readonly source: StoredDocs,
    private readonly doc: number,
  ) {
    super();
  }

  get text(): Int32Array {
    if (this.view === undefined) {
      const { texts, textOffsets, fill } = this.source;
      const from = textOffsets[this.doc] as number;
      const to = textOffsets[this.doc + 1] as number;
      fill?.(texts, from, to);
      this.view = texts.subarray(from, to);
    }
    return this.view;
  }

  protected packedOf(name: keyof PackedStrings): string {
    return this.source[name][this.doc] ?? "";
  }
}

/** A record's names and categories, as `toRecord` keeps them. */
export type RecordNames = Pick<DocRecord, "categories" | "authors" | "organization">;

export function recordNames(paper: Paper): RecordNames {
  return {
    categories: paper.categories.map((category) => category.toLowerCase()),
    authors: paper.authors.map(tokenize).filter((name) => name.length > 0),
    organization: tokenize(paper.organization ?? ""),
  };
}

/** A paper's record. */
export function toRecord(paper: Paper, vocabulary: Vocabulary): DocRecord {
  return { id: paper.id, text: wordIds(fieldTexts(paper), vocabulary), ...recordNames(paper) };
}

function wordIds(fields: readonly string[], vocabulary: Vocabulary): Int32Array {
  const ids: number[] = [];
  for (const [f, text] of fields.entries()) {
    if (f > 0) ids.push(FIELD_BREAK);
    for (const word of tokenize(text)) ids.push(vocabulary.intern(word));
  }
  return Int32Array.from(ids);
}

/** 2024-03-05 → 20240305, so date filters and sorting compare integers; 0 when unknown. */
export function dayNumber(iso: string | undefined): number {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return match ? Number(match[1]) * 10_000 + Number(match[2]) * 100 + Number(match[3]) : 0;
}

/** Per term, its count in each field; and each field's length in indexed words. */
export function termCounts(
  text: Int32Array,
  vocabulary: Vocabulary,
): { counts: Map<number, number[]>; lengths: number[] } {
  const counts = new Map<number, number[]>();
  const lengths = new Array<number>(FIELD_COUNT).fill(0);
  const bump = (term: number, field: number): void => {
    let row = counts.get(term);
    if (!row) {
      row = new Array<number>(FIELD_COUNT).fill(0);
      counts.set(term, row);
    }
    row[field] = (row[field] ?? 0) + 1;
  };
  let field = 0;
  for (const id of text) {
    if (id === FIELD_BREAK) {
      field++;
      continue;
    }
    const term = vocabulary.termOfSurface(id);
    if (term === NO_TERM) continue;
    lengths[field] = (lengths[field] ?? 0) + 1;
    bump(term, field);
    const glued = vocabulary.gluedTermOfSurface(id);
    if (glued !== NO_TERM && glued !== term) bump(glued, field);
  }
  return { counts, lengths };
}

export function sameText(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Category filter: "cs.lg" matches cs.LG, "cs" matches any cs.*, "lg" matches cs.LG. */
export function categoryMatches(category: string, wanted: string): boolean {
  return category === wanted || category.startsWith(`${wanted}.`) || category.endsWith(`.${wanted}`);
}
