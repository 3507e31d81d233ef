// What a first start without index files spends on search: the index build and the paper vectors build, each in wall and CPU time.
import { PaperVectors } from "../../src/search/paper-vectors.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";

/** Wall and CPU (user + system) milliseconds of `work`. */
function timed(work: () => unknown): { wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

export const measure: Measure = async ({ size }) => {
  const papers = await loadPapers(size);
  const index = timed(() => SearchIndex.build(papers));
  const vectors = timed(() => PaperVectors.build(papers));
  return {
    indexMs: index.wallMs,
    indexCpuMs: index.cpuMs,
    vectorsMs: vectors.wallMs,
    vectorsCpuMs: vectors.cpuMs,
  };
};

runChild(measure, import.meta.url);
