// A lowdb adapter that replaces a JSON file so a crash or power cut leaves the old or the new version, never a mix.
import { isAscii } from "node:buffer";
import { type FileHandle, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";

/** How a file's value becomes bytes and back: JSON by default; the corpus file has its own layout (corpus-file.ts). */
export interface JsonFormat<T> {
  /** The file's value, or null when there is no file. */
  read(path: string): Promise<T | null>;
  /** The text to write, in pieces, all ASCII; read when the write starts, so `data` must not change before. */
  text(data: T): Iterable<string>;
}

export interface DurableFileOptions {
  /**
   * Flush the new file and its directory to the disk before a write resolves (default true). Without
   * it a killed process still leaves a whole file (the rename is atomic), but a power cut may not.
   */
  fsync?: boolean;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

let tempCounter = 0;

/** The temp file a write goes through: unique per process and write, so two writers never share one. */
function tempPath(path: string): string {
  tempCounter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${tempCounter}.tmp`);
}

/** Leftover temp files of `path` (a process killed mid-write, or lowdb's own `.name.tmp`). */
export async function removeStaleTempFiles(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith(".tmp"))
      .map((name) => rm(join(dir, name), { force: true })),
  );
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; some platforms cannot open a directory, and there it is moot.
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // best effort: the file's own data is already on the disk
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  // Windows refuses a rename while a reader has the target open; it clears within moments.
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 5 || !(code === "EPERM" || code === "EBUSY" || code === "EACCES")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
    }
  }
}

const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * JSON text with every non-ASCII character written as a `\uXXXX` escape: the same JSON value, but a
 * file that decodes byte for byte. Decoding 218 MB of UTF-8 at start took three times as long as
 * reading it as Latin-1, for the few thousand accented names and symbols a corpus holds.
 */
export function asciiJson(text: string): string {
  NON_ASCII.lastIndex = 0;
  if (!NON_ASCII.test(text)) return text;
  return text.replace(NON_ASCII, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A file's bytes, or undefined when there is no such file (a store that has not written it yet). */
export async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The file's text: ASCII files (what this adapter writes) skip UTF-8 decoding; older files still read. */
export function decodeJson(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

/** Bytes gathered before a write: pieces as small as ",\n" are not a system call each. */
const WRITE_BUFFER = 2 ** 20;

async function writeAll(handle: FileHandle, bytes: Buffer, length: number): Promise<void> {
  for (let at = 0; at < length; ) {
    const { bytesWritten } = await handle.write(bytes, at, length - at, null);
    at += bytesWritten;
  }
}

/**
 * Writes the pieces in order through one reused buffer: the corpus file is never one 200 MB string
 * (and its bytes) in memory, and no piece is handed to `FileHandle.write` as a string, which copies it
 * into memory V8 does not count and frees only when the request object is collected (~400 MB of
 * written pieces at the peak of a 100k ingest).
 */
async function writePieces(handle: FileHandle, pieces: Iterable<string>): Promise<void> {
  let buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  let filled = 0;
  for (const piece of pieces) {
    // ASCII (`asciiJson`), so one byte a character.
    if (filled + piece.length > buffer.length) {
      await writeAll(handle, buffer, filled);
      filled = 0;
      if (piece.length > buffer.length) buffer = Buffer.allocUnsafe(piece.length);
    }
    filled += buffer.write(piece, filled, "latin1");
  }
  await writeAll(handle, buffer, filled);
}

export class DurableJsonFile<T> implements Adapter<T> {
  private writing = false;
  private queued: { text: Iterable<string>; waiters: Waiter[] } | undefined;
  private readonly fsync: boolean;

  constructor(
    readonly path: string,
    options: DurableFileOptions = {},
    private readonly format: JsonFormat<T> = {
      read: async (path) => {
        const bytes = await readIfPresent(path);
        return bytes ? (JSON.parse(decodeJson(bytes)) as T) : null;
      },
      // Compact: at 100,000 papers indentation alone is 34 MB more to write and parse at every start.
      text: (data) => [asciiJson(JSON.stringify(data))],
    },
  ) {
    this.fsync = options.fsync ?? true;
  }

  read(): Promise<T | null> {
    return this.format.read(this.path);
  }

  /**
   * Resolves once `data` (as it is now) is on the disk. Writes made while one is in flight are
   * coalesced into the next: each holds everything the earlier ones did, so only the newest is written.
   */
  write(data: T): Promise<void> {
    const text = this.format.text(data);
    return new Promise<void>((resolve, reject) => {
      if (this.queued) {
        this.queued.text = text;
        this.queued.waiters.push({ resolve, reject });
      } else {
        this.queued = { text, waiters: [{ resolve, reject }] };
      }
      this.pump();
    });
  }

  private pump(): void {
    if (this.writing || !this.queued) return;
    const batch = this.queued;
    this.queued = undefined;
    this.writing = true;
    this.replace(batch.text)
      .then(
        () => {
          for (const waiter of batch.waiters) waiter.resolve();
        },
        (error: unknown) => {
          for (const waiter of batch.waiters) waiter.reject(error);
        },
      )
      .finally(() => {
        this.writing = false;
        this.pump();
      });
  }

  private async replace(text: Iterable<string>): Promise<void> {
    const temp = tempPath(this.path);
    try {
      const handle = await open(temp, "w");
      try {
        await writePieces(handle, text);
        if (this.fsync) await handle.sync();
      } finally {
        await handle.close();
      }
      await renameWithRetry(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    if (this.fsync) await syncDirectory(dirname(this.path));
  }
}
