// The weekly digests' share of each scheduler tick: post every weekly that is due, one channel's failure never stopping the others.

import type { Settings } from "../config.js";
import type { Poster } from "../message/poster.js";
import type { Platform } from "../places.js";
import type { DigestRun } from "../store/records.js";
import { type PostWeeklyDeps, postWeekly } from "./post-weekly.js";
import { dueWeeklies } from "./weekly-due.js";
import { weeklyRunChannel } from "./weekly-key.js";

export interface WeeklySchedulerDeps extends Omit<PostWeeklyDeps, "port"> {
  settings: Settings;
  ports: Partial<Record<Platform, Poster>>;
}

/**
 * Posts every weekly digest due at `now`. A week already posted (or given up) is never run again;
 * replicas sharing a store all run this, and the week's claim lets exactly one post it. A channel
 * the platform says is gone has its weekly digest turned off.
 */
export async function runDueWeeklies(deps: WeeklySchedulerDeps, now: Date): Promise<DigestRun[]> {
  const runs: DigestRun[] = [];
  for (const schedule of deps.store.weeklySchedules()) {
    const port = deps.ports[schedule.platform];
    if (!port) continue;
    try {
      const finished = (week: string) => {
        const run = deps.store.digestRun(weeklyRunChannel(schedule.channel), week);
        return run !== undefined && run.state !== "posting";
      };
      for (const due of dueWeeklies(schedule, now, deps.settings.digest.maxLatenessMinutes, finished)) {
        const run = await postWeekly({ ...deps, port }, schedule, due, now);
        runs.push(run);
        if (run.state === "failed" && run.errorKind === "channel-gone") {
          await deps.store.removeWeeklySchedule(schedule.channel);
          deps.log.warn(
            { channel: schedule.channel },
            `channel ${schedule.channel} is gone; its weekly digest is turned off`,
          );
        }
      }
    } catch (error) {
      deps.log.error({ err: error, channel: schedule.channel }, "weekly digest check failed for a channel");
    }
  }
  return runs;
}
