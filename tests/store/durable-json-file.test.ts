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
