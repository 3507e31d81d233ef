import { isAscii } from "node:buffer";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiJson, DurableJsonFile, decodeJson } from "../../src/store/durable-json-file.js";

describe("the durable JSON file", () => {
  it("writes any JSON value as ASCII that reads back to the same value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = asciiJson(JSON.stringify(value));
        expect(isAscii(Buffer.from(text, "utf8"))).toBe(true);
        expect(JSON.parse(decodeJson(Buffer.from(text, "latin1")))).toEqual(
          JSON.parse(JSON.stringify(value)),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it("keeps names, symbols and emoji through a write and a read, as escapes on the disk", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "paperbot-json-")), "papers.json");
    const file = new DurableJsonFile<{ names: string[] }>(path);
    const names = ["Chloé Wang", "Łukasz Kaiser", "β-VAE ≤ 2 × 10⁻³", "😀 🇯🇵", "\u2028 line separator"];
    await file.write({ names });
    const bytes = await readFile(path);
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    expect(bytes.toString("latin1")).toContain("Chlo\\u00e9");
    expect(await file.read()).toEqual({ names });
  });

  it("still reads a UTF-8 file written by an earlier version", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "paperbot-json-")), "papers.json");
    await writeFile(path, JSON.stringify({ names: ["Chloé Wang", "😀"] }, null, 2), "utf8");
    expect(await new DurableJsonFile<{ names: string[] }>(path).read()).toEqual({
      names: ["Chloé Wang", "😀"],
    });
  });
});

describe("the durable JSON file's writes in pieces", () => {
  /** A format whose text is the given pieces, so the bytes on the disk can be compared with them. */
  const piecesFile = (path: string) =>
    new DurableJsonFile<string[]>(
      path,
      { fsync: false },
      { read: async () => null, text: (pieces) => pieces },
    );

  it("writes the pieces in order, however small, large or many, as one file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-pieces-"));
    const ascii = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(ascii, { maxLength: 60 }), async (pieces) => {
        const path = join(dir, "pieces.json");
        await piecesFile(path).write(pieces);
        expect(await readFile(path, "latin1")).toBe(pieces.join(""));
      }),
      { numRuns: 100 },
    );
    // Pieces around and past the 1 MiB buffer: one that fills it exactly, one larger than it, then small ones.
    const big = [
      "a".repeat(2 ** 20 - 3),
      "bcd",
      "e".repeat(3 * 2 ** 20 + 17),
      ",\n",
      "f".repeat(2 ** 20),
      "g",
    ];
    const path = join(dir, "big.json");
    await piecesFile(path).write(big);
    expect(await readFile(path, "latin1")).toBe(big.join(""));
  });
});
