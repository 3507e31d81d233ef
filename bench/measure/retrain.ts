// Team taste at scale: memory of the bot with and without the paper vectors, and retraining a team's model after a save (what runs off the request path).
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createPaperSearch } from "../../src/search/paper-search.js";
import { PaperVectors } from "../../src/search/paper-vectors.js";
import { LowStore } from "../../src/store/low-store.js";
import type { SaveRecord } from "../../src/store/records.js";
import { TeamTaste } from "../../src/taste/team-taste.js";
import { type Measure, runChild } from "../child.js";
import { generateCorpus } from "../corpus.js";
import { mb, percentile } from "../stats.js";

const RETRAINS = 200;

/** A full collection before each memory reading, so the two readings compare what is live, not garbage. */
function collect(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

function memory(): { rss: number; heap: number } {
  collect();
  const usage = process.memoryUsage();
  // The vectors live in typed arrays, whose bytes Node counts as external, not as heap.
  return { rss: usage.rss, heap: usage.heapUsed + usage.external };
}

export const measure: Measure = async ({ size, smoke }) => {
  const papers = generateCorpus(size);
  // The bot without the taste vectors: its store and search index over the same papers.
  const store = await LowStore.inMemory(papers);
  const search = createPaperSearch(store.corpus.all());
  const without = memory();
  const started = performance.now();
  const vectors = PaperVectors.build(store.corpus.all());
  const buildMs = performance.now() - started;
  const withVectors = memory();

  const now = new Date("2026-11-22T12:00:00Z");
  const saves: SaveRecord[] = [];
  const wall: number[] = [];
  const cpu: number[] = [];
  const count = smoke ? 20 : RETRAINS;
  for (let i = 0; i < count; i++) {
    // A team that keeps saving: up to 60 saves by 8 people, one more each time.
    const paper = papers[(i * 7919) % papers.length];
    if (!paper) continue;
    saves.push({ workspace: "slack:T", userId: `U${i % 8}`, paperId: paper.id, savedAt: now.toISOString() });
    if (saves.length > 60) saves.shift();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    TeamTaste.train({ workspace: "slack:T", saves, dismissals: [] }, vectors, now);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) vectors.similar((papers[i * 31] ?? papers[0])?.id ?? "", 5);
  const similarMs = (performance.now() - t0) / 20;
  // The index is used after the readings, so it stays alive through both (as in the bot).
  const hits = (await search.search("model merging", { limit: 1, offset: 0 })).hits.length;
  return {
    vectorBuildMs: Math.round(buildMs),
    hits,
    retrainP50: percentile(wall, 0.5),
    retrainP99: percentile(wall, 0.99),
    retrainCpuP50: percentile(cpu, 0.5),
    retrainCpuP99: percentile(cpu, 0.99),
    similarMs,
    rssWithoutMb: mb(without.rss),
    rssWithMb: mb(withVectors.rss),
    rssRatio: withVectors.rss / without.rss,
    heapWithoutMb: mb(without.heap),
    heapWithMb: mb(withVectors.heap),
    heapRatio: withVectors.heap / without.heap,
  };
};

runChild(measure, import.meta.url);
