// The store's part of a start with N papers on disk: opening the data directory, in wall and CPU time, and its peak memory.
import { LowStore } from "../../src/store/low-store.js";
import { type Measure, runChild } from "../child.js";
import { copyOfFixture } from "../fixture.js";
import { mb, since } from "../stats.js";

export const measure: Measure = async ({ size }) => {
  // The copy is made before the clock starts: a start reads a data directory, it does not make one.
  const dir = await copyOfFixture(size);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const store = await LowStore.openDirectory(dir);
  const loadMs = since(started);
  const { user, system } = process.cpuUsage(cpu);
  const papers = store.corpus.size;
  await store.close();
  return {
    papers,
    loadMs,
    // On a shared machine the wall time is the scheduler's; the CPU time is the store's own.
    loadCpuMs: (user + system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssMb: mb(process.memoryUsage().rss),
  };
};

runChild(measure, import.meta.url);
