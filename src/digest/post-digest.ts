// Posts one channel's digest for one day exactly once: claim the day (across replicas), post header then papers, resume after a crash.

import type { Settings } from "../config.js";
import type { Logger } from "../log.js";
import { paperCard } from "../message/cards.js";
import { PostError, type Poster } from "../message/poster.js";
import { ACTIONS, type Reply } from "../message/reply.js";
import type { Paper } from "../papers/paper.js";
import type { Place } from "../places.js";
import { workspaceKey } from "../places.js";
import type { PaperSearch } from "../search/paper-search.js";
import { DigestLeaseLost } from "../store/digest-claim.js";
import type { DigestRun, PostedMessage, Subscription } from "../store/records.js";
import type { Store } from "../store/store.js";
import { localTime } from "../time/zoned-time.js";
import { channelHighlights, NOTHING_NEW } from "./compose.js";
import { nextDigestAt } from "./due.js";

export interface PostDigestDeps {
  store: Store;
  search: PaperSearch;
  settings: Settings;
  log: Logger;
  port: Poster;
  /** The wall clock, for renewing the claim while posting (default: the tick's `now`). */
  now?: () => Date;
  /** How long a claim holds without progress before another replica may resume the run. */
  leaseMs?: number;
}

/**
 * A claim outlives a replica that died mid-digest by this much: long enough for the slowest digest
 * (a few messages, each retried by the platform client on 429s) between two recorded messages.
 */
export const DIGEST_LEASE_MS = 10 * 60_000;

/** How often a day's digest is tried before it is given up; with the backoff below, about two hours of tries. */
export const MAX_ATTEMPTS = 8;

/** The wait after failed attempt `attempts`: 1, 2, 4 … 60 minutes, and never less than the platform asked. */
export function retryDelayMs(attempts: number, retryAfterMs = 0): number {
  return Math.max(retryAfterMs, Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000);
}

/**
 * The run after a failed attempt: given up for good when the platform says the channel is gone or the
 * post can never succeed, or after MAX_ATTEMPTS; otherwise waiting out a backoff, its lease released
 * so that whichever replica ticks first afterwards tries again.
 */
export function failedAttempt(run: DigestRun, error: unknown, now: Date): DigestRun {
  const kind = error instanceof PostError ? error.kind : "transient";
  const giveUp =
    kind === "channel-gone" || kind === "forbidden" || kind === "invalid" || run.attempts >= MAX_ATTEMPTS;
  const retryAfterMs = error instanceof PostError ? error.retryAfterMs : undefined;
  return {
    ...run,
    state: giveUp ? "failed" : "posting",
    error: (error as Error).message,
    errorKind: kind,
    finishedAt: giveUp ? now.toISOString() : undefined,
    nextAttemptAt: giveUp
      ? undefined
      : new Date(now.getTime() + retryDelayMs(run.attempts, retryAfterMs)).toISOString(),
    leaseUntil: undefined,
  };
}

function placeOf(subscription: Subscription): Place {
  return {
    platform: subscription.platform,
    workspaceId: subscription.workspaceId,
    channelId: subscription.channelId,
  };
}

export function digestHeader(count: number): Reply {
  return {
    text: `📚 Today's ${count} paper highlight${count === 1 ? "" : "s"}. React 🔖 to a paper to save it, 👎 if it is not for us.`,
    visibility: "channel",
  };
}

export function digestPaperMessage(paper: Paper, reason: string | undefined): Reply {
  return {
    text: `${paper.title}\n${paper.tldr ?? ""}`.trim(),
    cards: [paperCard(paper, { reason })],
    buttons: [{ label: "Not for us", action: ACTIONS.dismiss, value: paper.id }],
    visibility: "channel",
  };
}

function nothingNewNotice(store: Store, subscription: Subscription, now: Date): Reply {
  const stale = store
    .sourceStatuses()
    .filter((s) => s.stale || (s.lastErrorAt && s.lastErrorAt > (s.lastSuccessAt ?? "")));
  const next = localTime(
    nextDigestAt(subscription, new Date(now.getTime() + 60_000), () => false),
    subscription.timeZone,
  );
  const why =
    stale.length > 0
      ? `The latest batch from ${stale.map((s) => s.name).join(", ")} has not arrived yet.`
      : NOTHING_NEW;
  return {
    text: `${why} I'll look again ${next.day} at ${next.time}.`,
    visibility: "channel",
  };
}

function plan(deps: PostDigestDeps, subscription: Subscription, day: string, now: Date): DigestRun {
  const highlights = channelHighlights(
    deps,
    {
      workspace: workspaceKey(subscription.platform, subscription.workspaceId),
      channel: subscription.channel,
    },
    now,
  );
  return {
    channel: subscription.channel,
    day,
    state: "posting",
    paperIds: highlights.map((h) => h.paper.id),
    reasons: Object.fromEntries(highlights.map((h) => [h.paper.id, h.reasons.join(" · ")])),
    postedCount: 0,
    headerPosted: false,
    startedAt: now.toISOString(),
    attempts: 1,
  };
}

/**
 * Whether an earlier attempt of `run` posted and recorded a message like this one (the channel's posts
 * since the run began), so a resumed run does not post it again when only its progress note was lost.
 */
function recordedEarlier(store: Store, run: DigestRun, like: (post: PostedMessage) => boolean): boolean {
  return store.postsIn(run.channel).some((post) => post.postedAt >= run.startedAt && like(post));
}

/**
 * Runs (or resumes) the digest of `subscription` for `day`. The run is claimed in the store before
 * anything is posted (by one replica of many) and recorded after each message, so a restart, or
 * another replica after the claim's lease ran out, resumes where it stopped and never posts the day
 * again from the top.
 */
export async function postDigest(
  deps: PostDigestDeps,
  subscription: Subscription,
  day: string,
  now: Date,
): Promise<DigestRun> {
  const { store, log } = deps;
  // The cached run saves a round trip for the common cases; the claim below is what decides.
  const cached = store.digestRun(subscription.channel, day);
  if (cached && cached.state !== "posting") return cached;
  if (cached?.nextAttemptAt && now.getTime() < Date.parse(cached.nextAttemptAt)) return cached;
  const leaseMs = deps.leaseMs ?? DIGEST_LEASE_MS;
  const clock = deps.now ?? (() => now);
  const claim = await store.claimDigestRun(
    subscription.channel,
    day,
    () => plan(deps, subscription, day, now),
    { now, leaseMs },
  );
  if (!claim.claimed) return claim.run;
  let run = claim.run;
  // Resuming another attempt (perhaps another replica's): see the messages it recorded before it died.
  const resuming = run.headerPosted || run.postedCount > 0 || run.attempts > 1;
  if (resuming) await store.refresh();
  const renewed = (next: DigestRun): DigestRun => ({
    ...next,
    leaseUntil: new Date(clock().getTime() + leaseMs).toISOString(),
  });
  const place = placeOf(subscription);
  const reasons = new Map(Object.entries(run.reasons ?? {}));
  try {
    if (!run.headerPosted && resuming && recordedEarlier(store, run, (p) => p.kind !== "digest")) {
      // Posted and recorded, but the attempt died before noting it in the run.
      run = renewed({ ...run, headerPosted: true });
      await store.putDigestRun(run);
    }
    if (!run.headerPosted) {
      const reply =
        run.paperIds.length === 0
          ? nothingNewNotice(store, subscription, now)
          : digestHeader(run.paperIds.length);
      const ref = await deps.port.post(place, reply);
      await store.recordPost({
        ref,
        paperIds: [],
        postedAt: now.toISOString(),
        kind: run.paperIds.length === 0 ? "notice" : "digest-header",
      });
      run = renewed({ ...run, headerPosted: true });
      await store.putDigestRun(run);
    }
    for (let i = run.postedCount; i < run.paperIds.length; i++) {
      const paper = store.corpus.find(run.paperIds[i] as string);
      const recorded =
        resuming && recordedEarlier(store, run, (p) => p.kind === "digest" && p.paperIds[0] === paper?.id);
      if (paper && !recorded) {
        const ref = await deps.port.post(place, digestPaperMessage(paper, reasons.get(paper.id)));
        await store.recordPost({ ref, paperIds: [paper.id], postedAt: now.toISOString(), kind: "digest" });
      }
      run = renewed({ ...run, postedCount: i + 1 });
      await store.putDigestRun(run);
    }
    run = {
      ...run,
      state: "posted",
      finishedAt: now.toISOString(),
      error: undefined,
      errorKind: undefined,
      nextAttemptAt: undefined,
      leaseUntil: undefined,
    };
    await store.putDigestRun(run);
    log.info({ channel: run.channel, day, papers: run.paperIds.length }, "digest posted");
    return run;
  } catch (error) {
    if (error instanceof DigestLeaseLost) {
      // Another replica resumed this run after our lease ran out (we stalled); it posts the rest.
      log.warn({ channel: run.channel, day }, error.message);
      return store.digestRun(run.channel, day) ?? run;
    }
    run = failedAttempt(run, error, now);
    const { errorKind: kind, error: message } = run;
    const giveUp = run.state === "failed";
    try {
      await store.putDigestRun(run);
    } catch (recordError) {
      if (!(recordError instanceof DigestLeaseLost)) throw recordError;
      log.warn({ channel: run.channel, day }, recordError.message);
      return store.digestRun(run.channel, day) ?? run;
    }
    log.warn(
      { channel: run.channel, day, kind, attempt: run.attempts, postedCount: run.postedCount },
      giveUp
        ? `digest for ${run.channel} on ${day} given up: ${message}`
        : `digest for ${run.channel} on ${day} will be retried: ${message}`,
    );
    return run;
  }
}
