// Cold start to ready with N papers on disk: open the store, build the core (summaries model, search index), answer a query.
import { existsSync } from "node:fs";
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config.js";
import { createCore, readSearchFilesAhead } from "../../src/core.js";
import { createLogger } from "../../src/log.js";
import { openFramedFile } from "../../src/search/framed-file.js";
import { PAPER_VECTORS_FILE_NAME } from "../../src/search/paper-vectors-file.js";
import { type CorpusStamp, stampedSource } from "../../src/store/corpus-stamp.js";
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
  // BENCH_SEARCH_THREAD=never|always compares a start with the index here and on its own thread.
  const thread = (process.env.BENCH_SEARCH_THREAD ?? settings.searchThread) as typeof settings.searchThread;
  const started = performance.now();
  // As adapters/main.ts: the search files are read while the store parses its papers.
  const indexFile = join(dir, INDEX_FILE);
  const searchFiles =
    existsSync(indexFile) && process.env.PAPERBOT_NO_READ_AHEAD !== "1"
      ? readSearchFilesAhead(indexFile, thread)
      : undefined;
  const store = await LowStore.openDirectory(dir);
  const loadMs = since(started);
  const rssAfterLoad = process.memoryUsage().rss;
  const coreStarted = performance.now();
  const core = await createCore({
    store,
    settings,
    log: createLogger({ level: "warn" }),
    indexFile,
    searchFiles,
    searchThread: thread,
  });
  const coreMs = since(coreStarted);
  const page = await core.search.search("local sgd", { limit: 5, offset: 0 });
  const readyMs = since(started);
  const rss = process.memoryUsage().rss;
  const readyCpuMs = cpuMs();
  const rewrite = await watchRewrite(indexFile, store.openedStamp);
  await core.search.close();
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
    // CPU of the whole process (user + system) to ready, the steadier figure on a shared machine.
    cpuMs: readyCpuMs,
    hits: page.hits.length,
    ...rewrite,
  };
};

/**
 * After ready a stale index file is rewritten in the background: how long after ready it is current,
 * and the longest the event loop was held meanwhile (what a command arriving then would wait at most).
 */
async function watchRewrite(indexFile: string, stamp: CorpusStamp | undefined) {
  const delays = monitorEventLoopDelay({ resolution: 5 });
  delays.enable();
  const from = performance.now();
  const now = stamp && stampedSource(stamp).now;
  // The header alone is read (an index file's source is in it), so the watch itself holds nothing up.
  const current = async () => {
    const file = await openFramedFile(indexFile, "PBIX");
    await file?.close();
    const source = (file?.header as { source?: unknown } | undefined)?.source;
    return now !== undefined && JSON.stringify(source) === JSON.stringify(now);
  };
  while (!(await current()) && since(from) < 60_000) await new Promise((resolve) => setTimeout(resolve, 100));
  delays.disable();
  return {
    rewrittenAfterReadyMs: since(from),
    maxLoopDelayAfterReadyMs: delays.max / 1e6,
    cpuWithRewriteMs: cpuMs(),
  };
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

runChild(measure, import.meta.url);
