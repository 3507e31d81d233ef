// The binary layout both persisted search files share: a magic word, a JSON header, then typed arrays at 8-byte-aligned offsets.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";

export const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Each array's byte offset from the start of the binary part, in order, each aligned to 8 bytes. */
export function sectionOffsets(arrays: readonly ArrayBufferView[]): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const array of arrays) {
    offsets.push(offset);
    offset = align8(offset + array.byteLength);
  }
  return offsets;
}

/** Writes magic, header and arrays to `path` whole; returns the bytes written. */
export async function writeFramedFile(
  path: string,
  magic: string,
  header: unknown,
  arrays: readonly ArrayBufferView[],
): Promise<number> {
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const prefix = Buffer.alloc(align8(8 + json.length));
  prefix.write(magic, 0, "latin1");
  prefix.writeUInt32LE(json.length, 4);
  json.copy(prefix, 8);
  const buffers: Buffer[] = [prefix];
  let length = prefix.length;
  for (const array of arrays) {
    buffers.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
    const padding = align8(array.byteLength) - array.byteLength;
    if (padding > 0) buffers.push(Buffer.alloc(padding));
    length += align8(array.byteLength);
  }
  await writeWhole(path, buffers);
  return length;
}

/** A framed file's header and bytes (`base`: where the binary part starts); undefined when missing, foreign or cut short. */
export async function readFramedFile(
  path: string,
  magic: string,
): Promise<{ header: unknown; bytes: Buffer; base: number } | undefined> {
  let file: Buffer;
  try {
    file = await readWhole(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (file.length < 8 || file.toString("latin1", 0, 4) !== magic) return undefined;
  const headerLength = file.readUInt32LE(4);
  if (8 + headerLength > file.length) return undefined;
  const header: unknown = JSON.parse(file.toString("utf8", 8, 8 + headerLength));
  // Typed views need aligned offsets; a Buffer from a pool may start anywhere, so copy if it must.
  const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
  return { header, bytes, base: align8(8 + headerLength) };
}

/** Writes `buffers` to `path` through a temporary file and a rename, so a reader never sees half of it. */
export async function writeWhole(path: string, buffers: readonly Buffer[]): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(temp, "w");
    try {
      // writev takes a bounded number of buffers per call; the sections are a few dozen.
      await handle.writev([...buffers]);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** How much one read asks for: `readFile` reads in 512 KB steps, 700 thread-pool round trips at 100k papers. */
const READ_CHUNK = 64 * 2 ** 20;

/** The whole file in one buffer of its own (so typed views over it are aligned), read in large steps. */
export async function readWhole(path: string): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafeSlow(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(buffer, at, Math.min(READ_CHUNK, size - at), at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? buffer : buffer.subarray(0, at);
  } finally {
    await handle.close();
  }
}

export type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;
export const TYPES = {
  Int32Array,
  Uint32Array,
  Uint16Array,
  Uint8Array,
  Float32Array,
  Float64Array,
} as const;
export type TypeName = keyof typeof TYPES;

/** Reads elements `from` to `to` of an array a reader gave, before they are used (see FramedReader). */
export type FillRange = (array: Typed, from: number, to: number) => void;

/** Reads `length` bytes at `position` of an open file into `into`, whole. */
function readFully(fd: number, into: Uint8Array, position: number): void {
  let filled = 0;
  while (filled < into.length) {
    const read = readSync(fd, into, filled, into.length - filled, position + filled);
    if (read === 0) throw new Error("the file ended before the section it lists");
    filled += read;
  }
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing held.
  }
});

/**
 * A framed file kept open, its sections read as they are asked for: what a process that answers
 * one query wants. Fresh memory is the expensive part of reading a large file here (a 373 MB read
 * took 1.8 s of system time, the same bytes through a reused buffer a tenth of that), so a ranged
 * section is an array of its full length that nothing touches (zero pages cost nothing) until
 * `fill` reads the range a query needs. The open descriptor keeps the file that was read even if
 * a writer renames a new one over it; it is closed when the reader is collected.
 */
export class FramedReader {
  private readonly placed = new WeakMap<ArrayBufferView, number>();

  private constructor(
    private readonly fd: number,
    readonly header: unknown,
    private readonly base: number,
    private readonly size: number,
  ) {
    closeWhenCollected.register(this, fd);
  }

  /** The reader for `path`; undefined when it is missing or not a framed file with `magic`. */
  static open(path: string, magic: string): FramedReader | undefined {
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      const { size } = fstatSync(fd);
      const prefix = Buffer.alloc(8);
      if (size < 8 || readSync(fd, prefix, 0, 8, 0) < 8 || prefix.toString("latin1", 0, 4) !== magic)
        throw new NotFramed();
      const headerLength = prefix.readUInt32LE(4);
      if (8 + headerLength > size) throw new NotFramed();
      const json = Buffer.alloc(headerLength);
      readFully(fd, json, 8);
      return new FramedReader(fd, JSON.parse(json.toString("utf8")), align8(8 + headerLength), size);
    } catch (error) {
      closeSync(fd);
      if (error instanceof NotFramed) return undefined;
      throw error;
    }
  }

  /** Whether a section of `bytes` bytes at `offset` (from the binary part) lies inside the file. */
  holds(offset: number, bytes: number): boolean {
    return this.base + offset + bytes <= this.size;
  }

  /** A section read whole. */
  section<N extends TypeName>(type: N, offset: number, length: number): InstanceType<(typeof TYPES)[N]> {
    const array = new TYPES[type](length) as InstanceType<(typeof TYPES)[N]>;
    readFully(this.fd, new Uint8Array(array.buffer, 0, array.byteLength), this.base + offset);
    return array;
  }

  /** A section whose elements are read only when `fill` asks for them. */
  ranged<N extends TypeName>(type: N, offset: number, length: number): InstanceType<(typeof TYPES)[N]> {
    const array = new TYPES[type](length) as InstanceType<(typeof TYPES)[N]>;
    this.placed.set(array, offset);
    return array;
  }

  /** Reads elements `from` to `to` of a ranged section (a whole section, or one not ranged, is left as is). */
  fill(array: Typed, from: number, to: number): void {
    const offset = this.placed.get(array);
    if (offset === undefined || to <= from) return;
    const width = array.BYTES_PER_ELEMENT;
    const into = new Uint8Array(array.buffer, array.byteOffset + from * width, (to - from) * width);
    readFully(this.fd, into, this.base + offset + from * width);
  }
}

class NotFramed extends Error {}
