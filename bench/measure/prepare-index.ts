// Writes the fixture's search index file once (outside any clock), so restarts can be measured with it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeIndexFile } from "../../src/search/index-file.js";
import { INDEX_FILE_NAME } from "../../src/search/paper-search.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";
import { corpusFixture } from "../fixture.js";
import { since } from "../stats.js";

export const INDEX_FILE = INDEX_FILE_NAME;

export const measure: Measure = async ({ size }) => {
  const file = join(await corpusFixture(size), INDEX_FILE);
  if (existsSync(file)) return { built: false, buildMs: 0, fileMb: 0 };
  const started = performance.now();
  const index = SearchIndex.build(await loadPapers(size));
  const buildMs = since(started);
  const bytes = await writeIndexFile(file, index.toSnapshot());
  return { built: true, buildMs, fileMb: bytes / 2 ** 20 };
};

runChild(measure, import.meta.url);
