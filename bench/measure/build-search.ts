// What a first start without index files spends on search: the index build and the paper vectors build, each alone and
// both at once as a start runs them (the vectors on a second thread), in wall and CPU time.
import { createLogger } from "../../src/log.js";
import { PaperVectors } from "../../src/search/paper-vectors.js";
import {
  buildPaperVectorsFromWords,
  buildPaperVectorsOffThread,
} from "../../src/search/paper-vectors-thread.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";

/** Wall and CPU (user + system, every thread of the process) milliseconds of `work`. */
async function timed(work: () => unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

export const measure: Measure = async ({ size }) => {
  const papers = await loadPapers(size);
  const log = createLogger({ level: "warn" });
  const index = await timed(() => SearchIndex.build(papers));
  const vectors = await timed(() => PaperVectors.build(papers));
  // As openPaperSearch does at a first start: the vectors' thread started first and fed the words the
  // index build here reads, from which it also builds the index's pairs.
  const both = await timed(async () => {
    const fed = buildPaperVectorsFromWords(papers, log);
    try {
      const index = SearchIndex.build(papers, undefined, fed.listener);
      index.takePairs(await fed.listener.pairs);
    } finally {
      fed.finish();
    }
    await fed.vectors;
  });
  // The same with the vectors' thread sent every paper's text, as before it was fed the words.
  const bothFromText = await timed(async () => {
    const building = buildPaperVectorsOffThread(papers, log);
    SearchIndex.build(papers);
    await building;
  });
  return {
    indexMs: index.wallMs,
    indexCpuMs: index.cpuMs,
    vectorsMs: vectors.wallMs,
    vectorsCpuMs: vectors.cpuMs,
    bothMs: both.wallMs,
    bothCpuMs: both.cpuMs,
    bothFromTextMs: bothFromText.wallMs,
    bothFromTextCpuMs: bothFromText.cpuMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
};

runChild(measure, import.meta.url);
