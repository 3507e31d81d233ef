// papers.json's layout: one JSON document with a paper a line, so it is written in pieces and read a batch at a time, abstracts sliced out of the bytes.
import { isAscii } from "node:buffer";
import { type FileHandle, open } from "node:fs/promises";
import type { Paper } from "../papers/paper.js";
import { asciiJson, decodeJson, type JsonFormat, readIfPresent } from "./durable-json-file.js";

export interface CorpusFile {
  schemaVersion: number;
  papers: Paper[];
  /**
   * How the file was laid out when it was read, never written: "whole" is one line (files written before
   * this layout, or by hand), which opening a data directory rewrites as "lines".
   */
  layout?: "lines" | "whole";
}

export const CORPUS_SCHEMA_VERSION = 1;

/** Papers parsed per JSON.parse call when reading. */
const READ_BATCH = 1_000;
/** Bytes read (and decoded) at a time: a few thousand papers. */
const WINDOW = 8 * 2 ** 20;
const NEWLINE = 0x0a;

const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const HEAD = /^\{"schemaVersion":(\d+),"papers":\[$/;
const ABSTRACT_KEY = '"abstract":"';

/**
 * The file's text in pieces: `{"schemaVersion":1,"papers":[`, then one paper a line, then `]}`. Still
 * one JSON value (a newline between array items is whitespace, and JSON escapes every newline inside a
 * string), so anything that parses papers.json whole reads it as before; ASCII only, as `asciiJson`.
 * A piece a paper: the writer gathers them into its buffer, so no string longer than a paper is made
 * (joined pieces of 1,000 papers were 2 MB strings, each kept until the old generation's next collection).
 */
export function* corpusFileText(file: CorpusFile): Generator<string> {
  const { papers } = file;
  yield `{"schemaVersion":${file.schemaVersion},"papers":[\n`;
  for (let i = 0; i < papers.length; i++) {
    yield asciiJson(JSON.stringify(papers[i]));
    yield i < papers.length - 1 ? ",\n" : "\n";
  }
  yield "]}\n";
}

/** Whether the quote at `at` is escaped (an odd run of backslashes before it). */
function escaped(text: string, at: number): boolean {
  let run = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) run++;
  return run % 2 === 1;
}

/** Where the JSON string whose text starts at `from` ends (its closing quote), before `limit`; -1 when not. */
function stringEnd(text: string, from: number, limit: number): number {
  for (let at = text.indexOf('"', from); at >= 0 && at < limit; at = text.indexOf('"', at + 1)) {
    if (!escaped(text, at)) return at;
  }
  return -1;
}

/** One line's paper with its abstract cut out (`"abstract":""`), and the abstract's raw JSON text. */
interface CutLine {
  json: string;
  rawAbstract?: string;
  /** The whole line, for the rare paper whose link key came first and was cut instead. */
  line: string;
}

/**
 * A paper line cut around its abstract: JSON.parse reads ~40% of the characters (abstracts are the rest,
 * and scanning them was half of the parse), and the abstract is a slice of the file's text, not a copy.
 */
function cutLine(text: string, start: number, end: number, keyAt: number): CutLine {
  const line = text.slice(start, end);
  const valueAt = keyAt + ABSTRACT_KEY.length;
  const valueEnd = keyAt < 0 || keyAt >= end ? -1 : stringEnd(text, valueAt, end);
  if (valueEnd < 0) return { json: line, line };
  return {
    json: text.slice(start, valueAt) + text.slice(valueEnd, end),
    rawAbstract: text.slice(valueAt, valueEnd),
    line,
  };
}

/** A JSON string's text (between its quotes) as the string it stands for. */
function jsonStringValue(raw: string): string {
  return raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
}

/** Paper lines taken a window of the file at a time, parsed a batch at a time. */
class PaperLines {
  readonly papers: Paper[] = [];
  /** Whether the closing `]}` line was seen: the file is whole. */
  ended = false;
  private batch: CutLine[] = [];

  /** Takes the lines of `text`, each ending in a newline; false when one is not a paper line of this layout. */
  take(text: string): boolean {
    let keyAt = text.indexOf(ABSTRACT_KEY);
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; start = end + 1, end = text.indexOf("\n", start)) {
      if (this.ended) return false;
      const last = text.charCodeAt(end - 1) !== COMMA;
      if (last && end - start === 2 && text.startsWith("]}", start)) {
        this.ended = true;
        if (!this.flush()) return false;
        continue;
      }
      if (keyAt >= 0 && keyAt < start) keyAt = text.indexOf(ABSTRACT_KEY, start);
      this.batch.push(cutLine(text, start, last ? end : end - 1, keyAt));
      if (this.batch.length >= READ_BATCH && !this.flush()) return false;
    }
    return true;
  }

  private flush(): boolean {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(`[${batch.map((line) => line.json).join(",")}]`);
    } catch {
      return false;
    }
    if (!Array.isArray(parsed) || parsed.length !== batch.length) return false;
    for (let i = 0; i < batch.length; i++) {
      const cut = batch[i] as CutLine;
      let paper = parsed[i] as Paper;
      if (cut.rawAbstract !== undefined) {
        // The key cut was a link's (`links.abstract`), not the paper's own: this line is read whole.
        if (paper.links?.abstract === "") paper = JSON.parse(cut.line) as Paper;
        else paper.abstract = jsonStringValue(cut.rawAbstract);
      }
      this.papers.push(paper);
    }
    return true;
  }
}

/**
 * The file in the "lines" layout, read a window at a time: no 200 MB buffer and string of the whole file
 * (decoding it whole cost more CPU than all of reading it); undefined when it is not in this layout.
 */
async function readLines(handle: FileHandle): Promise<CorpusFile | undefined> {
  let buffer = Buffer.allocUnsafe(WINDOW);
  let filled = 0;
  let schemaVersion: number | undefined;
  const lines = new PaperLines();
  for (;;) {
    if (filled === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
    filled += bytesRead;
    if (bytesRead === 0) {
      // Bytes after the last newline, or no closing line: not a file this layout wrote.
      return filled === 0 && lines.ended && schemaVersion !== undefined
        ? { schemaVersion, papers: lines.papers, layout: "lines" }
        : undefined;
    }
    const complete = buffer.lastIndexOf(NEWLINE, filled - 1) + 1;
    if (complete === 0) continue;
    const window = buffer.subarray(0, complete);
    if (!isAscii(window)) return undefined;
    let text = window.toString("latin1");
    if (schemaVersion === undefined) {
      const headEnd = text.indexOf("\n");
      const head = HEAD.exec(text.slice(0, headEnd));
      if (!head) return undefined;
      schemaVersion = Number(head[1]);
      text = text.slice(headEnd + 1);
    }
    if (!lines.take(text)) return undefined;
    buffer.copyWithin(0, complete, filled);
    filled -= complete;
  }
}

/** papers.json in either layout, or null when there is none. */
export async function readCorpusFile(path: string): Promise<CorpusFile | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const lines = await readLines(handle);
    if (lines) return lines;
  } finally {
    await handle.close();
  }
  const bytes = await readIfPresent(path);
  return bytes ? { ...(JSON.parse(decodeJson(bytes)) as CorpusFile), layout: "whole" } : null;
}

/** Reads either layout; writes "lines". */
export const corpusFileFormat: JsonFormat<CorpusFile> = {
  read: readCorpusFile,
  text: corpusFileText,
};
