// Keeps the paper vectors in a binary file beside the search index, so a start loads them instead of re-reading every paper.
import { dirname, join } from "node:path";
import type { Logger } from "../log.js";
import type { Paper } from "../papers/paper.js";
import { paperFingerprints } from "./fingerprint.js";
import { openFramedFile, sectionOffsets, writeFramedFile } from "./framed-file.js";
import {
  MAX_FEATURES,
  PAPER_VECTORS_VERSION,
  PaperVectors,
  type PaperVectorsSnapshot,
} from "./paper-vectors.js";

/** The vectors file's name in a data directory, next to the search index file. */
export const PAPER_VECTORS_FILE_NAME = "paper-vectors.bin";

const MAGIC = "PBVX";

/** The vectors file that goes with an index file: the same directory. */
export function vectorsFileBeside(indexFile: string): string {
  return join(dirname(indexFile), PAPER_VECTORS_FILE_NAME);
}

/** The vectors, with the fingerprint of the paper each row was made from (the index file's fingerprint). */
export interface StoredVectors {
  snapshot: PaperVectorsSnapshot;
  fingerprints: Uint32Array;
}

interface Header {
  version: number;
  weightedAt: number;
  /** The ids joined by newlines, or (should one hold a newline) as an array. */
  ids: string | string[];
  /** name, byte offset from the start of the binary part, element count; every element is 4 bytes. */
  sections: [SectionName, number, number][];
}

const SECTIONS = ["offsets", "slots", "weights", "df", "fingerprints"] as const;
type SectionName = (typeof SECTIONS)[number];

/** Writes the vectors to `path` whole (temporary file and rename); returns the bytes written. */
export async function writeVectorsFile(path: string, stored: StoredVectors): Promise<number> {
  const { snapshot, fingerprints } = stored;
  const arrays: Record<SectionName, Uint32Array | Float32Array> = {
    offsets: snapshot.offsets,
    slots: snapshot.slots,
    weights: snapshot.weights,
    df: snapshot.df,
    fingerprints,
  };
  const ordered = SECTIONS.map((name) => arrays[name]);
  const offsets = sectionOffsets(ordered);
  const sections: Header["sections"] = SECTIONS.map((name, i) => [
    name,
    offsets[i] as number,
    arrays[name].length,
  ]);
  const { ids } = snapshot;
  const header: Header = {
    version: PAPER_VECTORS_VERSION,
    weightedAt: snapshot.weightedAt,
    ids: ids.some((id) => id.includes("\n")) ? ids : ids.join("\n"),
    sections,
  };
  return writeFramedFile(path, MAGIC, header, ordered);
}

/**
 * Room left after the stored rows, so the papers a start or the next ingests re-weigh are placed
 * without first copying every row to a larger array (room nothing writes costs no memory).
 */
function roomToGrow(entries: number): number {
  return Math.ceil(entries / 10) + 1_000 * MAX_FEATURES;
}

/**
 * The vectors in `path`, each section read straight into the array the vectors keep (slots and weights
 * with room to grow); undefined when there is no file, or it is from another version, or it is cut short.
 */
export async function readVectorsFile(path: string): Promise<StoredVectors | undefined> {
  const file = await openFramedFile(path, MAGIC);
  if (!file) return undefined;
  try {
    const header = file.header as Header;
    if (header.version !== PAPER_VECTORS_VERSION) return undefined;
    const found = new Map<SectionName, [number, number]>();
    for (const [name, offset, length] of header.sections) {
      if (!file.holds(offset, length * 4)) return undefined;
      found.set(name, [offset, length]);
    }
    const section = async <T extends Uint32Array | Float32Array>(
      name: SectionName,
      make: (length: number) => T,
    ): Promise<T> => {
      const [offset, length] = found.get(name) ?? [0, 0];
      const array = make(length);
      await file.read(array.subarray(0, length), offset);
      return array;
    };
    const ids =
      typeof header.ids === "string" ? (header.ids === "" ? [] : header.ids.split("\n")) : header.ids;
    const [offsets, slots, weights, df, fingerprints] = await Promise.all([
      section("offsets", (n) => new Uint32Array(n)),
      section("slots", (n) => new Uint32Array(n + roomToGrow(n))),
      section("weights", (n) => new Float32Array(n + roomToGrow(n))),
      section("df", (n) => new Uint32Array(n)),
      section("fingerprints", (n) => new Uint32Array(n)),
    ]);
    if (offsets.length !== ids.length + 1 || fingerprints.length !== ids.length) return undefined;
    return {
      snapshot: { ids, offsets, slots, weights, df, weightedAt: header.weightedAt },
      fingerprints,
    };
  } finally {
    await file.close();
  }
}

export interface OpenVectorsOptions {
  /** Where the vectors are kept between runs; without it they are built every time. */
  file?: string;
  log: Logger;
  /** How a missing or stale file gets written: in the background by default (the bot holds the lock). */
  persist?: (write: () => Promise<void>) => Promise<void> | void;
  /** `paperFingerprint` of each of the papers, in order, when the caller has them already. */
  fingerprints?: Uint32Array;
  /** The file's contents when the caller began reading them earlier (readVectorsFile); read here otherwise. */
  reading?: Promise<StoredVectors | undefined>;
  /** How vectors no file holds are built: here by default; the bot builds them on a second thread. */
  build?: (papers: readonly Paper[]) => Promise<PaperVectors>;
}

/**
 * The vectors of `papers`: loaded from `file` and brought up to date (a paper whose fingerprint
 * differs from its row's, or that has no row, is re-weighed), else built; the file is rewritten
 * when it was missing, unusable, or off by more than a few papers. At 100k papers building takes
 * ~20 s on a busy machine; loading and checking, well under a second.
 */
export async function openPaperVectors(
  papers: readonly Paper[],
  options: OpenVectorsOptions,
): Promise<PaperVectors> {
  return (await startPaperVectors(papers, options)).vectors;
}

/**
 * `openPaperVectors` in two steps: resolves once the file is read and a build, if one is needed, is
 * under way (`options.build` may run it elsewhere), with the vectors still to come.
 */
export async function startPaperVectors(
  papers: readonly Paper[],
  options: OpenVectorsOptions,
): Promise<{ vectors: Promise<PaperVectors> }> {
  const { file, log } = options;
  const fingerprints = options.fingerprints ?? paperFingerprints(papers);
  let restored: { vectors: PaperVectors; changed: number } | undefined;
  if (file) {
    try {
      const stored = await (options.reading ?? readVectorsFile(file));
      restored = stored && restore(stored, papers, fingerprints);
    } catch (error) {
      log.warn({ err: error, file }, "the paper vectors file could not be read; rebuilding the vectors");
    }
  }
  const changed = restored?.changed ?? papers.length;
  const made = restored
    ? Promise.resolve(restored.vectors)
    : (options.build ?? ((all) => Promise.resolve(PaperVectors.build(all))))(papers);
  const persisted = made.then(async (opened) => {
    if (file && changed > Math.max(100, papers.length * 0.01)) {
      const target = file;
      // Taken when the write runs (the bot's, once it is up): a row re-weighed since keeps its paper's
      // fingerprint from the start, so the next start re-weighs it again, which gives the same row.
      const write = (): Promise<void> =>
        writeVectorsFile(target, {
          snapshot: opened.toSnapshot(),
          fingerprints: rowFingerprints(opened, papers, fingerprints),
        }).then(
          (bytes) => log.info({ file: target, bytes }, "paper vectors written"),
          (error: unknown) =>
            log.warn({ err: error, file: target }, "the paper vectors file could not be written"),
        );
      await (options.persist ?? inBackground)(write);
    }
    return opened;
  });
  return { vectors: persisted };
}

/**
 * The stored vectors with the changed and new papers re-weighed; undefined when a stored row's paper
 * is gone (rows cannot be removed, and a vector for a missing paper would be offered as similar).
 */
function restore(
  stored: StoredVectors,
  papers: readonly Paper[],
  fingerprints: Uint32Array,
): { vectors: PaperVectors; changed: number } | undefined {
  const vectors = PaperVectors.fromSnapshot(stored.snapshot);
  const stale: Paper[] = [];
  let kept = 0;
  for (let i = 0; i < papers.length; i++) {
    const paper = papers[i] as Paper;
    const row = vectors.row(paper.id);
    if (row !== undefined) kept++;
    if (row === undefined || stored.fingerprints[row] !== fingerprints[i]) stale.push(paper);
  }
  if (kept < vectors.size) return undefined;
  vectors.update(stale);
  return { vectors, changed: stale.length };
}

function rowFingerprints(
  vectors: PaperVectors,
  papers: readonly Paper[],
  fingerprints: Uint32Array,
): Uint32Array {
  const byRow = new Uint32Array(vectors.size);
  for (let i = 0; i < papers.length; i++) {
    const row = vectors.row((papers[i] as Paper).id);
    if (row !== undefined) byRow[row] = fingerprints[i] as number;
  }
  return byRow;
}

function inBackground(write: () => Promise<void>): void {
  void write();
}
