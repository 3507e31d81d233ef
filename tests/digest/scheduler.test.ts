import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PostError } from "../../src/chat/port.js";
import { runDueDigests } from "../../src/digest/scheduler.js";
import { channelKey } from "../../src/places.js";
import { localTime, zonedInstant } from "../../src/time/zoned-time.js";
import { FakePort, type PostRecord, testSubscription } from "../helpers/core.js";
import { digestWorld, schedulerClock } from "../helpers/digest-world.js";

const MINUTE = 60_000;

const subscription = testSubscription;

const runClock = schedulerClock(runDueDigests, 5);

/** The first message of each day's digest (the header or the nothing-new notice). */
function openers(port: FakePort, channelId: string): PostRecord[] {
  return port.postsIn(channelId).filter((p) => !p.reply.cards);
}

describe("the digest scheduler", () => {
  it("posts once a day for 30+ days in three time zones, across DST changes, at the chosen local time", async () => {
    const w = await digestWorld();
    const zones = [
      subscription("NY", "02:30", "America/New_York"),
      subscription("BER", "02:30", "Europe/Berlin"),
      subscription("SYD", "02:30", "Australia/Sydney"),
    ];
    for (const s of zones) await w.store.putSubscription(s);
    // Spans New York's (Mar 8), Berlin's (Mar 29) and Sydney's (Apr 5) clock changes.
    await runClock(w, "2026-03-01T00:00:00Z", "2026-04-10T00:00:00Z", 10);
    for (const s of zones) {
      const posts = openers(w.port, s.channelId);
      const days = posts.map((p) => localTime(p.at, s.timeZone).day);
      expect(new Set(days).size, s.timeZone).toBe(days.length);
      expect(days.length, s.timeZone).toBeGreaterThanOrEqual(39);
      for (const post of posts) {
        const due = zonedInstant(localTime(post.at, s.timeZone).day, s.time, s.timeZone);
        const late = post.at.getTime() - due.getTime();
        expect(late, `${s.timeZone} ${post.at.toISOString()}`).toBeGreaterThanOrEqual(0);
        expect(late).toBeLessThan(10 * MINUTE);
      }
      // Every day has its run, posted; no day skipped.
      for (
        let t = Date.parse("2026-03-02T00:00:00Z");
        t < Date.parse("2026-04-09T00:00:00Z");
        t += 86_400_000
      ) {
        const day = new Date(t).toISOString().slice(0, 10);
        expect(w.store.digestRun(s.channel, day)?.state, `${s.timeZone} ${day}`).toBe("posted");
      }
    }
  });

  it("posts each paper in its own message, recorded so a reaction on it saves", async () => {
    const w = await digestWorld({ arrived: "2026-05-01" });
    const s = subscription("C1", "09:00", "UTC");
    await w.store.putSubscription(s);
    await runClock(w, "2026-05-01T08:55:00Z", "2026-05-01T09:10:00Z");
    const posts = w.port.postsIn("C1");
    expect(posts).toHaveLength(3);
    expect(posts[0]?.reply.text).toMatch(/Today's 2 paper highlights/);
    for (const post of posts.slice(1)) {
      expect(post.reply.cards).toHaveLength(1);
      expect(w.store.findPost(post.ref)?.paperIds).toEqual([post.reply.cards?.[0]?.id]);
    }
  });

  it("never posts twice when restarted before, during or after the hour", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-sched-"));
    const port = new FakePort();
    let w = await digestWorld({ dir, port, arrived: "2026-06-01" });
    await w.store.putSubscription(subscription("C1", "09:00", "Europe/Berlin"));
    // Before the hour: run, then restart (a new store on the same files).
    await runClock(w, "2026-06-01T06:00:00Z", "2026-06-01T06:55:00Z");
    w = await digestWorld({ dir, port, arrived: "2026-06-01" });
    // During: the process dies after the header and one paper were posted.
    let posted = 0;
    port.failWith = () => {
      posted += 1;
      if (posted === 3) throw new Error("killed mid-digest");
    };
    await runClock(w, "2026-06-01T07:00:00Z", "2026-06-01T07:00:00Z");
    expect(w.port.postsIn("C1")).toHaveLength(2);
    port.failWith = undefined;
    w = await digestWorld({ dir, port, arrived: "2026-06-01" });
    await runClock(w, "2026-06-01T07:05:00Z", "2026-06-01T09:00:00Z");
    // After: restart again later the same day.
    w = await digestWorld({ dir, port, arrived: "2026-06-01" });
    await runClock(w, "2026-06-01T12:00:00Z", "2026-06-01T12:30:00Z");
    const posts = port.postsIn("C1");
    expect(posts).toHaveLength(3);
    const paperIds = posts.flatMap((p) => p.reply.cards?.map((c) => c.id) ?? []);
    expect(new Set(paperIds).size).toBe(2);
    expect(w.store.digestRun(channelKey("slack", "T1", "C1"), "2026-06-01")).toMatchObject({
      state: "posted",
      postedCount: 2,
    });
  });

  it("catches up once after downtime within the allowed lateness, and skips a day missed by more", async () => {
    const w = await digestWorld({ arrived: "2026-07-01" });
    await w.store.putSubscription(subscription("C1", "09:00", "UTC"));
    // Down from 08:00 to 11:00: one post at 11:00.
    await runClock(w, "2026-07-01T11:00:00Z", "2026-07-01T12:00:00Z");
    expect(openers(w.port, "C1").map((p) => p.at.toISOString())).toEqual(["2026-07-01T11:00:00.000Z"]);
    // Down the next day until 16:00, past the 6 hours of allowed lateness: nothing that day.
    await runClock(w, "2026-07-02T16:00:00Z", "2026-07-02T23:55:00Z");
    expect(openers(w.port, "C1")).toHaveLength(1);
    // And the day after is normal again.
    await runClock(w, "2026-07-03T08:50:00Z", "2026-07-03T09:10:00Z");
    expect(openers(w.port, "C1")).toHaveLength(2);
  });

  it("keeps posting to a working channel when another one fails, and turns off a vanished channel", async () => {
    const w = await digestWorld({ arrived: "2026-08-01" });
    await w.store.putSubscription(subscription("GONE", "09:00", "UTC"));
    await w.store.putSubscription(subscription("OK", "09:00", "UTC"));
    w.port.failWith = (place) => {
      if (place.channelId === "GONE")
        throw new PostError("channel_not_found: the channel is gone", "channel-gone");
    };
    await runClock(w, "2026-08-01T08:55:00Z", "2026-08-01T09:30:00Z");
    expect(w.port.postsIn("OK")).toHaveLength(3);
    expect(w.port.postsIn("GONE")).toHaveLength(0);
    expect(w.store.subscription(channelKey("slack", "T1", "GONE"))).toBeUndefined();
    expect(w.logs().some((line) => line.includes("slack:T1:GONE is gone; its digest is turned off"))).toBe(
      true,
    );
  });

  it("retries a rate-limited post on the next tick, resuming without repeating what was posted", async () => {
    const w = await digestWorld({ arrived: "2026-08-01" });
    await w.store.putSubscription(subscription("C1", "09:00", "UTC"));
    let calls = 0;
    w.port.failWith = () => {
      calls += 1;
      if (calls === 2) throw new PostError("ratelimited", "rate-limited", 1000);
    };
    await runClock(w, "2026-08-01T09:00:00Z", "2026-08-01T09:10:00Z");
    const posts = w.port.postsIn("C1");
    expect(posts).toHaveLength(3);
    expect(posts.filter((p) => !p.reply.cards)).toHaveLength(1);
  });

  it("never has a silent day: says so when there is nothing new", async () => {
    const w = await digestWorld({ arrived: "2026-09-01" });
    const s = subscription("C1", "09:00", "UTC");
    await w.store.putSubscription(s);
    // Every paper has already been shown in this channel.
    for (const paper of w.store.corpus.all()) {
      await w.store.recordPost({
        ref: { platform: "slack", workspaceId: "T1", channelId: "C1", messageId: `old-${paper.id}` },
        paperIds: [paper.id],
        postedAt: "2026-01-01T00:00:00Z",
        kind: "digest",
      });
    }
    await runClock(w, "2026-09-01T09:00:00Z", "2026-09-01T09:05:00Z");
    const posts = w.port.postsIn("C1");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.reply.text).toMatch(/Nothing new to highlight.*I'll look again 2026-09-02 at 09:00/);
  });
});
