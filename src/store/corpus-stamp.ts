// What a data directory's corpus files looked like when they were read: lets a file made from them (the search index) tell whether it still describes them.
import { open, stat } from "node:fs/promises";
import { join } from "node:path";
import { isUserError } from "../errors.js";
import type { Paper } from "../papers/paper.js";
import { parseJournal } from "./corpus-journal.js";
import { decodeJson } from "./durable-json-file.js";

/** The corpus file's size and modification time, and how many bytes the journal held, at one moment. */
export interface CorpusStamp {
  papersBytes: number;
  papersMtimeMs: number;
  journalBytes: number;
}

export const CORPUS_FILE = "papers.json";
/** Papers changed since papers.json was written, replayed over it at open. */
export const JOURNAL_FILE = "papers.journal.jsonl";

async function sizeAndTime(path: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  try {
    const { size, mtimeMs } = await stat(path);
    return { size, mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * The stamp of `dataDir`'s corpus now; undefined when it has no corpus file. Taken *before* the files
 * are read, so a write that lands during the read makes the stamp stale, never falsely current.
 */
export async function corpusStamp(dataDir: string): Promise<CorpusStamp | undefined> {
  const [papers, journal] = await Promise.all([
    sizeAndTime(join(dataDir, CORPUS_FILE)),
    sizeAndTime(join(dataDir, JOURNAL_FILE)),
  ]);
  if (!papers) return undefined;
  return { papersBytes: papers.size, papersMtimeMs: papers.mtimeMs, journalBytes: journal?.size ?? 0 };
}

/** The same corpus file: only the journal may have grown since (it is append-only until the next corpus file). */
export function sameCorpusFile(then: CorpusStamp, now: CorpusStamp): boolean {
  return then.papersBytes === now.papersBytes && then.papersMtimeMs === now.papersMtimeMs;
}

/** Whether `now` is `then` plus journal appends: what was read then, and the journal lines after it, make the corpus. */
export function stampHolds(then: CorpusStamp, now: CorpusStamp): boolean {
  return sameCorpusFile(then, now) && now.journalBytes >= then.journalBytes;
}

const NEWLINE = 0x0a;

/**
 * Papers written to the journal after `fromByte` (where a stamp left it), oldest first; undefined when
 * the bytes there are not the start of a line or not whole batches of papers (then read the store). A
 * cut-short last line (a crash mid-append) is left out, as the store's own replay leaves it out.
 */
export async function journalPapersSince(dataDir: string, fromByte: number): Promise<Paper[] | undefined> {
  const path = join(dataDir, JOURNAL_FILE);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size <= fromByte) return [];
    // From the newline before `fromByte`: a stamp taken mid-line (or a journal trimmed and rewritten) shows.
    const start = Math.max(0, fromByte - 1);
    const bytes = Buffer.alloc(size - start);
    await handle.read(bytes, 0, bytes.length, start);
    if (fromByte > 0 && bytes[0] !== NEWLINE) return undefined;
    return parseJournal(decodeJson(bytes.subarray(fromByte - start)), path).papers;
  } catch (error) {
    if (isUserError(error)) return undefined;
    throw error;
  } finally {
    await handle.close();
  }
}

/** A stamp read back from a file that kept it (as plain numbers); undefined when it is not one. */
export function asCorpusStamp(value: Record<string, number> | undefined): CorpusStamp | undefined {
  if (!value) return undefined;
  const { papersBytes, papersMtimeMs, journalBytes } = value;
  const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);
  return finite(papersBytes) && finite(papersMtimeMs) && finite(journalBytes)
    ? { papersBytes, papersMtimeMs, journalBytes }
    : undefined;
}

/**
 * How a file made from the corpus (the search index) records `stamp`, and when one made from another
 * stamp is rewritten: when its corpus file is not this one. A grown journal alone is not a reason, as a
 * reader replays the journal lines after the stamp (journalPapersSince).
 */
export function stampedSource(stamp: CorpusStamp) {
  return {
    now: { ...stamp },
    outdates(written: Record<string, number> | undefined): boolean {
      const then = asCorpusStamp(written);
      return !then || !sameCorpusFile(then, stamp);
    },
  };
}
