// Writes the fixture's search index and paper vectors files once (outside any clock), so restarts can be measured with them.
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { createLogger } from "../../src/log.js";
import { writeIndexFile } from "../../src/search/index-file.js";
import { openPaperVectors } from "../../src/search/paper-vectors-file.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";
import { corpusFixture, fixtureIndexFile, fixtureVectorsFile } from "../fixture.js";
import { since } from "../stats.js";

export const measure: Measure = async ({ size }) => {
  const dir = await corpusFixture(size);
  const file = fixtureIndexFile(dir);
  const vectorsFile = fixtureVectorsFile(dir);
  let buildMs = 0;
  let fileMb = 0;
  let vectorsMb = 0;
  if (!existsSync(file)) {
    const started = performance.now();
    const index = SearchIndex.build(await loadPapers(size));
    buildMs = since(started);
    fileMb = (await writeIndexFile(file, index.toSnapshot())) / 2 ** 20;
  }
  // Always checked: a vectors file of an older PAPER_VECTORS_VERSION is rebuilt (and rewritten) here.
  const papers = await loadPapers(size);
  await openPaperVectors(papers, {
    file: vectorsFile,
    log: createLogger({ level: "error" }),
    persist: async (write) => {
      await write();
      vectorsMb = (await stat(vectorsFile)).size / 2 ** 20;
    },
  });
  return { built: buildMs > 0, buildMs, fileMb, vectorsMb };
};

runChild(measure, import.meta.url);
