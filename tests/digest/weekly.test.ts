// The weekly team digest: once per channel per week across restarts, a DST change and catch-up; what it holds; its "more" button.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, PostError, type Reply } from "../../src/chat/port.js";
import { composeWeekly, splitWeekly, type WeeklyEntry } from "../../src/digest/weekly-compose.js";
import { weeklyFollowedMatches } from "../../src/digest/weekly-followed.js";
import { isoWeekKey, weeklyRunChannel } from "../../src/digest/weekly-key.js";
import { WEEKLY_MESSAGE_CARDS } from "../../src/digest/weekly-message.js";
import { runDueWeeklies } from "../../src/digest/weekly-scheduler.js";
import { parseMute } from "../../src/follows/mutes.js";
import type { Paper } from "../../src/papers/paper.js";
import { channelKey } from "../../src/places.js";
import type { WeeklySchedule } from "../../src/store/records.js";
import { localTime } from "../../src/time/zoned-time.js";
import { FakePort, seededCore } from "../helpers/core.js";
import { type DigestWorld, digestWorld, schedulerClock } from "../helpers/digest-world.js";

const _MINUTE = 60_000;

function weekly(channelId: string, weekday: number, time: string, timeZone: string): WeeklySchedule {
  return {
    channel: channelKey("slack", "T1", channelId),
    platform: "slack",
    workspaceId: "T1",
    channelId,
    weekday,
    time,
    timeZone,
    createdBy: "U1",
    createdAt: "2026-01-01T00:00:00Z",
  };
}

const runClock = schedulerClock(runDueWeeklies, 10);

describe("the weekly digest's schedule", () => {
  it("posts once a week for six weeks at the local weekday and time, across DST changes (even inside the spring-forward gap)", async () => {
    const w = await digestWorld();
    // Sunday 02:30 does not exist in New York on 2026-03-08, nor in Berlin on 2026-03-29.
    const schedules = [
      weekly("NY", 7, "02:30", "America/New_York"),
      weekly("BER", 7, "02:30", "Europe/Berlin"),
    ];
    for (const s of schedules) await w.store.putWeeklySchedule(s);
    await runClock(w, "2026-03-01T00:00:00Z", "2026-04-12T00:00:00Z");
    for (const s of schedules) {
      const posts = w.port.postsIn(s.channelId);
      const weeks = posts.map((p) => isoWeekKey(localTime(p.at, s.timeZone).day));
      expect(weeks, s.timeZone).toEqual([
        "2026-W09",
        "2026-W10",
        "2026-W11",
        "2026-W12",
        "2026-W13",
        "2026-W14",
      ]);
      for (const post of posts) {
        const local = localTime(post.at, s.timeZone);
        expect(new Date(`${local.day}T00:00:00Z`).getUTCDay(), `${s.timeZone} ${post.at.toISOString()}`).toBe(
          0,
        );
        // 02:30, or 03:30 the night the clocks skip it; a tick every ten minutes.
        expect(local.time >= "02:30" && local.time < "03:40", `${s.timeZone} ${local.time}`).toBe(true);
      }
      for (const week of weeks)
        expect(w.store.digestRun(weeklyRunChannel(s.channel), week)?.state).toBe("posted");
    }
    // The daily digest's runs are not touched by the weekly ones.
    expect(w.store.lastDigestRun(schedules[0]?.channel as string)).toBeUndefined();
  });

  it("never posts a week twice across restarts before, during (a crash after the post) and after", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-weekly-"));
    const port = new FakePort();
    let w = await digestWorld({ dir, port, arrived: "2026-06-01" });
    await w.store.putWeeklySchedule(weekly("C1", 1, "09:00", "Europe/Berlin"));
    await runClock(w, "2026-06-01T05:00:00Z", "2026-06-01T06:50:00Z");
    expect(port.posts).toHaveLength(0);
    // Restart, then die right after the platform took the message and it was recorded, before the run says so.
    w = await digestWorld({ dir, port, arrived: "2026-06-01" });
    const putDigestRun = w.store.putDigestRun.bind(w.store);
    let dying = true;
    w.store.putDigestRun = async (run) => {
      if (dying && run.state === "posted") throw new Error("killed after posting");
      return putDigestRun(run);
    };
    await runClock(w, "2026-06-01T07:00:00Z", "2026-06-01T07:00:00Z");
    expect(port.posts).toHaveLength(1);
    dying = false;
    // A new process finds the half-finished week and the recorded message: it marks the week done.
    w = await digestWorld({ dir, port, arrived: "2026-06-01" });
    await runClock(w, "2026-06-01T07:10:00Z", "2026-06-01T12:00:00Z");
    w = await digestWorld({ dir, port, arrived: "2026-06-01" });
    await runClock(w, "2026-06-03T07:10:00Z", "2026-06-03T08:00:00Z");
    expect(port.posts).toHaveLength(1);
    expect(w.store.digestRun(weeklyRunChannel(channelKey("slack", "T1", "C1")), "2026-W23")).toMatchObject({
      state: "posted",
      attempts: 2,
    });
  });

  it("catches up once after downtime within the allowed lateness, and skips a week missed by more", async () => {
    const w = await digestWorld({ arrived: "2026-07-01" });
    await w.store.putWeeklySchedule(weekly("C1", 3, "09:00", "UTC"));
    // Wednesday 2026-07-01: down from 08:00 to 11:00, one post at 11:00.
    await runClock(w, "2026-07-01T11:00:00Z", "2026-07-01T13:00:00Z");
    expect(w.port.postsIn("C1").map((p) => p.at.toISOString())).toEqual(["2026-07-01T11:00:00.000Z"]);
    // The next Wednesday: down until 16:00, past the 6 hours allowed: nothing that week.
    await runClock(w, "2026-07-08T16:00:00Z", "2026-07-08T23:50:00Z");
    expect(w.port.postsIn("C1")).toHaveLength(1);
    await runClock(w, "2026-07-15T08:50:00Z", "2026-07-15T09:10:00Z");
    expect(w.port.postsIn("C1")).toHaveLength(2);
  });

  it("retries a failed post after a backoff and turns the weekly off in a vanished channel", async () => {
    const w = await digestWorld({ arrived: "2026-08-01" });
    await w.store.putWeeklySchedule(weekly("BUSY", 1, "09:00", "UTC"));
    await w.store.putWeeklySchedule(weekly("GONE", 1, "09:00", "UTC"));
    let refusals = 1;
    w.port.failWith = (place) => {
      if (place.channelId === "GONE") throw new PostError("channel_not_found", "channel-gone");
      if (refusals-- > 0) throw new PostError("ratelimited", "rate-limited", 0);
    };
    await runClock(w, "2026-08-03T09:00:00Z", "2026-08-03T09:30:00Z", 1);
    expect(w.port.postsIn("BUSY")).toHaveLength(1);
    expect(w.port.postsIn("BUSY")[0]?.at.toISOString()).toBe("2026-08-03T09:01:00.000Z");
    expect(w.store.weeklySchedule(channelKey("slack", "T1", "GONE"))).toBeUndefined();
    expect(w.logs().some((l) => l.includes("its weekly digest is turned off"))).toBe(true);
  });
});

describe("what the weekly digest holds", () => {
  const workspace = "slack:T1";
  const channel = channelKey("slack", "T1", "C1");
  const from = new Date("2026-05-04T09:00:00Z");
  const to = new Date("2026-05-11T09:00:00Z");

  async function weekWorld(): Promise<DigestWorld> {
    return digestWorld({ arrived: "2026-05-06" });
  }

  it("lists the week's most saved papers with who saved them, never a mention, and skips saves outside the week", async () => {
    const w = await weekWorld();
    const [a, b, c] = [...w.store.corpus.all()].map((p) => p.id);
    const save = (userId: string, paperId: string | undefined, savedAt: string) =>
      w.store.addSave({ workspace, userId, paperId: paperId as string, savedAt });
    await save("U1", a, "2026-05-05T10:00:00Z");
    await save("U2", a, "2026-05-06T10:00:00Z");
    await save("U3", b, "2026-05-07T10:00:00Z");
    await save("U4", c, "2026-05-01T10:00:00Z"); // the week before
    const entries = composeWeekly(w.deps, { workspace, channel, from, to, followed: [] });
    const saved = entries.filter((e) => e.section === "saved");
    expect(saved.map((e) => e.paperId)).toEqual([a, b]);
    expect(saved[0]?.reason).toBe("🔖 saved by 2 people this week: U1, U2");
    expect(saved[1]?.reason).toBe("🔖 saved by 1 person this week: U3");
    for (const e of entries) expect(e.reason).not.toMatch(/<@|<!|@everyone|@here/);
    // Nobody's saved paper is among the new ones.
    const fresh = entries.filter((e) => e.section === "new").map((e) => e.paperId);
    for (const id of [a, b, c]) expect(fresh).not.toContain(id);
    expect(fresh.length).toBeGreaterThan(0);
  });

  it("ranks the week's unsaved arrivals by the team's taste, leaving out dismissed and earlier papers", async () => {
    const w = await weekWorld();
    const ids = [...w.store.corpus.all()].map((p) => p.id);
    await w.store.addDismissal({
      workspace,
      userId: "U1",
      paperId: ids[0] as string,
      dismissedAt: "2026-05-05T00:00:00Z",
    });
    const entries = composeWeekly(w.deps, { workspace, channel, from, to, followed: [] });
    expect(entries.every((e) => e.section === "new")).toBe(true);
    expect(entries.map((e) => e.paperId)).not.toContain(ids[0]);
    expect(entries[0]?.reason).toMatch(/^✨ new, nobody here saved it yet/);
    // A week in which nothing arrived has nothing new.
    const before = composeWeekly(w.deps, {
      workspace,
      channel,
      from: new Date("2026-04-20T09:00:00Z"),
      to: new Date("2026-04-27T09:00:00Z"),
      followed: [],
    });
    expect(before).toEqual([]);
  });

  it("adds the channel's followed matches once, with why, and nothing when it follows nothing", async () => {
    const w = await weekWorld();
    const paper = [...w.store.corpus.all()].find((p) => p.authors.length > 0) as Paper;
    const author = paper.authors[0] as string;
    await w.store.putFollow({
      channel,
      key: `author:"${author.toLowerCase()}"`,
      query: `author:"${author}"`,
      alert: false,
      createdBy: "U1",
      createdAt: "2026-05-01T00:00:00Z",
    });
    const followed = weeklyFollowedMatches(w.store, channel, from, to);
    expect(followed.map((m) => m.paper.id)).toContain(paper.id);
    expect(weeklyFollowedMatches(w.store, channelKey("slack", "T1", "C2"), from, to)).toEqual([]);
    const entries = composeWeekly(w.deps, { workspace, channel, from, to, followed });
    const listed = entries.map((e) => e.paperId);
    expect(new Set(listed).size).toBe(listed.length);
    const followedEntries = entries.filter((e) => e.section === "followed");
    for (const e of followedEntries) expect(e.reason).toMatch(/^👀 follows: author/);
  });

  it("leaves out what the channel muted, from every section", async () => {
    const w = await weekWorld();
    const top = [...w.store.corpus.all()].find((p) => p.authors.length > 0) as Paper;
    const author = top.authors[0] as string;
    await w.store.addSave({ workspace, userId: "U1", paperId: top.id, savedAt: "2026-05-05T10:00:00Z" });
    expect(composeWeekly(w.deps, { workspace, channel, from, to, followed: [] })[0]).toMatchObject({
      paperId: top.id,
      section: "saved",
    });
    const request = parseMute(`author:"${author}"`);
    await w.store.addMute({ channel, ...request, createdBy: "U1", createdAt: "2026-05-01T00:00:00Z" });
    const after = composeWeekly(w.deps, { workspace, channel, from, to, followed: [] });
    expect(after.map((e) => e.paperId)).not.toContain(top.id);
    for (const e of after) expect(w.store.corpus.find(e.paperId)?.authors).not.toContain(author);
  });

  it("shows an equal share of each section first and keeps the rest for 'more'", () => {
    const of = (section: WeeklyEntry["section"], n: number) =>
      Array.from({ length: n }, (_, i) => ({ paperId: `${section}${i}`, section, reason: "" }));
    const entries = [...of("saved", 10), ...of("new", 10), ...of("followed", 2)];
    const { shown, rest } = splitWeekly(entries, 9);
    expect(shown.map((e) => e.paperId)).toEqual([
      "saved0",
      "saved1",
      "saved2",
      "saved3",
      "new0",
      "new1",
      "new2",
      "followed0",
      "followed1",
    ]);
    expect(rest).toHaveLength(13);
    expect(new Set([...shown, ...rest]).size).toBe(entries.length);
    expect(splitWeekly(of("new", 4), 9)).toEqual({ shown: of("new", 4), rest: [] });
  });
});

describe("the weekly message and its 'more' button", () => {
  it("posts one message of at most nine numbered papers, records them for reactions, and shows the rest through 'more'", async () => {
    const w = await digestWorld({ arrived: "2026-05-06" });
    const ids = [...w.store.corpus.all()].map((p) => p.id);
    // Twelve people each save a different paper: twelve "most saved" entries, more than one message holds.
    for (let i = 0; i < 12; i++)
      await w.store.addSave({
        workspace: "slack:T1",
        userId: `U${i}`,
        paperId: ids[i] as string,
        savedAt: "2026-05-07T10:00:00Z",
      });
    await w.store.putWeeklySchedule(weekly("C1", 1, "09:00", "UTC"));
    await runClock(w, "2026-05-11T09:00:00Z", "2026-05-11T09:30:00Z");
    const [post] = w.port.postsIn("C1");
    const reply = post?.reply as Reply;
    expect(reply.cards?.length).toBe(WEEKLY_MESSAGE_CARDS);
    expect(reply.cards?.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(w.store.findPost(post?.ref as never)?.paperIds).toEqual(reply.cards?.map((c) => c.id));
    const more = reply.buttons?.find((b) => b.action === ACTIONS.weeklyMore);
    const run = w.store.digestRun(weeklyRunChannel(channelKey("slack", "T1", "C1")), "2026-W20");
    expect(more?.label).toBe(`${(run?.paperIds.length ?? 0) - 9} more papers`);
    // The button, pressed in the channel, answers privately with the rest.
    const core = await seededCore({ store: w.store });
    const press = async (channelId: string, value: string) => {
      const replies: Reply[] = [];
      await core.bot.handle(
        {
          type: "action",
          action: ACTIONS.weeklyMore,
          value,
          actor: { platform: "slack", workspaceId: "T1", userId: "U9" },
          place: { platform: "slack", workspaceId: "T1", channelId },
        },
        async (r) => {
          replies.push(r);
          return undefined;
        },
      );
      return replies[0] as Reply;
    };
    const rest = await press("C1", more?.value ?? "");
    expect(rest.visibility).toBe("private");
    expect(rest.cards?.map((c) => c.id)).toEqual(run?.paperIds.slice(9, 18));
    // In another channel, or with a forged value, it finds nothing and says so.
    expect((await press("C9", more?.value ?? "")).text).toMatch(/can't find that weekly digest/);
    expect((await press("C1", "2026-W20:x")).text).toMatch(/can't find that weekly digest/);
  });

  it("says so in one message when the week was quiet", async () => {
    const w = await digestWorld({ arrived: "2026-01-01" });
    await w.store.putWeeklySchedule(weekly("C1", 1, "09:00", "UTC"));
    await runClock(w, "2026-05-11T09:00:00Z", "2026-05-11T09:10:00Z");
    expect(w.port.postsIn("C1").map((p) => p.reply.text)).toEqual([
      expect.stringMatching(/^📅 Week 2026-W20: a quiet week here/),
    ]);
  });
});
