// The paper vectors file: a start loads the vectors a build would give, catches up with changed papers, and rebuilds from a bad file.
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import type { Paper } from "../../src/papers/paper.js";
import { PaperVectors } from "../../src/search/paper-vectors.js";
import {
  openPaperVectors,
  PAPER_VECTORS_FILE_NAME,
  readVectorsFile,
} from "../../src/search/paper-vectors-file.js";
import { summarizedSeedPapers } from "../helpers/core.js";

const log = createLogger({ level: "silent" });

async function vectorsFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "paperbot-vectors-")), PAPER_VECTORS_FILE_NAME);
}

/** Opens the vectors, awaiting any write; says whether one happened. */
async function open(
  papers: readonly Paper[],
  file: string,
): Promise<{ vectors: PaperVectors; wrote: boolean }> {
  let wrote = false;
  const vectors = await openPaperVectors(papers, {
    file,
    log,
    persist: async (write) => {
      wrote = true;
      await write();
    },
  });
  return { vectors, wrote };
}

function rows(vectors: PaperVectors): [string, number[], number[]][] {
  return Array.from({ length: vectors.size }, (_, row) => {
    const { slots, weights } = vectors.rowAt(row);
    return [vectors.idAt(row), [...slots], [...weights]];
  });
}

describe("the paper vectors file", () => {
  const papers = summarizedSeedPapers();

  it("is written on the first start and loaded on the next, giving exactly the built vectors", async () => {
    const file = await vectorsFile();
    const first = await open(papers, file);
    expect(first.wrote).toBe(true);
    expect((await readVectorsFile(file))?.snapshot.ids).toHaveLength(papers.length);
    const written = (await stat(file)).mtimeMs;
    const second = await open(papers, file);
    expect(second.wrote).toBe(false);
    expect((await stat(file)).mtimeMs).toBe(written);
    expect(rows(second.vectors)).toEqual(rows(PaperVectors.build(papers)));
    const id = papers[3]?.id as string;
    expect(second.vectors.similar(id, 5)).toEqual(first.vectors.similar(id, 5));
  });

  it("re-weighs papers changed or added since it was written, as the running bot would have", async () => {
    const file = await vectorsFile();
    const before = papers.slice(0, 140);
    await open(before, file);
    const changed = { ...(before[7] as Paper), abstract: "Gradient compression for federated averaging." };
    const after = [...before.slice(0, 7), changed, ...before.slice(8), ...papers.slice(140)];
    const { vectors } = await open(after, file);
    const live = PaperVectors.build(before);
    live.update([changed, ...papers.slice(140)]);
    expect(rows(vectors)).toEqual(rows(live));
  });

  it("is rebuilt when it is cut short, not a vectors file, or names a paper the store no longer has", async () => {
    const file = await vectorsFile();
    await open(papers, file);
    const whole = await readFile(file);
    const built = rows(PaperVectors.build(papers));
    for (const bad of [whole.subarray(0, whole.length - 100), Buffer.from("not vectors at all")]) {
      await writeFile(file, bad);
      const { vectors, wrote } = await open(papers, file);
      expect(wrote).toBe(true);
      expect(rows(vectors)).toEqual(built);
    }
    const fewer = papers.slice(1);
    const { vectors, wrote } = await open(fewer, file);
    expect(wrote).toBe(true);
    expect(vectors.has(papers[0]?.id as string)).toBe(false);
    expect(rows(vectors)).toEqual(rows(PaperVectors.build(fewer)));
  });
});
