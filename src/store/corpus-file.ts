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

/**
 * Bytes of paper lines parsed per JSON.parse call: under V8's large-object size (128 KB), so the batch's
 * text is made and dropped in the young generation, not in fresh pages of its own.
 */
const BATCH_BYTES = 100 * 1024;
/** Bytes read at a time: a few thousand papers (their abstracts are decoded a window at a time). */
const WINDOW = 8 * 2 ** 20;
const NEWLINE = 0x0a;

const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const QUOTE = 0x22;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const HEAD = /^\{"schemaVersion":(\d+),"papers":\[$/;
const ABSTRACT_KEY = Buffer.from('"abstract":"', "latin1");

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
function escaped(bytes: Buffer, at: number): boolean {
  let run = 0;
  for (let i = at - 1; i >= 0 && bytes[i] === BACKSLASH; i--) run++;
  return run % 2 === 1;
}

/** Where the JSON string whose text starts at `from` ends (its closing quote), before `limit`; -1 when not. */
function stringEnd(bytes: Buffer, from: number, limit: number): number {
  for (let at = bytes.indexOf(QUOTE, from); at >= 0 && at < limit; at = bytes.indexOf(QUOTE, at + 1)) {
    if (!escaped(bytes, at)) return at;
  }
  return -1;
}

/**
 * Whether the `"abstract":"` cut from a line was the paper's own: the rest parsed to an object whose
 * abstract is the empty value the cut left. Else (a link's key, `links.abstract`, or one in another
 * object, a second abstract key, a line that is not an object) the line is read whole, as JSON.parse reads it.
 */
function cutOwnAbstract(parsed: unknown): boolean {
  if (typeof parsed !== "object" || parsed === null) return false;
  const paper = parsed as Partial<Paper>;
  return paper.abstract === "" && paper.links?.abstract !== "";
}

/** A JSON string's text (between its quotes) as the string it stands for. */
function jsonStringValue(raw: string): string {
  return raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
}

/** Bytes that grow when a piece does not fit. */
class ByteRun {
  bytes: Buffer;
  length = 0;
  constructor(size: number) {
    this.bytes = Buffer.allocUnsafe(size);
  }
  append(from: Buffer, start: number, end: number): void {
    const needed = this.length + end - start;
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, 2 * this.bytes.length));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += from.copy(this.bytes, this.length, start, end);
  }
  byte(value: number): void {
    if (this.length === this.bytes.length) this.append(Buffer.of(value), 0, 1);
    else this.bytes[this.length++] = value;
  }
}

/**
 * Paper lines taken a window of the file's bytes at a time. A line is cut around its abstract: the rest
 * goes to JSON.parse a batch at a time (~40% of the characters; scanning abstracts was half of a parse),
 * and the window's abstracts are decoded as one string that each paper's abstract is a slice of. Only
 * that string outlives the window: decoding whole windows kept the other 40% of the file alive in memory,
 * and this VM pays ~3 ms for every fresh MB a start touches.
 */
class PaperLines {
  readonly papers: Paper[] = [];
  /** Whether the closing `]}` line was seen: the file is whole. */
  ended = false;
  /** What the last line allows next: after a paper line, another (it ended in a comma) or the end. */
  private next: "paper or end" | "paper" | "end" = "paper or end";
  /** The batch's lines, abstracts cut out, as one JSON array's text. */
  private readonly batch = new ByteRun(BATCH_BYTES + 4096);
  private batchLines = 0;
  /** The window's abstracts, one after another. */
  private readonly abstracts = new ByteRun(WINDOW);
  /** A paper a line of the window: where its abstract is in `abstracts` (-1 when not cut) and its line in the window. */
  private cuts: number[] = [];
  private parsed: Paper[] = [];

  /** Takes the lines of `window`, each ending in a newline; false when one is not a paper line of this layout. */
  take(window: Buffer): boolean {
    this.abstracts.length = 0;
    let keyAt = window.indexOf(ABSTRACT_KEY);
    let start = 0;
    for (let end = window.indexOf(NEWLINE); end >= 0; start = end + 1, end = window.indexOf(NEWLINE, start)) {
      if (this.ended) return false;
      const last = window[end - 1] !== COMMA;
      if (last && end - start === 2 && window[start] === CLOSE_BRACKET && window[start + 1] === CLOSE_BRACE) {
        if (this.next === "paper") return false;
        this.ended = true;
        continue;
      }
      // A missing or trailing comma is not JSON: the whole-file parse refuses the file, so must this.
      if (this.next === "end") return false;
      this.next = last ? "end" : "paper";
      const lineEnd = last ? end : end - 1;
      if (keyAt >= 0 && keyAt < start) keyAt = window.indexOf(ABSTRACT_KEY, start);
      const valueAt = keyAt + ABSTRACT_KEY.length;
      const valueEnd = keyAt < 0 || keyAt >= lineEnd ? -1 : stringEnd(window, valueAt, lineEnd);
      this.batch.byte(this.batchLines === 0 ? OPEN_BRACKET : COMMA);
      if (valueEnd < 0) {
        this.batch.append(window, start, lineEnd);
        this.cuts.push(-1, -1, start, lineEnd);
      } else {
        this.batch.append(window, start, valueAt);
        this.batch.append(window, valueEnd, lineEnd);
        this.cuts.push(this.abstracts.length, this.abstracts.length + valueEnd - valueAt, start, lineEnd);
        this.abstracts.append(window, valueAt, valueEnd);
      }
      this.batchLines++;
      if (this.batch.length >= BATCH_BYTES && !this.parseBatch()) return false;
    }
    if (!this.parseBatch()) return false;
    // One string for the window's abstracts, each paper's a slice of it: no copy a paper.
    const text = this.abstracts.bytes.toString("latin1", 0, this.abstracts.length);
    const { cuts, parsed } = this;
    for (let i = 0; i < parsed.length; i++) {
      const paper = parsed[i] as Paper;
      const from = cuts[4 * i] as number;
      if (from < 0) {
        this.papers.push(paper);
        continue;
      }
      if (!cutOwnAbstract(paper)) {
        this.papers.push(JSON.parse(window.toString("latin1", cuts[4 * i + 2], cuts[4 * i + 3])) as Paper);
        continue;
      }
      paper.abstract = jsonStringValue(text.slice(from, cuts[4 * i + 1]));
      this.papers.push(paper);
    }
    this.cuts = [];
    this.parsed = [];
    return true;
  }

  private parseBatch(): boolean {
    if (this.batchLines === 0) return true;
    this.batch.byte(CLOSE_BRACKET);
    const count = this.batchLines;
    this.batchLines = 0;
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.batch.bytes.toString("latin1", 0, this.batch.length));
    } catch {
      return false;
    } finally {
      this.batch.length = 0;
    }
    if (!Array.isArray(parsed) || parsed.length !== count) return false;
    for (const paper of parsed) this.parsed.push(paper as Paper);
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
    let window = buffer.subarray(0, complete);
    if (!isAscii(window)) return undefined;
    if (schemaVersion === undefined) {
      const headEnd = window.indexOf(NEWLINE);
      const head = HEAD.exec(window.toString("latin1", 0, headEnd));
      if (!head) return undefined;
      schemaVersion = Number(head[1]);
      window = window.subarray(headEnd + 1);
    }
    if (!lines.take(window)) return undefined;
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
