// A few papers read out of papers.json by id, without parsing the other 100,000: what a one-query command needs.
import { join } from "node:path";
import type { Paper } from "../papers/paper.js";
import { CORPUS_FILE } from "./corpus-stamp.js";
import { decodeJson, readIfPresent } from "./durable-json-file.js";

const OPEN = "{".charCodeAt(0);
const CLOSE = "}".charCodeAt(0);
const OPEN_LIST = "[".charCodeAt(0);
const CLOSE_LIST = "]".charCodeAt(0);
const QUOTE = '"'.charCodeAt(0);
const BACKSLASH = "\\".charCodeAt(0);
/**
 * A paper's id key and the opening quote of its value. Inside a JSON string every quote is escaped,
 * so these bytes occur only as a key, and a paper is the only record with an `id` key.
 */
const ID_KEY = Buffer.from('"id":"', "latin1");

const NOT_ASCII = /[\u0080-\uffff]/;

/** Whether the quote at `at` is escaped (an odd run of backslashes before it). */
function escaped(bytes: Buffer, at: number): boolean {
  let run = 0;
  for (let i = at - 1; i >= 0 && bytes[i] === BACKSLASH; i--) run++;
  return run % 2 === 1;
}

/** Where the object holding the key at `keyAt` opens, read backwards; -1 when it is not in an object. */
function objectStart(bytes: Buffer, keyAt: number): number {
  let depth = 0;
  for (let i = keyAt - 1; i >= 0; i--) {
    const byte = bytes[i] as number;
    if (byte === QUOTE && !escaped(bytes, i)) {
      // Back to the string's opening quote.
      for (i--; i >= 0 && !(bytes[i] === QUOTE && !escaped(bytes, i)); i--);
    } else if (byte === CLOSE || byte === CLOSE_LIST) depth++;
    else if (byte === OPEN || byte === OPEN_LIST) {
      if (depth === 0) return byte === OPEN ? i : -1;
      depth--;
    }
  }
  return -1;
}

/** Where the object that opens at `start` closes (the index after its `}`), strings and escapes respected. */
function objectEnd(bytes: Buffer, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN) depth++;
    else if (byte === CLOSE && --depth === 0) return i + 1;
  }
  return -1;
}

function isPaper(value: unknown): value is Paper {
  const paper = value as Partial<Paper> | null;
  return (
    typeof paper === "object" &&
    paper !== null &&
    typeof paper.id === "string" &&
    typeof paper.title === "string" &&
    Array.isArray(paper.authors)
  );
}

/**
 * The papers of `ids` found in `dataDir`'s corpus file (not its journal: the caller has those), by one
 * scan for each paper's `"id":"` key (in native code); only the papers asked for are parsed. At 100k
 * papers, a read of the 218 MB file and that scan, against seconds to parse all of it.
 */
export async function papersInCorpusFile(
  dataDir: string,
  ids: Iterable<string>,
): Promise<Map<string, Paper>> {
  const wanted = new Set(ids);
  const found = new Map<string, Paper>();
  if (wanted.size === 0) return found;
  const bytes = await readIfPresent(join(dataDir, CORPUS_FILE));
  if (!bytes) return found;
  let at = bytes.indexOf(ID_KEY);
  while (at >= 0 && found.size < wanted.size) {
    const valueAt = at + ID_KEY.length;
    const valueEnd = bytes.indexOf(QUOTE, valueAt);
    if (valueEnd < 0) break;
    const raw = bytes.toString("latin1", valueAt, valueEnd);
    // An id with an escape in it (or cut at an escaped quote), or not ASCII, is compared decoded, after parsing.
    if (wanted.has(raw) || raw.includes("\\") || NOT_ASCII.test(raw)) {
      const start = objectStart(bytes, at);
      const end = start < 0 ? -1 : objectEnd(bytes, start);
      if (end > 0) {
        const paper: unknown = JSON.parse(decodeJson(bytes.subarray(start, end)));
        if (isPaper(paper) && wanted.has(paper.id)) found.set(paper.id, paper);
      }
    }
    at = bytes.indexOf(ID_KEY, valueEnd);
  }
  return found;
}
