// A first start over enough papers for the vectors' thread: the vectors and pairs it builds from the index build's words answer as a build here does, whatever files are there.
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import type { Paper } from "../../src/papers/paper.js";
import { createPaperSearch, openPaperSearch, type PaperSearch } from "../../src/search/paper-search.js";
import type { PaperVectors } from "../../src/search/paper-vectors.js";
import { vectorsFileBeside } from "../../src/search/paper-vectors-file.js";
import { THREAD_MIN_PAPERS } from "../../src/search/paper-vectors-thread.js";
import { summarizedSeedPapers } from "../helpers/core.js";

const seeds = summarizedSeedPapers();
/** The seeds over and over, each copy its own paper: enough for the thread. */
const papers: Paper[] = Array.from({ length: THREAD_MIN_PAPERS }, (_, i) => ({
  ...(seeds[i % seeds.length] as Paper),
  id: `p-${i}`,
}));
const log = createLogger({ level: "silent" });

/** What a user sees: pages for a few queries (phrases read the pairs) and `similar`. */
async function answers(search: PaperSearch) {
  const pages = [];
  for (const query of ['"local sgd"', "mixture of experts routing", '"language model"', "author:zhang"])
    pages.push(await search.search(query, { limit: 10, offset: 0 }));
  return { pages, similar: search.similar("p-7", 8), vectors: digest(search.vectors) };
}

/** Every row of the vectors, as one hash: a deep comparison of ~500,000 entries is slow in a test runner. */
function digest(vectors: PaperVectors): string {
  const { ids, offsets, slots, weights, df } = vectors.toSnapshot();
  const hash = createHash("sha256").update(ids.join("\n"));
  for (const array of [offsets, slots, weights, df])
    hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return hash.digest("hex");
}

describe("a first start's search over 5,000 papers", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "paperbot-first-start-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("answers as a search built here does, with no index or vectors file", async () => {
    const indexFile = join(dir, "search-index.bin");
    const search = await openPaperSearch(papers, { indexFile, log, persist: async (write) => write() });
    expect(await answers(search)).toEqual(await answers(createPaperSearch(papers)));
    await search.close();
  });

  it("opens, and answers alike, when the vectors file cannot be used and there is no index file", async () => {
    const indexFile = join(dir, "search-index.bin");
    await writeFile(vectorsFileBeside(indexFile), "not vectors");
    const search = await openPaperSearch(papers, { indexFile, log, persist: () => {} });
    expect(await answers(search)).toEqual(await answers(createPaperSearch(papers)));
    await search.close();
  });
});
