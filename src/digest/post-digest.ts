// Posts one channel's digest for one day exactly once: claim the day, post header then papers, resume after a crash.
import { paperCard } from "../chat/cards.js";
import type { PaperSearch } from "../chat/deps.js";
import { type ChatPort, type Place, PostError, type Reply } from "../chat/port.js";
import type { Settings } from "../config.js";
import type { Logger } from "../log.js";
import type { Paper } from "../papers/paper.js";
import type { DigestRun, Subscription } from "../store/records.js";
import { workspaceKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import { composeHighlights } from "./compose.js";
import { nextDigestAt } from "./due.js";
import { localTime } from "./zoned-time.js";

export interface PostDigestDeps {
  store: Store;
  search: PaperSearch;
  settings: Settings;
  log: Logger;
  port: ChatPort;
}

/** How often a day's digest is tried before it is given up; with the backoff below, about two hours of tries. */
export const MAX_ATTEMPTS = 8;

/** The wait after failed attempt `attempts`: 1, 2, 4 … 60 minutes, and never less than the platform asked. */
export function retryDelayMs(attempts: number, retryAfterMs = 0): number {
  return Math.max(retryAfterMs, Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000);
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
    text: `📚 Today's ${count} paper highlight${count === 1 ? "" : "s"}. React 🔖 to a paper to save it.`,
    visibility: "channel",
  };
}

export function digestPaperMessage(paper: Paper, reason: string | undefined): Reply {
  return {
    text: `${paper.title}\n${paper.tldr ?? ""}`.trim(),
    cards: [paperCard(paper, { reason })],
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
      : "Every paper I know has already been shown or saved here.";
  return {
    text: `No new papers worth posting today. ${why} I'll look again ${next.day} at ${next.time}.`,
    visibility: "channel",
  };
}

function claim(deps: PostDigestDeps, subscription: Subscription, day: string, now: Date): DigestRun {
  const highlights = composeHighlights(
    deps,
    {
      workspace: workspaceKey(subscription.platform, subscription.workspaceId),
      channel: subscription.channel,
      size: subscription.size,
      topics: subscription.topics,
      excluded: subscription.excluded,
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
 * Runs (or resumes) the digest of `subscription` for `day`. The run is written to the store before
 * anything is posted and after each message, so a restart resumes where it stopped and never posts
 * the day again from the top.
 */
export async function postDigest(
  deps: PostDigestDeps,
  subscription: Subscription,
  day: string,
  now: Date,
): Promise<DigestRun> {
  const { store, log } = deps;
  const existing = store.digestRun(subscription.channel, day);
  if (existing && existing.state !== "posting") return existing;
  if (existing?.nextAttemptAt && now.getTime() < Date.parse(existing.nextAttemptAt)) return existing;
  let run: DigestRun = existing
    ? { ...existing, attempts: existing.attempts + 1 }
    : claim(deps, subscription, day, now);
  await store.putDigestRun(run);
  const place = placeOf(subscription);
  const reasons = new Map(Object.entries(run.reasons ?? {}));
  try {
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
      run = { ...run, headerPosted: true };
      await store.putDigestRun(run);
    }
    for (let i = run.postedCount; i < run.paperIds.length; i++) {
      const paper = store.corpus.find(run.paperIds[i] as string);
      if (paper) {
        const ref = await deps.port.post(place, digestPaperMessage(paper, reasons.get(paper.id)));
        await store.recordPost({ ref, paperIds: [paper.id], postedAt: now.toISOString(), kind: "digest" });
      }
      run = { ...run, postedCount: i + 1 };
      await store.putDigestRun(run);
    }
    run = {
      ...run,
      state: "posted",
      finishedAt: now.toISOString(),
      error: undefined,
      errorKind: undefined,
      nextAttemptAt: undefined,
    };
    await store.putDigestRun(run);
    log.info({ channel: run.channel, day, papers: run.paperIds.length }, "digest posted");
    return run;
  } catch (error) {
    const kind = error instanceof PostError ? error.kind : "transient";
    const message = (error as Error).message;
    const giveUp =
      kind === "channel-gone" || kind === "forbidden" || kind === "invalid" || run.attempts >= MAX_ATTEMPTS;
    run = {
      ...run,
      state: giveUp ? "failed" : "posting",
      error: message,
      errorKind: kind,
      finishedAt: giveUp ? now.toISOString() : undefined,
      nextAttemptAt: giveUp
        ? undefined
        : new Date(
            now.getTime() +
              retryDelayMs(run.attempts, error instanceof PostError ? error.retryAfterMs : undefined),
          ).toISOString(),
    };
    await store.putDigestRun(run);
    log.warn(
      { channel: run.channel, day, kind, attempt: run.attempts, postedCount: run.postedCount },
      giveUp
        ? `digest for ${run.channel} on ${day} given up: ${message}`
        : `digest for ${run.channel} on ${day} will be retried: ${message}`,
    );
    return run;
  }
}
