// The world the daily and weekly scheduler tests run in: seed papers that arrived on one day, a fake platform, a log in memory, a clock to tick.
import { createPaperSearch } from "../../src/core.js";
import type { SchedulerDeps } from "../../src/digest/scheduler.js";
import type { WeeklySchedulerDeps } from "../../src/digest/weekly-scheduler.js";
import type { Paper } from "../../src/papers/paper.js";
import { LowStore } from "../../src/store/low-store.js";
import type { Store } from "../../src/store/store.js";
import { FakePort, memoryLogger, testSettings } from "./core.js";
import { seedCorpus } from "./seeds.js";

const MINUTE = 60_000;

export interface DigestWorld {
  store: Store;
  /** What both schedulers take: the daily digest's and the weekly digest's. */
  deps: SchedulerDeps & WeeklySchedulerDeps;
  port: FakePort;
  logs: () => string[];
}

/** The seed papers as first stored on `day`: a digest offers what arrived before it. */
export function arrivedOn(day: string): Paper[] {
  return [...seedCorpus().all()].map((paper) => ({
    ...paper,
    sightings: paper.sightings.map((s) => ({ ...s, seenAt: `${day}T00:00:00.000Z` })),
  }));
}

/** A store (in memory, or in `dir` to survive a restart) holding the seed papers, posting to `port` as Slack. */
export async function digestWorld(
  options: { dir?: string; port?: FakePort; arrived?: string } = {},
): Promise<DigestWorld> {
  const store = options.dir ? await LowStore.openDirectory(options.dir) : await LowStore.inMemory();
  if (store.corpus.size === 0) await store.putPapers(arrivedOn(options.arrived ?? "2026-03-01"));
  const port = options.port ?? new FakePort();
  const { log, lines } = memoryLogger();
  const deps = {
    store,
    search: createPaperSearch(store.corpus.all()),
    settings: testSettings(),
    log,
    ports: { slack: port },
  };
  return { store, deps, port, logs: lines };
}

/** A clock for one scheduler: ticks it every `stepMinutes` from `from` to `to` (inclusive), the fake port's time along. */
export function schedulerClock(
  tick: (deps: DigestWorld["deps"], now: Date) => Promise<unknown>,
  defaultStepMinutes: number,
) {
  return async (
    w: DigestWorld,
    from: string,
    to: string,
    stepMinutes = defaultStepMinutes,
  ): Promise<void> => {
    for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * MINUTE) {
      w.port.now = new Date(t);
      await tick(w.deps, new Date(t));
    }
  };
}
