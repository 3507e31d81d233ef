// The binary layout both persisted search files share: a magic word, a JSON header, then typed arrays at 8-byte-aligned offsets.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { type FileHandle, open, rename, rm } from "node:fs/promises";

export const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/**
 * A section written from pieces made when the write reaches it, not from one array: views into a
 * live index's own arrays, so writing 370 MB does not first copy them into fresh memory (dear here).
 */
export interface PiecedSection {
  type: TypeName;
  /** Elements in all, the pieces' lengths summed. */
  length: number;
  pieces(): Iterable<Typed>;
}

export type Section = Typed | PiecedSection;

export function sectionType(section: Section): TypeName {
  return "pieces" in section ? section.type : (section.constructor.name as TypeName);
}

function sectionBytes(section: Section): number {
  return "pieces" in section ? section.length * TYPES[section.type].BYTES_PER_ELEMENT : section.byteLength;
}

/** A pieced section made whole, as one new array (what a reader of the snapshot in memory wants). */
export function joinPieces<T extends Typed>(section: PiecedSection): T {
  const joined = new TYPES[section.type](section.length) as T;
  let at = 0;
  for (const piece of section.pieces()) {
    joined.set(piece as never, at);
    at += piece.length;
  }
  return joined;
}

/** Each section's byte offset from the start of the binary part, in order, each aligned to 8 bytes. */
export function sectionOffsets(sections: readonly Section[]): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const section of sections) {
    offsets.push(offset);
    offset = align8(offset + sectionBytes(section));
  }
  return offsets;
}

/** Thrown by a write whose sections changed under it (see `unchanged`): its temporary file is removed. */
export class SupersededWrite extends Error {
  constructor() {
    super("the sections changed while they were written");
  }
}

export interface FramedWriteOptions {
  /**
   * Whether the sections are still what they were when the write began, asked after every step that
   * lets other work run: the write is abandoned (SupersededWrite) as soon as they are not.
   */
  unchanged?: () => boolean;
}

/** Small pieces are gathered into a reused buffer of this size; larger ones are written as they are. */
const STAGE_BYTES = 4 * 2 ** 20;

/**
 * Writes a file a step at a time at explicit positions: small pieces are copied into one reused
 * buffer, large ones written from where they lie. Each step awaits the disk, so other work runs
 * between steps.
 */
class StepWriter {
  private readonly stage = Buffer.allocUnsafe(STAGE_BYTES);
  private staged = 0;
  private position = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly unchanged: () => boolean,
  ) {}

  async put(bytes: Uint8Array): Promise<void> {
    if (bytes.length >= STAGE_BYTES / 4) {
      await this.flush();
      await this.writeAll(bytes);
      return;
    }
    if (this.staged + bytes.length > STAGE_BYTES) await this.flush();
    this.stage.set(bytes, this.staged);
    this.staged += bytes.length;
  }

  /** Bytes put so far, staged or written. */
  get length(): number {
    return this.position + this.staged;
  }

  /** Pads with zeros to the next multiple of 8 bytes, where every section starts. */
  async align(): Promise<void> {
    const padding = align8(this.length) - this.length;
    if (padding > 0) await this.put(new Uint8Array(padding));
  }

  async flush(): Promise<void> {
    if (this.staged === 0) return;
    const staged = this.staged;
    this.staged = 0;
    await this.writeAll(this.stage.subarray(0, staged));
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
      if (!this.unchanged()) throw new SupersededWrite();
    }
  }
}

function bytesOf(array: Typed): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * Writes magic, header and sections to `path` (through a temporary file and a rename, so a reader
 * never sees half of it); returns the bytes written.
 */
export async function writeFramedFile(
  path: string,
  magic: string,
  header: unknown,
  sections: readonly Section[],
  options: FramedWriteOptions = {},
): Promise<number> {
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const prefix = Buffer.alloc(align8(8 + json.length));
  prefix.write(magic, 0, "latin1");
  prefix.writeUInt32LE(json.length, 4);
  json.copy(prefix, 8);
  const unchanged = options.unchanged ?? (() => true);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(temp, "w");
    let length: number;
    try {
      const out = new StepWriter(handle, unchanged);
      await out.put(prefix);
      for (const section of sections) {
        if ("pieces" in section) for (const piece of section.pieces()) await out.put(bytesOf(piece));
        else await out.put(bytesOf(section));
        await out.align();
      }
      await out.flush();
      length = out.length;
    } finally {
      await handle.close();
    }
    if (!unchanged()) throw new SupersededWrite();
    await rename(temp, path);
    return length;
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
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

/** A framed file opened to read its sections one by one, each straight into an array the caller made. */
export interface OpenFramedFile {
  header: unknown;
  /** Whether `bytes` bytes at `offset` (from the binary part) lie inside the file. */
  holds(offset: number, bytes: number): boolean;
  /** Fills `into` (whole) with the bytes at `offset` from the binary part. */
  read(into: Typed, offset: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * `path` opened for reading its sections into arrays of the reader's own (sized with room to grow, say):
 * no buffer of the whole file to copy them out of. Undefined when missing, foreign or cut short.
 */
export async function openFramedFile(path: string, magic: string): Promise<OpenFramedFile | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const prefix = Buffer.alloc(8);
    const { bytesRead } = await handle.read(prefix, 0, 8, 0);
    if (bytesRead < 8 || prefix.toString("latin1", 0, 4) !== magic) throw new NotFramed();
    const headerLength = prefix.readUInt32LE(4);
    if (8 + headerLength > size) throw new NotFramed();
    const json = Buffer.alloc(headerLength);
    await readAt(handle, json, 8);
    const base = align8(8 + headerLength);
    return {
      header: JSON.parse(json.toString("utf8")),
      holds: (offset, bytes) => base + offset + bytes <= size,
      read: (into, offset) => readAt(handle, bytesOf(into), base + offset),
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    if (error instanceof NotFramed) return undefined;
    throw error;
  }
}

async function readAt(handle: FileHandle, into: Uint8Array, position: number): Promise<void> {
  let filled = 0;
  while (filled < into.length) {
    const length = Math.min(READ_CHUNK, into.length - filled);
    const { bytesRead } = await handle.read(into, filled, length, position + filled);
    if (bytesRead === 0) throw new Error("the file ended before the section it lists");
    filled += bytesRead;
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

/** At most this many bytes a step of `fillInPieces` (and SearchIndex.readRest): ~1 ms of reading, so a query waits for no more than one. */
export const PIECE_BYTES = 2 ** 20;

/** `fill(array, from, to)` a piece at a time, yielding after each. */
export function* fillInPieces(fill: FillRange, array: Typed, from: number, to: number): Generator<void> {
  const step = PIECE_BYTES / array.BYTES_PER_ELEMENT;
  for (let at = from; at < to; at += step) {
    fill(array, at, Math.min(to, at + step));
    yield;
  }
}

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
    closeWhenCollected.register(this, fd, this);
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

  /** Closes the file now, for a holder that has read all it needs (else it is closed once the reader is collected). */
  close(): void {
    closeWhenCollected.unregister(this);
    closeSync(this.fd);
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
