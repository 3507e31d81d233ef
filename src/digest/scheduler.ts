// The clock: node-cron ticks that post every due digest (and run configured ingestion), catching up at start.
import cron, { type ScheduledTask } from "node-cron";
import type { Settings } from "../config.js";
import type { Logger } from "../log.js";
import type { Poster } from "../message/poster.js";
import type { Platform } from "../places.js";
import type { PaperSearch } from "../search/paper-search.js";
import type { DigestRun } from "../store/records.js";
import type { Store } from "../store/store.js";
import { dueDigests } from "./due.js";
import { postDigest } from "./post-digest.js";
import { runDueWeeklies } from "./weekly-scheduler.js";

export interface SchedulerDeps {
  store: Store;
  search: PaperSearch;
  settings: Settings;
  log: Logger;
  ports: Partial<Record<Platform, Poster>>;
  /** The wall clock, for renewing a digest's claim while it posts (default: the tick's time). */
  now?: () => Date;
  /** How long a digest claim holds without progress (default `DIGEST_LEASE_MS`). */
  leaseMs?: number;
}

/**
 * Posts every digest that is due at `now`. A day already posted (or given up) is never run again; a
 * day left half-posted by a crash or a failed post is resumed. One channel's failure never stops the
 * others. Replicas sharing a store all run this: each day's claim in the store lets exactly one post it.
 */
export async function runDueDigests(deps: SchedulerDeps, now: Date): Promise<DigestRun[]> {
  const runs: DigestRun[] = [];
  for (const subscription of deps.store.subscriptions()) {
    const port = deps.ports[subscription.platform];
    if (!port) continue;
    try {
      const finished = (day: string) => {
        const run = deps.store.digestRun(subscription.channel, day);
        return run !== undefined && run.state !== "posting";
      };
      for (const due of dueDigests(subscription, now, deps.settings.digest.maxLatenessMinutes, finished)) {
        const run = await postDigest({ ...deps, port }, subscription, due.day, now);
        runs.push(run);
        const gone =
          run.errorKind === "channel-gone" ||
          /gone|not found|archived|unknown channel/i.test(run.error ?? "");
        if (run.state === "failed" && gone) {
          await deps.store.removeSubscription(subscription.channel);
          deps.log.warn(
            { channel: subscription.channel },
            `channel ${subscription.channel} is gone; its digest is turned off`,
          );
        }
      }
    } catch (error) {
      deps.log.error({ err: error, channel: subscription.channel }, "digest check failed for a channel");
    }
  }
  return runs;
}

export interface Scheduler {
  /** Runs one digest check now (what each tick does). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduler(
  deps: SchedulerDeps,
  options: {
    now: () => Date;
    ingest?: () => Promise<void>;
    /** Posts followed matches that arrived (chat/post-alerts.ts); run after each digest check and each ingest. */
    alerts?: (now: Date) => Promise<unknown>;
  },
): Scheduler {
  const log = deps.log.child({ component: "scheduler" });
  let running: Promise<unknown> | undefined;
  const tick = async () => {
    // A slow tick must not overlap the next one: the claim in the store is the real guard, this saves work.
    if (running) return;
    const now = options.now();
    running = runDueDigests(deps, now)
      .then(() => runDueWeeklies(deps, now))
      .catch((error) => log.error({ err: error }, "digest tick failed"))
      .then(() => options.alerts?.(options.now()))
      .catch((error) => log.error({ err: error }, "alerts failed"));
    try {
      await running;
    } finally {
      running = undefined;
    }
  };
  const tasks: ScheduledTask[] = [
    cron.schedule(deps.settings.digest.checkCron, tick, { name: "digests", noOverlap: true }),
  ];
  if (options.ingest) {
    const ingest = options.ingest;
    tasks.push(
      cron.schedule(
        deps.settings.ingest.cron,
        () =>
          ingest()
            .catch((error) => log.error({ err: error }, "scheduled ingest failed"))
            // Alerts go out as soon as their papers are in, not at the next digest check.
            .then(() => tick()),
        {
          name: "ingest",
          noOverlap: true,
        },
      ),
    );
  }
  return {
    tick,
    async stop() {
      for (const task of tasks) await task.stop();
      await running;
    },
  };
}
