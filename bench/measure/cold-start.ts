// Cold start to ready with N papers on disk: open the store, build the core (summaries model, search index), answer a query.
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config.js";
import { createCore } from "../../src/core.js";
import { createLogger } from "../../src/log.js";
import { PAPER_VECTORS_FILE_NAME } from "../../src/search/paper-vectors-file.js";
import { LowStore } from "../../src/store/low-store.js";
import { type Measure, runChild } from "../child.js";
import { copyOfFixture, corpusFixture, fixtureIndexFile, fixtureVectorsFile } from "../fixture.js";
import { mb, since } from "../stats.js";

const INDEX_FILE = "search-index.bin";

/** --mode first: no index or vectors file yet (the first start, or after an upgrade); restart: the file from an earlier run. */
const mode = parseArgs({ options: { mode: { type: "string", default: "restart" } }, strict: false }).values
  .mode;

export const measure: Measure = async ({ size }) => {
  // The copy is made before the clock starts: a start reads a data directory, it does not make one.
  const dir = await copyOfFixture(size);
  if (mode === "restart") {
    const fixture = await corpusFixture(size);
    await copyFile(fixtureIndexFile(fixture), join(dir, INDEX_FILE));
    await copyFile(fixtureVectorsFile(fixture), join(dir, PAPER_VECTORS_FILE_NAME));
  }
  const settings = loadConfig({ env: { PAPERBOT_DATA_DIR: dir } }).settings;
  const started = performance.now();
  const store = await LowStore.openDirectory(dir);
  const loadMs = since(started);
  const rssAfterLoad = process.memoryUsage().rss;
  const coreStarted = performance.now();
  const core = await createCore({
    store,
    settings,
    log: createLogger({ level: "warn" }),
    indexFile: join(dir, INDEX_FILE),
  });
  const coreMs = since(coreStarted);
  const page = core.search.search("local sgd", { limit: 5, offset: 0 });
  const readyMs = since(started);
  const rss = process.memoryUsage().rss;
  await store.close();
  return {
    mode: String(mode),
    papers: store.corpus.size,
    loadMs,
    coreMs,
    readyMs,
    // From the process's own start: Node, the TypeScript loader and the imports come on top.
    processReadyMs: performance.now(),
    rssMb: mb(rss),
    rssAfterLoadMb: mb(rssAfterLoad),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    // CPU of the whole process (user + system), the steadier figure on a shared machine.
    cpuMs: cpuMs(),
    hits: page.hits.length,
  };
};

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

runChild(measure, import.meta.url);
