// The binary layout both persisted search files share: a magic word, a JSON header, then typed arrays at 8-byte-aligned offsets.
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
