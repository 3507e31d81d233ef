// Posts one channel's weekly digest for one week exactly once, through the daily digest's claim: claim the week, post, record.

import type { Logger } from "../log.js";
import type { Poster } from "../message/poster.js";
import { type Place, workspaceKey } from "../places.js";
import { DigestLeaseLost } from "../store/digest-claim.js";
import type { DigestRun, WeeklySchedule } from "../store/records.js";
import { addDays, zonedInstant } from "../time/zoned-time.js";
import type { ComposeDeps } from "./compose.js";
import { DIGEST_LEASE_MS, failedAttempt } from "./post-digest.js";
import { composeWeekly, splitWeekly, type WeeklyEntry } from "./weekly-compose.js";
import type { DueWeekly } from "./weekly-due.js";
import { weeklyFollowedMatches } from "./weekly-followed.js";
import { weeklyRunChannel } from "./weekly-key.js";
import { WEEKLY_MESSAGE_CARDS, weeklyMessage } from "./weekly-message.js";

export interface PostWeeklyDeps extends ComposeDeps {
  log: Logger;
  port: Poster;
  /** How long a claim holds before another replica may resume the week (default `DIGEST_LEASE_MS`). */
  leaseMs?: number;
}

/** The week a weekly posted at `due` covers: the seven local days up to its post time. */
export function weeklyWindow(schedule: WeeklySchedule, due: DueWeekly): { from: Date; to: Date } {
  return { from: zonedInstant(addDays(due.day, -7), schedule.time, schedule.timeZone), to: due.dueAt };
}

/** The week's papers, chosen once (when the week is claimed) and kept in the run in message order. */
export function planWeekly(
  deps: Omit<PostWeeklyDeps, "port" | "log">,
  schedule: WeeklySchedule,
  due: DueWeekly,
  now: Date,
): DigestRun {
  const { from, to } = weeklyWindow(schedule, due);
  const entries = composeWeekly(deps, {
    workspace: workspaceKey(schedule.platform, schedule.workspaceId),
    channel: schedule.channel,
    from,
    to,
    followed: weeklyFollowedMatches(deps.store, schedule.channel, from, to),
  });
  const { shown, rest } = splitWeekly(entries, WEEKLY_MESSAGE_CARDS);
  const ordered = [...shown, ...rest];
  return {
    channel: weeklyRunChannel(schedule.channel),
    day: due.week,
    state: "posting",
    paperIds: ordered.map((e) => e.paperId),
    reasons: Object.fromEntries(ordered.map((e) => [e.paperId, e.reason])),
    postedCount: 0,
    headerPosted: false,
    startedAt: now.toISOString(),
    attempts: 1,
  };
}

/**
 * What a weekly digest posted at `now` would hold, in message order (its first WEEKLY_MESSAGE_CARDS on
 * the message, the rest behind "more"): the preview `paperbot digest --weekly` prints. Claims nothing.
 */
export function weeklyPreview(
  deps: ComposeDeps,
  place: { workspace: string; channel: string },
  now: Date,
): WeeklyEntry[] {
  // Up to and including `now`: a save made this very moment counts.
  const to = new Date(now.getTime() + 1);
  const from = new Date(to.getTime() - 7 * 86_400_000);
  const entries = composeWeekly(deps, {
    ...place,
    from,
    to,
    followed: weeklyFollowedMatches(deps.store, place.channel, from, to),
  });
  const { shown, rest } = splitWeekly(entries, WEEKLY_MESSAGE_CARDS);
  return [...shown, ...rest];
}

function placeOf(schedule: WeeklySchedule): Place {
  return { platform: schedule.platform, workspaceId: schedule.workspaceId, channelId: schedule.channelId };
}

/**
 * Runs (or finishes) the weekly digest of `schedule` for `due.week`. The week is claimed in the store
 * before anything is posted, so one replica of many posts it; an attempt that died after posting is
 * recognised by the message it recorded and never posts the week again.
 */
export async function postWeekly(
  deps: PostWeeklyDeps,
  schedule: WeeklySchedule,
  due: DueWeekly,
  now: Date,
): Promise<DigestRun> {
  const { store, log } = deps;
  const key = weeklyRunChannel(schedule.channel);
  const cached = store.digestRun(key, due.week);
  if (cached && cached.state !== "posting") return cached;
  if (cached?.nextAttemptAt && now.getTime() < Date.parse(cached.nextAttemptAt)) return cached;
  const claim = await store.claimDigestRun(key, due.week, () => planWeekly(deps, schedule, due, now), {
    now,
    leaseMs: deps.leaseMs ?? DIGEST_LEASE_MS,
  });
  if (!claim.claimed) return claim.run;
  let run = claim.run;
  const posted = (): DigestRun => ({
    ...run,
    state: "posted",
    headerPosted: true,
    postedCount: run.paperIds.length,
    finishedAt: now.toISOString(),
    error: undefined,
    errorKind: undefined,
    nextAttemptAt: undefined,
    leaseUntil: undefined,
  });
  try {
    if (run.attempts > 1) {
      // Another attempt (perhaps another replica's) may have posted the week and died before noting it.
      await store.refresh();
      const startedAt = run.startedAt;
      const earlier = store
        .postsIn(schedule.channel)
        .some((post) => post.kind === "weekly" && post.postedAt >= startedAt);
      if (earlier) {
        run = posted();
        await store.putDigestRun(run);
        return run;
      }
    }
    const reply = weeklyMessage(store, run);
    const ref = await deps.port.post(placeOf(schedule), reply);
    await store.recordPost({
      ref,
      paperIds: run.paperIds.slice(0, WEEKLY_MESSAGE_CARDS),
      postedAt: now.toISOString(),
      kind: "weekly",
    });
    run = posted();
    await store.putDigestRun(run);
    log.info(
      { channel: schedule.channel, week: due.week, papers: run.paperIds.length },
      "weekly digest posted",
    );
    return run;
  } catch (error) {
    if (!(error instanceof DigestLeaseLost)) {
      run = failedAttempt(run, error, now);
      try {
        await store.putDigestRun(run);
        log.warn(
          { channel: schedule.channel, week: due.week, kind: run.errorKind, attempt: run.attempts },
          `weekly digest for ${schedule.channel} in ${due.week} ${run.state === "failed" ? "given up" : "will be retried"}: ${run.error}`,
        );
        return run;
      } catch (recordError) {
        if (!(recordError instanceof DigestLeaseLost)) throw recordError;
      }
    }
    // Another replica resumed this week after our lease ran out (we stalled); it finishes it.
    log.warn(
      { channel: schedule.channel, week: due.week },
      "the weekly digest was taken over by another replica",
    );
    return store.digestRun(key, due.week) ?? run;
  }
}
