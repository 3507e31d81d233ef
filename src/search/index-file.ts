// Reads and writes the search index as one binary file, so a restart loads it instead of re-indexing every paper.
import { FIELD_B, FIELD_WEIGHTS, K1 } from "./fields.js";
import { readFramedFile, sectionOffsets, writeFramedFile } from "./framed-file.js";
import type { IndexSnapshot } from "./search-index.js";
import { STOP_WORDS } from "./stop-words.js";

const MAGIC = "PBIX";
/** Bump when the file layout or anything that changes indexing (tokenizer, stemming, fields) changes. */
export const INDEX_FILE_VERSION = 4;
/** What the file's contents depend on besides the code version: a file from other settings is not used. */
const SCHEMA = JSON.stringify({ FIELD_WEIGHTS, FIELD_B, K1, stopWords: STOP_WORDS.size });

type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;
const TYPES = { Int32Array, Uint32Array, Uint16Array, Uint8Array, Float32Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;

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
   * Each list joined by newlines (or, should one of its strings hold a newline, as an array):
   * splitting one long string is several times faster than parsing 800,000 JSON strings.
   */
  strings: Record<ListName, string | string[]>;
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

function sectionsOf(snapshot: IndexSnapshot): [string, Typed][] {
  const { vocabulary, pairs } = snapshot;
  const sections: [string, Typed][] = [
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

function packList(list: readonly string[]): string | string[] {
  return list.length === 0 || list.some((text) => text.includes("\n")) ? [...list] : list.join("\n");
}

function unpackList(packed: string | string[] | undefined): string[] {
  if (packed === undefined) return [];
  return typeof packed === "string" ? packed.split("\n") : packed;
}

/** Writes the index to `path` (through a temporary file and a rename, so a reader never sees half of it). */
export async function writeIndexFile(
  path: string,
  snapshot: IndexSnapshot,
  source?: IndexSource,
): Promise<number> {
  const sections = sectionsOf(snapshot);
  const offsets = sectionOffsets(sections.map(([, array]) => array));
  const placed: Header["sections"] = sections.map(([name, array], i) => [
    name,
    array.constructor.name as TypeName,
    offsets[i] as number,
    array.length,
  ]);
  const header: Header = {
    magic: MAGIC,
    version: INDEX_FILE_VERSION,
    schema: SCHEMA,
    strings: {
      ids: packList(snapshot.ids),
      categories: packList(snapshot.categories),
      authors: packList(snapshot.authors),
      organizations: packList(snapshot.organizations),
      surfaces: packList(snapshot.vocabulary.surfaces),
      terms: packList(snapshot.vocabulary.terms),
      authorKeys: packList(snapshot.byAuthor.keys),
      orgKeys: packList(snapshot.byOrg.keys),
      categoryKeys: packList(snapshot.byCategory.keys),
    },
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
    sections.map(([, array]) => array),
  );
}

/** The snapshot in `path`; undefined when there is none, or it is from another version, or cut short. */
export async function readIndexFile(path: string): Promise<IndexSnapshot | undefined> {
  return (await readIndexFileEntry(path))?.snapshot;
}

/** The snapshot in `path` and what it was made from, if its writer said. */
export async function readIndexFileEntry(
  path: string,
): Promise<{ snapshot: IndexSnapshot; source?: IndexSource } | undefined> {
  const framed = await readFramedFile(path, MAGIC);
  if (!framed) return undefined;
  const { bytes, base } = framed;
  const header = framed.header as Header;
  if (header.version !== INDEX_FILE_VERSION || header.schema !== SCHEMA) return undefined;
  const arrays = new Map<string, Typed>();
  for (const [name, type, offset, length] of header.sections) {
    const Type = TYPES[type];
    const start = bytes.byteOffset + base + offset;
    if (base + offset + length * Type.BYTES_PER_ELEMENT > bytes.length) return undefined;
    arrays.set(name, new Type(bytes.buffer as ArrayBuffer, start, length));
  }
  const get = <T extends Typed>(name: string): T => {
    const array = arrays.get(name);
    if (!array) throw new Error(`index file has no ${name} section`);
    return array as T;
  };
  const { numbers } = header;
  const strings = {} as Record<ListName, string[]>;
  for (const name of LISTS) strings[name] = unpackList(header.strings[name]);
  const pairKeys = arrays.get("pairKeys") as Float64Array | undefined;
  const pairOffsets = arrays.get("pairOffsets") as Int32Array | undefined;
  const pairDocs = arrays.get("pairDocs") as Int32Array | undefined;
  const pairPositions = arrays.get("pairPositions") as Uint16Array | undefined;
  const snapshot: IndexSnapshot = {
    vocabulary: {
      surfaces: strings.surfaces,
      terms: strings.terms,
      termOf: get("termOf"),
      gluedTermOf: get("gluedTermOf"),
      sorted: get("sorted"),
      surfaceOrder: get("surfaceOrder"),
      termOrder: get("termOrder"),
    },
    ids: strings.ids,
    categories: strings.categories,
    authors: strings.authors,
    organizations: strings.organizations,
    byAuthor: { keys: strings.authorKeys, offsets: get("authorOffsets"), docs: get("authorDocs") },
    byOrg: { keys: strings.orgKeys, offsets: get("orgOffsets"), docs: get("orgDocs") },
    byCategory: { keys: strings.categoryKeys, offsets: get("categoryOffsets"), docs: get("categoryDocs") },
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
          }
        : undefined,
  };
  return { snapshot, source: header.source };
}
