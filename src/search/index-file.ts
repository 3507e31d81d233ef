// Reads and writes the search index as one binary file, so a restart loads it instead of re-indexing every paper.
import { FIELD_B, FIELD_WEIGHTS, K1 } from "./fields.js";
import {
  FramedReader,
  type FramedWriteOptions,
  readFramedFile,
  type Section,
  sectionOffsets,
  sectionType,
  TYPES,
  type Typed,
  type TypeName,
  writeFramedFile,
} from "./framed-file.js";
import type { IndexSections, IndexSnapshot } from "./search-index.js";
import { STOP_WORDS } from "./stop-words.js";

const MAGIC = "PBIX";
/** Bump when the file layout or anything that changes indexing (tokenizer, stemming, fields) changes. */
export const INDEX_FILE_VERSION = 5;
/** What the file's contents depend on besides the code version: a file from other settings is not used. */
const SCHEMA = JSON.stringify({ FIELD_WEIGHTS, FIELD_B, K1, stopWords: STOP_WORDS.size });

/** The header's string lists by name. */
const LISTS = [
  "ids",
  "categories",
  "authors",
  "organizations",
  "surfaces",
  "terms",
  "authorKeys",
  "orgKeys",
  "categoryKeys",
] as const;
type ListName = (typeof LISTS)[number];

interface Header {
  magic: string;
  version: number;
  schema: string;
  /**
   * A list one of whose strings holds a newline, as an array; every other list is a section of its
   * strings joined by newlines, UTF-8 (`list:NAME`): splitting one long string is several times
   * faster than parsing 800,000 JSON strings, and a header free of them is read in a moment.
   */
  lists: Partial<Record<ListName, string[]>>;
  numbers: { normLive: number; live: number; pairIndexedDocs?: number };
  /** name, type, byte offset from the start of the binary part, element count. */
  sections: [string, TypeName, number, number][];
  /** What the index was made from, as its writer described it (see IndexSource). */
  source?: IndexSource;
}

/**
 * The state of the papers an index was made from (for a data directory: its corpus files' sizes and
 * times), kept in the file so a reader can tell the index is current without reading every paper.
 */
export type IndexSource = Record<string, number>;

function sectionsOf(snapshot: IndexSnapshot | IndexSections): [string, Section][] {
  const { vocabulary, pairs } = snapshot;
  const sections: [string, Section][] = [
    ["termOf", vocabulary.termOf],
    ["gluedTermOf", vocabulary.gluedTermOf],
    ["sorted", vocabulary.sorted],
    ["surfaceOrder", vocabulary.surfaceOrder],
    ["termOrder", vocabulary.termOrder],
    ["textOffsets", snapshot.textOffsets],
    ["texts", snapshot.texts],
    ["dates", snapshot.dates],
    ["upvotes", snapshot.upvotes],
    ["citations", snapshot.citations],
    ["lengths", snapshot.lengths],
    ["norms", snapshot.norms],
    ["fingerprints", snapshot.fingerprints],
    ["lengthSums", snapshot.lengthSums],
    ["normAverages", snapshot.normAverages],
    ["postingOffsets", snapshot.postingOffsets],
    ["postingDocs", snapshot.postingDocs],
    ["postingCounts", snapshot.postingCounts],
    ["postingWeights", snapshot.postingWeights],
    ["surfaceCounts", snapshot.surfaceCounts],
    ["authorOffsets", snapshot.byAuthor.offsets],
    ["authorDocs", snapshot.byAuthor.docs],
    ["orgOffsets", snapshot.byOrg.offsets],
    ["orgDocs", snapshot.byOrg.docs],
    ["categoryOffsets", snapshot.byCategory.offsets],
    ["categoryDocs", snapshot.byCategory.docs],
  ];
  if (pairs)
    sections.push(
      ["pairKeys", pairs.keys],
      ["pairOffsets", pairs.offsets],
      ["pairDocs", pairs.docs],
      ["pairPositions", pairs.positions],
    );
  return sections;
}

/** The snapshot's string lists by name. */
function listsOf(snapshot: IndexSnapshot | IndexSections): Record<ListName, readonly string[]> {
  return {
    ids: snapshot.ids,
    categories: snapshot.categories,
    authors: snapshot.authors,
    organizations: snapshot.organizations,
    surfaces: snapshot.vocabulary.surfaces,
    terms: snapshot.vocabulary.terms,
    authorKeys: snapshot.byAuthor.keys,
    orgKeys: snapshot.byOrg.keys,
    categoryKeys: snapshot.byCategory.keys,
  };
}

/** Whether a list must go in the header as an array: empty, or one of its strings holds a newline. */
function needsArray(list: readonly string[]): boolean {
  return list.length === 0 || list.some((text) => text.includes("\n"));
}

/** Sections that are read a range at a time when only part of the index is wanted (see FramedReader). */
const RANGED = new Set([
  "texts",
  "postingDocs",
  "postingCounts",
  "postingWeights",
  "pairDocs",
  "pairPositions",
]);

/**
 * Writes the index to `path` (through a temporary file and a rename, so a reader never sees half of it).
 * From a live index's `toSections`, the write yields between steps and is abandoned (SupersededWrite)
 * if `options.unchanged` says the index changed meanwhile.
 */
export async function writeIndexFile(
  path: string,
  snapshot: IndexSnapshot | IndexSections,
  source?: IndexSource,
  options: FramedWriteOptions = {},
): Promise<number> {
  const sections = sectionsOf(snapshot);
  const lists: Header["lists"] = {};
  for (const [name, list] of Object.entries(listsOf(snapshot)) as [ListName, readonly string[]][]) {
    if (needsArray(list)) lists[name] = [...list];
    else sections.push([`list:${name}`, Buffer.from(list.join("\n"), "utf8")]);
  }
  const offsets = sectionOffsets(sections.map(([, section]) => section));
  const placed: Header["sections"] = sections.map(([name, section], i) => [
    name,
    section instanceof Buffer ? "Uint8Array" : sectionType(section),
    offsets[i] as number,
    section.length,
  ]);
  const header: Header = {
    magic: MAGIC,
    version: INDEX_FILE_VERSION,
    schema: SCHEMA,
    lists,
    numbers: {
      normLive: snapshot.normLive,
      live: snapshot.live,
      pairIndexedDocs: snapshot.pairs?.indexedDocs,
    },
    sections: placed,
    source,
  };
  return writeFramedFile(
    path,
    MAGIC,
    header,
    sections.map(([, section]) => section),
    options,
  );
}

/** Where a snapshot's sections come from: views into the whole file read at once, or reads from an open file. */
interface SectionSource {
  holds(offset: number, bytes: number): boolean;
  section(type: TypeName, offset: number, length: number): Typed;
  ranged(type: TypeName, offset: number, length: number): Typed;
  fill?: (array: Typed, from: number, to: number) => void;
  close?: () => void;
}

function wholeFileSource(bytes: Buffer, base: number): SectionSource {
  const view = (type: TypeName, offset: number, length: number): Typed =>
    new TYPES[type](bytes.buffer as ArrayBuffer, bytes.byteOffset + base + offset, length);
  return { holds: (offset, size) => base + offset + size <= bytes.length, section: view, ranged: view };
}

function readerSource(reader: FramedReader): SectionSource {
  return {
    holds: (offset, size) => reader.holds(offset, size),
    section: (type, offset, length) => reader.section(type, offset, length),
    ranged: (type, offset, length) => reader.ranged(type, offset, length),
    fill: (array, from, to) => reader.fill(array, from, to),
    close: () => reader.close(),
  };
}

/** The snapshot in `path`; undefined when there is none, or it is from another version, or cut short. */
export async function readIndexFile(path: string): Promise<IndexSnapshot | undefined> {
  return (await readIndexFileEntry(path))?.snapshot;
}

export type IndexFileEntry = { snapshot: IndexSnapshot; source?: IndexSource };

/** The snapshot in `path` and what it was made from, if its writer said; read whole, as a long-running process wants. */
export async function readIndexFileEntry(path: string): Promise<IndexFileEntry | undefined> {
  const framed = await readFramedFile(path, MAGIC);
  if (!framed) return undefined;
  return entryFrom(framed.header as Header, wholeFileSource(framed.bytes, framed.base));
}

/**
 * The snapshot in `path`, its large sections (texts, postings, phrase pairs) read a range at a
 * time as queries ask (`snapshot.fill`): what a one-query command wants. At 100k papers it reads
 * some 30 MB of the 373 MB file up front.
 */
export function openIndexFileEntry(path: string): IndexFileEntry | undefined {
  const reader = FramedReader.open(path, MAGIC);
  if (!reader) return undefined;
  return entryFrom(reader.header as Header, readerSource(reader));
}

function decodeList(bytes: Typed): string[] {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8").split("\n");
}

/** Sets `key` of `target` to a getter that makes its value on first read (and keeps it). */
function lazily<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, enumerable: true, writable: true });
      return value;
    },
  });
}

function entryFrom(header: Header, from: SectionSource): IndexFileEntry | undefined {
  if (header.version !== INDEX_FILE_VERSION || header.schema !== SCHEMA) return undefined;
  const placed = new Map<string, [TypeName, number, number]>();
  for (const [name, type, offset, length] of header.sections) {
    if (!from.holds(offset, length * TYPES[type].BYTES_PER_ELEMENT)) return undefined;
    placed.set(name, [type, offset, length]);
  }
  const arrays = new Map<string, Typed>();
  const find = (name: string): Typed | undefined => {
    let array = arrays.get(name);
    const at = placed.get(name);
    if (array === undefined && at !== undefined) {
      array = RANGED.has(name) ? from.ranged(...at) : from.section(...at);
      arrays.set(name, array);
    }
    return array;
  };
  const get = <T extends Typed>(name: string): T => {
    const array = find(name);
    if (!array) throw new Error(`index file has no ${name} section`);
    return array as T;
  };
  const list = (name: ListName): string[] => {
    const inHeader = header.lists[name];
    if (inHeader) return inHeader;
    const bytes = find(`list:${name}`);
    return bytes ? decodeList(bytes) : [];
  };
  const { numbers } = header;
  const pairKeys = find("pairKeys") as Float64Array | undefined;
  const pairOffsets = find("pairOffsets") as Int32Array | undefined;
  const pairDocs = find("pairDocs") as Int32Array | undefined;
  const pairPositions = find("pairPositions") as Uint16Array | undefined;
  const { fill, close } = from;
  const snapshot: IndexSnapshot = {
    vocabulary: {
      surfaces: list("surfaces"),
      terms: list("terms"),
      termOf: get("termOf"),
      gluedTermOf: get("gluedTermOf"),
      sorted: get("sorted"),
      surfaceOrder: get("surfaceOrder"),
      termOrder: get("termOrder"),
    },
    ids: list("ids"),
    categories: [],
    authors: [],
    organizations: [],
    byAuthor: { keys: list("authorKeys"), offsets: get("authorOffsets"), docs: get("authorDocs") },
    byOrg: { keys: list("orgKeys"), offsets: get("orgOffsets"), docs: get("orgDocs") },
    byCategory: { keys: list("categoryKeys"), offsets: get("categoryOffsets"), docs: get("categoryDocs") },
    textOffsets: get("textOffsets"),
    texts: get("texts"),
    dates: get("dates"),
    upvotes: get("upvotes"),
    citations: get("citations"),
    lengths: get("lengths"),
    norms: get("norms"),
    fingerprints: get("fingerprints"),
    lengthSums: get("lengthSums"),
    normAverages: get("normAverages"),
    normLive: numbers.normLive,
    live: numbers.live,
    postingOffsets: get("postingOffsets"),
    postingDocs: get("postingDocs"),
    postingCounts: get("postingCounts"),
    postingWeights: get("postingWeights"),
    surfaceCounts: get("surfaceCounts"),
    pairs:
      pairKeys && pairOffsets && pairDocs && pairPositions
        ? {
            keys: pairKeys,
            offsets: pairOffsets,
            docs: pairDocs,
            positions: pairPositions,
            indexedDocs: numbers.pairIndexedDocs ?? 0,
            fill,
          }
        : undefined,
    fill,
    close,
  };
  // Per-paper names and categories: split when a record first reads them, which a query seldom does.
  lazily(snapshot, "categories", () => list("categories"));
  lazily(snapshot, "authors", () => list("authors"));
  lazily(snapshot, "organizations", () => list("organizations"));
  return { snapshot, source: header.source };
}
