// Two bot replicas on one PostgreSQL post each channel's weekly digest exactly once a week, across a DST change and a replica that dies mid-post.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatPort, MessageRef, Place, Reply } from "../../src/chat/port.js";
import { createPaperSearch } from "../../src/core.js";
import { isoWeekKey, weeklyRunChannel } from "../../src/digest/weekly-key.js";
import { runDueWeeklies, type WeeklySchedulerDeps } from "../../src/digest/weekly-scheduler.js";
import { channelKey } from "../../src/places.js";
import { PgStore } from "../../src/store/postgres/pg-store.js";
import type { WeeklySchedule } from "../../src/store/records.js";
import { localTime, zonedInstant } from "../../src/time/zoned-time.js";
import { memoryLogger, summarizedSeedPapers, testSettings } from "../helpers/core.js";
import {
  createDatabase,
  postgresAvailable,
  startTestPostgres,
  type TestPostgres,
} from "../helpers/postgres.js";

const MINUTE = 60_000;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney"];

/** The platform both replicas post to: one list of what was delivered, and a switch to make a replica hang. */
class SharedChannels {
  readonly delivered: { channelId: string; at: Date; by: string }[] = [];
  now = new Date(0);
  private counter = 0;

  portFor(name: string, hang: () => boolean): ChatPort {
    return {
      platform: "slack",
      start: async () => undefined,
      stop: async () => undefined,
      post: (place: Place, _reply: Reply): Promise<MessageRef> => {
        // A replica that dies mid-post never hears back and never records anything again.
        if (hang()) return new Promise(() => undefined);
        this.counter += 1;
        this.delivered.push({ channelId: place.channelId, at: this.now, by: name });
        return Promise.resolve({ ...place, messageId: `w${this.counter}` });
      },
    };
  }
}

function schedule(i: number): WeeklySchedule {
  const channelId = `C${i}`;
  return {
    channel: channelKey("slack", "T1", channelId),
    platform: "slack",
    workspaceId: "T1",
    channelId,
    weekday: 7,
    time: i % 2 === 0 ? "02:30" : "09:00",
    timeZone: ZONES[i % ZONES.length] as string,
    createdBy: "U1",
    createdAt: "2026-01-01T00:00:00Z",
  };
}

describe.runIf(postgresAvailable())("weekly digests on two replicas sharing PostgreSQL", () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("posts every channel's week once, with both replicas ticking together and one dying mid-post", async () => {
    const url = await createDatabase(server, "weekly_replicas");
    const setup = await PgStore.open(url, { pollMs: 0 });
    await setup.putPapers(summarizedSeedPapers());
    const schedules = Array.from({ length: 8 }, (_, i) => schedule(i));
    for (const s of schedules) await setup.putWeeklySchedule(s);
    await setup.close();

    const channels = new SharedChannels();
    let killAt: string | undefined = "2026-03-08";
    const replicas = await Promise.all(
      ["a", "b"].map(async (name) => {
        const store = await PgStore.open(url, { pollMs: 0, poolSize: 4, owner: name });
        let dead = false;
        let die: () => void = () => undefined;
        const died = new Promise<void>((resolve) => {
          die = resolve;
        });
        const deps: WeeklySchedulerDeps = {
          store,
          search: createPaperSearch(store.corpus.all()),
          settings: testSettings(),
          log: memoryLogger().log,
          ports: {
            slack: channels.portFor(name, () => {
              // Replica a dies on its first post on the Sunday New York's clocks spring forward.
              if (name === "a" && killAt && localTime(channels.now, "UTC").day >= killAt) {
                killAt = undefined;
                dead = true;
                die();
              }
              return dead;
            }),
          },
        };
        return { name, store, deps, died, isDead: () => dead };
      }),
    );
    // Five Sundays around New York's (Mar 8), Berlin's (Mar 29) and Sydney's (Apr 5) clock changes: every
    // hour, and at each post time, a minute after and twelve minutes after (past a dead replica's lease).
    const ticks = new Set<number>();
    for (
      let t = Date.parse("2026-03-07T00:00:00Z");
      t <= Date.parse("2026-04-06T00:00:00Z");
      t += 60 * MINUTE
    ) {
      if (ZONES.some((zone) => new Date(`${localTime(t, zone).day}T00:00:00Z`).getUTCDay() === 0))
        ticks.add(t);
    }
    for (const s of schedules)
      for (const day of ["2026-03-08", "2026-03-15", "2026-03-22", "2026-03-29", "2026-04-05"]) {
        const due = zonedInstant(day, s.time, s.timeZone).getTime();
        for (const offset of [0, 1, 12]) ticks.add(due + offset * MINUTE);
      }
    for (const t of [...ticks].sort((a, b) => a - b)) {
      const now = new Date(t);
      channels.now = now;
      await Promise.all(
        replicas
          .filter((r) => !r.isDead())
          .map(async (r) => {
            await r.store.refresh();
            // A replica that dies mid-post is never awaited again, as a killed process would not be.
            await Promise.race([runDueWeeklies(r.deps, now), r.died]);
          }),
      );
    }
    const check = await PgStore.open(url, { pollMs: 0 });
    for (const s of schedules) {
      const posts = channels.delivered.filter((d) => d.channelId === s.channelId);
      const weeks = posts.map((p) => isoWeekKey(localTime(p.at, s.timeZone).day));
      expect(weeks, `${s.channelId} ${s.timeZone}`).toEqual([
        "2026-W10",
        "2026-W11",
        "2026-W12",
        "2026-W13",
        "2026-W14",
      ]);
      for (const week of weeks)
        expect(check.digestRun(weeklyRunChannel(s.channel), week)?.state, `${s.channelId} ${week}`).toBe(
          "posted",
        );
    }
    // The dead replica's half-run week was taken over by the other once its lease ran out. Which week
    // that is depends on which replica wins the race for each claim, so every week is looked at.
    expect(replicas[0]?.isDead()).toBe(true);
    const weeks = ["2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"];
    const takenOver = schedules
      .flatMap((s) => weeks.map((week) => check.digestRun(weeklyRunChannel(s.channel), week)))
      .filter((run) => (run?.attempts ?? 0) > 1);
    expect(takenOver.length).toBeGreaterThan(0);
    expect(takenOver.every((run) => run?.owner === "b" || run?.owner === undefined)).toBe(true);
    await check.close();
    for (const r of replicas) if (!r.isDead()) await r.store.close();
  }, 180_000);
});
