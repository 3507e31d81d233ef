// Issue 9.4: digests exactly once over many simulated days with restarts around the post time, a platform that
// answers 429 / 5xx / times out, and a channel that vanishes.
import { webApi } from "@slack/bolt";
import type { Adapter } from "lowdb";
import { describe, expect, it } from "vitest";
import { toPostError } from "../../adapters/slack/post-error.js";
import type { ChatPort, MessageRef, Place, Reply } from "../../src/chat/port.js";
import { createPaperSearch } from "../../src/core.js";
import { runDueDigests, type SchedulerDeps } from "../../src/digest/scheduler.js";
import { channelKey } from "../../src/places.js";
import { type CorpusFile, LowStore } from "../../src/store/low-store.js";
import type { Subscription, WorkspaceState } from "../../src/store/records.js";
import { addDays } from "../../src/time/zoned-time.js";
import { memoryLogger, summarizedSeedPapers, testSettings, testSubscription } from "../helpers/core.js";
import { seededRandom } from "./kill/kill-campaign.js";
import { recordFigure, sized } from "./stress.js";

const MINUTE = 60_000;

/** A "disk" that outlives a restart: it keeps what was last written, as text, and nothing written after a crash. */
class Disk<T> implements Adapter<T> {
  private text: string | null = null;
  async read(): Promise<T | null> {
    return this.text === null ? null : (JSON.parse(this.text) as T);
  }
  async write(data: T): Promise<void> {
    this.text = JSON.stringify(data);
  }
}

type Fault = "ok" | "429" | "5xx" | "timeout-before" | "timeout-after" | "crash-after";

interface Delivery {
  channelId: string;
  paperId?: string;
  opener: boolean;
  /** Delivered, but the sender never heard so (a timeout, or a crash before it was recorded). */
  unacknowledged: boolean;
}

const slackError = (error: string) =>
  toPostError({ code: webApi.ErrorCode.PlatformError, data: { error } }, "paperbot");

/** The platform: delivers, or fails as Slack does, by the fault drawn for each post. */
class FlakyPlatform implements ChatPort {
  readonly platform = "slack" as const;
  readonly deliveries: Delivery[] = [];
  readonly gone = new Set<string>();
  postsToGone = 0;
  private counter = 0;
  onCrash: () => void = () => {};

  constructor(private readonly fault: () => Fault) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async post(place: Place, reply: Reply): Promise<MessageRef> {
    if (this.gone.has(place.channelId)) {
      this.postsToGone += 1;
      throw slackError("channel_not_found");
    }
    const fault = this.fault();
    if (fault === "429")
      throw toPostError({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 30 }, "paperbot");
    if (fault === "5xx") throw toPostError({ code: webApi.ErrorCode.HTTPError, statusCode: 503 }, "paperbot");
    if (fault === "timeout-before")
      throw toPostError({ code: webApi.ErrorCode.RequestError, message: "timeout" }, "paperbot");
    this.counter += 1;
    const delivery: Delivery = {
      channelId: place.channelId,
      paperId: reply.cards?.[0]?.id,
      opener: !reply.cards,
      unacknowledged: fault !== "ok",
    };
    this.deliveries.push(delivery);
    if (fault === "timeout-after")
      throw toPostError({ code: webApi.ErrorCode.RequestError, message: "timeout" }, "paperbot");
    if (fault === "crash-after") {
      this.onCrash();
      return new Promise<MessageRef>(() => {}); // the process died here: nothing after this runs
    }
    return { ...place, messageId: `m${this.counter}` };
  }
}

function subscription(channelId: string, time: string, timeZone: string): Subscription {
  return testSubscription(channelId, time, timeZone, "2025-12-01T00:00:00Z");
}

const CHANNELS = [
  subscription("UTC", "09:00", "UTC"),
  subscription("BER", "09:00", "Europe/Berlin"),
  subscription("NYC", "08:30", "America/New_York"),
  subscription("GONE", "10:00", "UTC"),
];

interface Simulation {
  platform: FlakyPlatform;
  store: LowStore;
  logs: string[];
  restarts: number;
  ticks: number;
}

async function simulate(options: {
  days: number;
  seed: number;
  faultRate: number;
  faults: Fault[];
  goneOnDay?: number;
}): Promise<Simulation> {
  const random = seededRandom(options.seed);
  const platform = new FlakyPlatform(() =>
    random() < options.faultRate
      ? (options.faults[Math.floor(random() * options.faults.length)] as Fault)
      : "ok",
  );
  const corpusDisk = new Disk<CorpusFile>();
  const stateDisk = new Disk<WorkspaceState>();
  await corpusDisk.write({ schemaVersion: 1, papers: summarizedSeedPapers() });
  const logs: string[] = [];
  const settings = testSettings();
  let restarts = 0;
  let ticks = 0;

  // Each boot is a new process: a new store read from the "disk" and a new logger. The corpus does not
  // change here, so one search index serves every boot (building it is the slow part of a start).
  const search = createPaperSearch((await LowStore.open(corpusDisk, new Disk())).corpus.all());
  const bootLogs: (() => string[])[] = [];
  const boot = async (): Promise<SchedulerDeps> => {
    const store = await LowStore.open(corpusDisk, stateDisk);
    const { log, lines } = memoryLogger();
    bootLogs.push(lines);
    return { store, search, settings, log, ports: { slack: platform } };
  };
  let deps = await boot();
  for (const s of CHANNELS) await deps.store.putSubscription(s);

  const firstDay = "2026-03-01"; // spans the spring DST changes in Berlin and New York
  for (let d = 0; d < options.days; d++) {
    const day = addDays(firstDay, d);
    if (d === options.goneOnDay) platform.gone.add("GONE");
    // Every minute from before the first post time (07:00 UTC in Berlin's summer) until the retries of the
    // last one (12:30 UTC in New York's winter) are long over.
    const start = Date.parse(`${day}T06:50:00Z`);
    const end = Date.parse(`${day}T16:00:00Z`);
    // Restarts at random minutes, most of them within an hour of a post time.
    const posts = [7, 8, 9, 10, 12.5, 13.5].map((h) => start + (h - 6.8) * 60 * MINUTE);
    const restartAt = new Set(
      Array.from({ length: 4 }, () => {
        const around = posts[Math.floor(random() * posts.length)] as number;
        return Math.floor((around + (random() - 0.5) * 120 * MINUTE) / MINUTE) * MINUTE;
      }),
    );
    for (let t = start; t <= end; t += MINUTE) {
      ticks += 1;
      let crashed = false;
      const crash = new Promise<void>((resolve) => {
        platform.onCrash = () => {
          crashed = true;
          resolve();
        };
      });
      await Promise.race([runDueDigests(deps, new Date(t)), crash]);
      if (crashed || restartAt.has(t)) {
        restarts += 1;
        deps = await boot();
      }
    }
  }
  for (const lines of bootLogs) logs.push(...lines());
  return { platform, store: deps.store as LowStore, logs, restarts, ticks };
}

function check(sim: Simulation, days: number) {
  const problems: string[] = [];
  for (const { channelId } of CHANNELS) {
    const delivered = sim.platform.deliveries.filter((d) => d.channelId === channelId);
    const perPaper = new Map<string, Delivery[]>();
    for (const d of delivered)
      if (d.paperId) perPaper.set(d.paperId, [...(perPaper.get(d.paperId) ?? []), d]);
    for (const [paper, list] of perPaper) {
      // A message the platform took but never confirmed may be sent once more; nothing else may repeat.
      const allowed = 1 + list.filter((d) => d.unacknowledged).length;
      if (list.length > allowed) problems.push(`${channelId}: paper ${paper} posted ${list.length} times`);
    }
    const runs = [...Array(days).keys()]
      .map((i) => sim.store.digestRun(channelKey("slack", "T1", channelId), addDays("2026-03-01", i)))
      .filter((r) => r !== undefined);
    const openers = delivered.filter((d) => d.opener);
    const allowedOpeners = runs.length + openers.filter((d) => d.unacknowledged).length;
    if (openers.length > allowedOpeners)
      problems.push(`${channelId}: ${openers.length} openers for ${runs.length} days`);
    if (channelId === "GONE") continue;
    for (const run of runs) {
      if (run.state !== "posted") problems.push(`${channelId} ${run.day}: ${run.state} (${run.error})`);
      for (const id of run.paperIds)
        if (!perPaper.has(id)) problems.push(`${channelId} ${run.day}: paper ${id} never posted`);
    }
    if (runs.length !== days) problems.push(`${channelId}: ${runs.length} digests in ${days} days`);
  }
  return problems;
}

describe("exactly-once digests under faults", () => {
  const days = sized(5, 120);
  const seed = Number(process.env.DIGEST_SEED) || 9;

  it(
    "posts every channel's digest once a day through restarts, 429s, 5xx and timeouts, resuming, never from the top",
    async () => {
      const sim = await simulate({
        days,
        seed,
        faultRate: 0.15,
        faults: ["429", "5xx", "timeout-before", "timeout-after", "crash-after"],
        goneOnDay: 4,
      });
      expect(check(sim, days)).toEqual([]);
      expect(sim.restarts).toBeGreaterThanOrEqual(days * 3);
      recordFigure("digest days simulated", days);
      recordFigure("digest restarts", sim.restarts);
      recordFigure("digest messages delivered", sim.platform.deliveries.length);
    },
    sized(30_000, 600_000),
  );

  it(
    "without ambiguous timeouts, every message is posted exactly once",
    async () => {
      const sim = await simulate({
        days: sized(3, 60),
        seed: seed + 1,
        faultRate: 0.2,
        faults: ["429", "5xx", "timeout-before"],
      });
      expect(check(sim, sized(3, 60))).toEqual([]);
      for (const { channelId } of CHANNELS) {
        const papers = sim.platform.deliveries
          .filter((d) => d.channelId === channelId && d.paperId)
          .map((d) => d.paperId);
        expect(new Set(papers).size).toBe(papers.length);
      }
    },
    sized(30_000, 600_000),
  );

  it("stops posting to a vanished channel after one clear log line, without holding up the others", async () => {
    const sim = await simulate({ days: 3, seed, faultRate: 0, faults: [], goneOnDay: 1 });
    expect(sim.store.subscription(channelKey("slack", "T1", "GONE"))).toBeUndefined();
    expect(sim.platform.postsToGone).toBe(1);
    const turnedOff = sim.logs.filter((line) =>
      line.includes("slack:T1:GONE is gone; its digest is turned off"),
    );
    expect(turnedOff).toHaveLength(1);
    expect(check(sim, 3)).toEqual([]);
  });

  it("rides out a platform outage longer than the retries' first minutes, still posting that day once", async () => {
    let down = true;
    const sim = await (async () => {
      const platform = new FlakyPlatform(() => (down ? "5xx" : "ok"));
      // Stored the day before: a digest offers what arrived in the week before it.
      const arrived = summarizedSeedPapers().map((p) => ({
        ...p,
        sightings: p.sightings.map((s) => ({ ...s, seenAt: "2026-03-01T00:00:00.000Z" })),
      }));
      const store = await LowStore.inMemory(arrived);
      const { log } = memoryLogger();
      const deps: SchedulerDeps = {
        store,
        search: createPaperSearch(store.corpus.all()),
        settings: testSettings(),
        log,
        ports: { slack: platform },
      };
      await store.putSubscription(CHANNELS[0] as Subscription);
      const start = Date.parse("2026-03-02T08:59:00Z");
      for (let t = start; t < start + 3 * 60 * MINUTE; t += MINUTE) {
        // Slack is down for 20 minutes from the post time.
        down = t < Date.parse("2026-03-02T09:20:00Z");
        await runDueDigests(deps, new Date(t));
      }
      return { platform, store };
    })();
    const run = sim.store.digestRun(channelKey("slack", "T1", "UTC"), "2026-03-02");
    expect(run).toMatchObject({ state: "posted", postedCount: 2 });
    expect(sim.platform.deliveries.filter((d) => d.opener)).toHaveLength(1);
    // Backed off, not hammered: a handful of attempts in 20 minutes of outage.
    expect(run?.attempts).toBeLessThanOrEqual(8);
  });
});
