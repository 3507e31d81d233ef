// Three bot replicas on one PostgreSQL: 30 simulated days of digests for 50 channels, saves from all of them,
// one replica killed at random moments and replaced. Every digest is posted once and no save is lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatPort, MessageRef, Place, Reply } from "../../src/chat/port.js";
import { createPaperSearch } from "../../src/core.js";
import { runDueDigests, type SchedulerDeps } from "../../src/digest/scheduler.js";
import { channelKey } from "../../src/places.js";
import { PgStore } from "../../src/store/postgres/pg-store.js";
import { type Subscription, saveKey } from "../../src/store/records.js";
import type { Store } from "../../src/store/store.js";
import { addDays, localTime, zonedInstant } from "../../src/time/zoned-time.js";
import { memoryLogger, summarizedSeedPapers, testSettings } from "../helpers/core.js";
import {
  createDatabase,
  postgresAvailable,
  startTestPostgres,
  type TestPostgres,
} from "../helpers/postgres.js";

const DAYS = Number(process.env.REPLICA_DAYS ?? 30);
const FIRST_DAY = "2026-03-01";
const CHANNELS = 50;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"];
const TIMES = ["08:00", "09:00"];
/**
 * Ticks at each post time and after it, in minutes. Kills are armed only at the first: the later ticks
 * come after a dead replica's 10-minute lease, so another replica resumes its half-posted days.
 */
const TICK_OFFSETS = [0, 12];
const MINUTE = 60_000;

/** A small seeded PRNG (mulberry32), so a failing run can be replayed with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Delivered {
  channelId: string;
  at: Date;
  /** The paper on it, or undefined for the day's header (or nothing-new notice). */
  paperId: string | undefined;
}

class Killed extends Error {
  constructor() {
    super("this replica was killed");
  }
}

/** How the armed kill strikes: before the operation happens, or after it took effect but before it returned. */
type KillMode = "before" | "after";

interface Replica {
  name: string;
  store: PgStore;
  deps: SchedulerDeps;
  dead: boolean;
  /** Operations (posts and store writes) left before this replica dies, when a kill is armed. */
  killIn: number | undefined;
  killMode: KillMode;
  skewMs: number;
  /** The last message the platform accepted from it, for telling which one a kill left unrecorded. */
  lastDelivered: Delivered | undefined;
}

const WRITES = new Set([
  "putPapers",
  "addSave",
  "removeSave",
  "putSubscription",
  "removeSubscription",
  "recordPost",
  "putDigestRun",
  "claimDigestRun",
  "putSourceStatus",
]);

function subscriptionOf(i: number): Subscription {
  const channelId = `C${String(i).padStart(2, "0")}`;
  const workspaceId = `T${i % 5}`;
  return {
    channel: channelKey("slack", workspaceId, channelId),
    platform: "slack",
    workspaceId,
    channelId,
    time: TIMES[i % TIMES.length] as string,
    timeZone: ZONES[Math.floor(i / TIMES.length) % ZONES.length] as string,
    size: 3,
    topics: [],
    excluded: [],
    createdBy: "U0",
    createdAt: "2026-02-27T00:00:00Z",
  };
}

describe.runIf(postgresAvailable())("three replicas on one PostgreSQL", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("posts every digest once through kills, and loses no save", async () => {
    const seed = Number(process.env.REPLICA_SEED ?? Date.now() % 100_000);
    const rand = random(seed);
    const url = await createDatabase(server, "replicas");

    const papers = summarizedSeedPapers();
    const subscriptions = Array.from({ length: CHANNELS }, (_, i) => subscriptionOf(i));
    const setup = await PgStore.open(url, { pollMs: 0 });
    await setup.putPapers(papers);
    for (const s of subscriptions) await setup.putSubscription(s);
    await setup.close();

    // The platform every replica posts to: one log, whoever posted.
    const delivered: Delivered[] = [];
    /** Messages the platform accepted from a replica that died before it could record them. */
    const lostAcks: Delivered[] = [];
    let messageIds = 0;
    const kills = { before: 0, after: 0, betweenTicks: 0 };

    const strike = (replica: Replica): boolean => {
      if (replica.dead) throw new Killed();
      if (replica.killIn === undefined) return false;
      replica.killIn -= 1;
      return replica.killIn <= 0;
    };

    const portOf = (replica: Replica, clock: { now: Date }): ChatPort => ({
      platform: "slack",
      async start() {},
      async stop() {},
      async post(place: Place, reply: Reply): Promise<MessageRef> {
        const dies = strike(replica);
        if (dies && replica.killMode === "before") {
          replica.dead = true;
          kills.before += 1;
          throw new Killed();
        }
        const message = { channelId: place.channelId, at: clock.now, paperId: reply.cards?.[0]?.id };
        delivered.push(message);
        replica.lastDelivered = message;
        if (dies) {
          replica.dead = true;
          kills.after += 1;
          lostAcks.push(message);
          throw new Killed();
        }
        return { ...place, messageId: `m${++messageIds}` };
      },
    });

    /** The replica's view of its store: once it is dead, nothing it starts reaches the database. */
    const guarded = (replica: Replica, store: PgStore): Store =>
      new Proxy(store, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof value !== "function") return value;
          if (!WRITES.has(String(property))) return value.bind(target);
          return async (...args: unknown[]) => {
            const dies = strike(replica);
            if (dies && replica.killMode === "before") {
              replica.dead = true;
              kills.before += 1;
              // Dying just before recording a post leaves a message the platform accepted unrecorded.
              if (property === "recordPost" && replica.lastDelivered) lostAcks.push(replica.lastDelivered);
              throw new Killed();
            }
            const result = await value.apply(target, args);
            if (dies || replica.dead) {
              replica.dead = true;
              if (dies) kills.after += 1;
              throw new Killed();
            }
            return result;
          };
        },
      }) as Store;

    let started = 0;
    const clocks = new Map<string, { now: Date }>();
    const startReplica = async (skewMs: number): Promise<Replica> => {
      const name = `r${++started}`;
      const store = await PgStore.open(url, { pollMs: 0, poolSize: 4, owner: name });
      const clock = { now: new Date(0) };
      clocks.set(name, clock);
      const replica: Replica = {
        name,
        store,
        dead: false,
        killIn: undefined,
        killMode: "before",
        skewMs,
        lastDelivered: undefined,
        deps: undefined as unknown as SchedulerDeps,
      };
      const search = createPaperSearch(store.corpus.all());
      store.onPapersChanged((changed) => search.index(changed));
      replica.deps = {
        store: guarded(replica, store),
        search,
        settings: testSettings(),
        log: memoryLogger().log,
        ports: { slack: portOf(replica, clock) },
      };
      return replica;
    };
    const replicas = [await startReplica(0), await startReplica(4_000), await startReplica(9_000)];

    // Every tick: each post time of each local day, and a few minutes after.
    const ticks = new Map<number, boolean>();
    for (let d = 0; d < DAYS; d++) {
      for (const zone of ZONES) {
        for (const time of TIMES) {
          const due = zonedInstant(addDays(FIRST_DAY, d), time, zone).getTime();
          for (const offset of TICK_OFFSETS) {
            const at = due + offset * MINUTE;
            ticks.set(at, (ticks.get(at) ?? true) && offset === 0);
          }
        }
      }
    }
    const tickTimes = [...ticks.keys()].sort((a, b) => a - b);

    const acked = new Map<string, { workspace: string; userId: string; paperId: string; added: boolean }[]>();
    const randomSave = (at: Date) => {
      const paper = papers[Math.floor(rand() * papers.length)];
      return {
        // Half in workspaces with no digest, so ranking (which reads every save of a workspace) stays cheap.
        workspace: `slack:T${Math.floor(rand() * 10)}`,
        userId: `U${Math.floor(rand() * 8)}`,
        paperId: paper?.id ?? "none",
        savedAt: at.toISOString(),
      };
    };

    let tick = 0;
    for (const t of tickTimes) {
      tick += 1;
      // Arm a kill now and then, on a replica chosen at random, to strike within its next few operations.
      if (ticks.get(t) && rand() < 0.08) {
        const victim = replicas[Math.floor(rand() * replicas.length)] as Replica;
        victim.killIn = 1 + Math.floor(rand() * 12);
        victim.killMode = rand() < 0.5 ? "before" : "after";
      }
      await Promise.all(
        replicas.map(async (replica) => {
          const now = new Date(t + replica.skewMs);
          (clocks.get(replica.name) as { now: Date }).now = now;
          // What the replica's change poller would have pulled in since its last tick.
          await replica.store.refresh();
          // Saves feed the digest's ranking (team interest), whose cost grows with them: a few per tick.
          const saving = Array.from({ length: tick % 2 }, async () => {
            const save = randomSave(now);
            try {
              const added = await replica.deps.store.addSave(save);
              const key = saveKey(save.workspace, save.userId, save.paperId);
              acked.set(key, [...(acked.get(key) ?? []), { ...save, added }]);
            } catch (error) {
              if (!(error instanceof Killed)) throw error;
            }
          });
          await Promise.all([runDueDigests(replica.deps, now), ...saving]);
        }),
      );
      // A kill armed but not struck during the tick strikes between ticks; the dead are replaced.
      for (const [i, replica] of replicas.entries()) {
        if (replica.killIn !== undefined && !replica.dead) {
          replica.dead = true;
          kills.betweenTicks += 1;
        }
        if (!replica.dead) continue;
        void replica.store.close();
        replicas[i] = await startReplica(replica.skewMs);
      }
    }

    const killCount = kills.before + kills.after + kills.betweenTicks;
    const check = await PgStore.open(url, { pollMs: 0 });
    try {
      // Every (channel, day) posted: its header once, each of its papers once. A message the platform
      // accepted from a replica that died before recording it is the one thing that may repeat, once.
      const mayRepeat = new Set(
        lostAcks.map((m) => {
          const s = subscriptions.find((x) => x.channelId === m.channelId) as Subscription;
          return `${m.channelId} ${localTime(m.at, s.timeZone).day} ${m.paperId ?? "header"}`;
        }),
      );
      const counts = new Map<string, number>();
      for (const m of delivered) {
        const s = subscriptions.find((x) => x.channelId === m.channelId) as Subscription;
        const key = `${m.channelId} ${localTime(m.at, s.timeZone).day} ${m.paperId ?? "header"}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      let repeats = 0;
      for (const [key, n] of counts) {
        if (n > 1) repeats += n - 1;
        expect(n, key).toBeLessThanOrEqual(mayRepeat.has(key) ? 2 : 1);
      }
      expect(repeats).toBeLessThanOrEqual(lostAcks.length);
      let days = 0;
      for (const s of subscriptions) {
        for (let d = 0; d < DAYS; d++) {
          const day = addDays(FIRST_DAY, d);
          const run = check.digestRun(s.channel, day);
          expect(run?.state, `${s.channel} ${day}`).toBe("posted");
          expect(
            counts.get(`${s.channelId} ${day} header`),
            `${s.channel} ${day} header`,
          ).toBeGreaterThanOrEqual(1);
          for (const paperId of run?.paperIds ?? []) {
            expect(
              counts.get(`${s.channelId} ${day} ${paperId}`),
              `${s.channel} ${day} ${paperId}`,
            ).toBeGreaterThanOrEqual(1);
          }
          days += 1;
        }
      }
      expect(days).toBe(DAYS * CHANNELS);

      // No acknowledged save lost; each saved once (at most one replica was told "saved" per save).
      for (const [key, acks] of acked) {
        const first = acks[0] as (typeof acks)[number];
        expect(acks.filter((a) => a.added).length, key).toBeLessThanOrEqual(1);
        expect(
          check.savesOf(first.workspace, first.userId).some((s) => s.paperId === first.paperId),
          key,
        ).toBe(true);
      }
      // Every live replica sees every save, whichever replica made it.
      const all = (store: Store) =>
        Array.from({ length: 10 }, (_, w) => w)
          .flatMap((w) => store.savesIn(`slack:T${w}`).map((s) => saveKey(s.workspace, s.userId, s.paperId)))
          .sort();
      for (const replica of replicas) {
        await replica.store.refresh();
        expect(all(replica.store)).toEqual(all(check));
      }

      if (DAYS >= 30) expect(killCount, `seed ${seed}`).toBeGreaterThanOrEqual(3);
      console.info(
        `replicas (seed ${seed}): ${tickTimes.length} ticks, ${days} channel-days, ${delivered.length} messages, ` +
          `${killCount} kills (${kills.before} before an operation, ${kills.after} after it took effect, ` +
          `${kills.betweenTicks} between ticks), ${lostAcks.length} accepted-but-unrecorded posts, ${repeats} repeated, ` +
          `${acked.size} distinct saves acknowledged`,
      );
    } finally {
      await check.close();
      for (const replica of replicas) await replica.store.close();
    }
  }, 120_000);
});
