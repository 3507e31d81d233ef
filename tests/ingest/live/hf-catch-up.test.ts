// Hugging Face catch-up after downtime: the missed days read by `?date=`, oldest first, capped, resumable.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lastReadDay, missedDays } from "../../../src/ingest/fetch/hf-catch-up.js";
import { createLiveSources } from "../../../src/ingest/live-sources.js";
import { sourceListSchema } from "../../../src/source-config.js";
import { LowStore } from "../../../src/store/low-store.js";
import { addDays } from "../../../src/time/zoned-time.js";
import { runCliCaptured } from "../../helpers/cli.js";
import { memoryLogger, testSettings } from "../../helpers/core.js";
import { type Answer, type FeedServer, startFeedServer } from "./feed-server.js";

const FAST = { timeoutMs: 2000, retryLimit: 1, retryDelayMs: 10, minIntervalMs: 0 };

/** A listing of one paper per day (`2406.1DD01`), and for today a second one that yesterday also listed. */
function listing(day: string, today: boolean): string {
  const dd = day.slice(8, 10);
  const paper = (id: string, title: string) => ({
    paper: {
      id,
      title,
      summary: `An abstract for ${title}, long enough to be a real abstract of a paper.`,
      authors: [{ name: "A. Author" }],
      publishedAt: `${day}T00:00:00.000Z`,
      upvotes: 3,
    },
    numComments: 0,
  });
  const items = [paper(`2406.1${dd}01`, `Paper of ${day}`)];
  if (today) items.push(paper(`2406.1${addDays(day, -1).slice(8, 10)}01`, `Paper of ${addDays(day, -1)}`));
  return JSON.stringify(items);
}

let server: FeedServer;
/** Days (or "today", the undated listing) that answer 500 until taken out. */
let failing: Set<string>;
/** Days that answer 503 this many more times before they serve. */
let flaky: Map<string, number>;
let today: string;

beforeEach(async () => {
  server = await startFeedServer();
  failing = new Set();
  flaky = new Map();
  server.route(
    (url) => url.pathname === "/api/daily_papers",
    (url): Answer => {
      const day = url.searchParams.get("date");
      if (failing.has(day ?? "today")) return { status: 500, body: "down" };
      const refusals = flaky.get(day ?? "today") ?? 0;
      if (refusals > 0) {
        flaky.set(day ?? "today", refusals - 1);
        return { status: 503, body: "busy" };
      }
      return { headers: { "content-type": "application/json" }, body: listing(day ?? today, day === null) };
    },
  );
});
afterEach(async () => {
  await server.close();
});

/** What the server was asked for: the `date` of each request, "today" for the undated one. */
function asked(from = 0): string[] {
  return server.requests.slice(from).map((r) => r.url.searchParams.get("date") ?? "today");
}

async function app(source: Record<string, unknown> = {}, fetch: Partial<typeof FAST> = {}) {
  const store = await LowStore.inMemory();
  let now = new Date();
  const settings = testSettings({
    sources: sourceListSchema.parse([{ name: "hf-daily", kind: "huggingface", ...source }]),
    sourceUrls: { ...testSettings().sourceUrls, huggingFaceDaily: `${server.baseUrl}/api/daily_papers` },
    fetch: { ...FAST, ...fetch },
  });
  const live = createLiveSources({ settings, store, log: memoryLogger().log, now: () => now });
  return {
    store,
    status: () => store.sourceStatuses().find((s) => s.name === "hf-daily"),
    /** One run on `day` at 10:00 UTC; returns its report and what it asked the server. */
    async runOn(day: string) {
      today = day;
      now = new Date(`${day}T10:00:00.000Z`);
      const before = server.requests.length;
      const [report] = await live.ingest();
      return { report, asked: asked(before) };
    },
  };
}

describe("the days missed", () => {
  it("are those after the last read day and before today, oldest first, the most recent `cap` of them", () => {
    expect(missedDays("2024-06-15", "2024-06-19", 7)).toEqual(["2024-06-16", "2024-06-17", "2024-06-18"]);
    expect(missedDays("2024-06-18", "2024-06-19", 7)).toEqual([]);
    expect(missedDays("2024-06-19", "2024-06-19", 7)).toEqual([]);
    expect(missedDays("2024-06-25", "2024-06-19", 7)).toEqual([]);
    expect(missedDays("2024-05-01", "2024-06-19", 3)).toEqual(["2024-06-16", "2024-06-17", "2024-06-18"]);
    expect(missedDays("2023-12-30", "2024-01-02", 7)).toEqual(["2023-12-31", "2024-01-01"]);
    expect(missedDays("2024-02-27", "2024-03-01", 7)).toEqual(["2024-02-28", "2024-02-29"]);
    expect(missedDays("2024-06-15", "2024-06-19", 0)).toEqual([]);
    expect(missedDays(undefined, "2024-06-19", 7)).toEqual([]);
    expect(missedDays("yesterday", "2024-06-19", 7)).toEqual([]);
  });

  it("count from the remembered day, or from the last answer of a state written before catch-up", () => {
    expect(lastReadDay({ lastDay: "2024-06-15", checkedAt: "2024-06-17T01:00:00.000Z" })).toBe("2024-06-15");
    // That day was read as "today", perhaps before its last papers: it is read again, whole, by date.
    expect(lastReadDay({ checkedAt: "2024-06-17T01:00:00.000Z" })).toBe("2024-06-16");
    expect(lastReadDay({ etag: '"x"' })).toBeUndefined();
  });
});

describe("catching up on Hugging Face after downtime", () => {
  it("reads only today's listing the first time, then exactly the missed days by date, each paper once", async () => {
    const { store, status, runOn } = await app();
    const first = await runOn("2024-06-15");
    expect(first.asked).toEqual(["today"]);
    expect(first.report?.caughtUpDays).toBeUndefined();
    // Today's listing grows all day: the last day read whole is yesterday.
    expect(status()?.memo?.lastDay).toBe("2024-06-14");

    // Down on the 16th, 17th and 18th; the 15th was read only as "today", so it is read again, whole.
    const second = await runOn("2024-06-19");
    expect(second.asked).toEqual(["2024-06-15", "2024-06-16", "2024-06-17", "2024-06-18", "today"]);
    expect(second.report).toMatchObject({
      error: undefined,
      caughtUpDays: ["2024-06-15", "2024-06-16", "2024-06-17", "2024-06-18"],
      stale: false,
      read: 6,
      new: 4,
    });
    expect(status()?.memo?.lastDay).toBe("2024-06-18");
    expect(status()?.lastSuccessAt).toBe("2024-06-19T10:00:00.000Z");
    for (const id of ["2406.11501", "2406.11601", "2406.11701", "2406.11801", "2406.11901"]) {
      expect(store.corpus.find(id)?.title).toBeDefined();
    }
    expect(store.corpus.size).toBe(6);
    // Sighted under the endpoint's name, on the day its listing describes.
    expect(store.corpus.find("2406.11601")?.sightings).toEqual([
      {
        source: "huggingface",
        ref: `${server.baseUrl}/api/daily_papers`,
        observedOn: "2024-06-16",
        seenAt: "2024-06-19T10:00:00.000Z",
      },
    ]);

    // Each day is read whole once: later that day only today's listing; the next day, the day before
    // by date (for the papers listed after the last run) and then today's.
    expect((await runOn("2024-06-19")).asked).toEqual(["today"]);
    const next = await runOn("2024-06-20");
    expect(next.asked).toEqual(["2024-06-19", "today"]);
    expect(next.report).toMatchObject({ new: 1, error: undefined });
    expect(asked().filter((day) => day === "2024-06-17")).toHaveLength(1);
  });

  it("stops at a day that fails, keeps the days before it, and resumes from it next time", async () => {
    const { store, status, runOn } = await app();
    await runOn("2024-06-15");
    failing.add("2024-06-17");

    const broken = await runOn("2024-06-19");
    // The client's one retry, then no later day and no today.
    expect(broken.asked).toEqual(["2024-06-15", "2024-06-16", "2024-06-17", "2024-06-17"]);
    expect(broken.report?.caughtUpDays).toEqual(["2024-06-15", "2024-06-16"]);
    expect(broken.report?.new).toBe(1);
    expect(broken.report?.error).toBe(
      "unavailable: hf-daily: the listing for 2024-06-17: server error (HTTP 500); the next run starts again from that day",
    );
    expect(store.corpus.find("2406.11601")).toBeDefined();
    expect(status()).toMatchObject({
      lastSuccessAt: "2024-06-15T10:00:00.000Z",
      lastErrorAt: "2024-06-19T10:00:00.000Z",
      memo: { lastDay: "2024-06-16" },
    });

    failing.clear();
    const resumed = await runOn("2024-06-19");
    expect(resumed.asked).toEqual(["2024-06-17", "2024-06-18", "today"]);
    expect(resumed.report).toMatchObject({ error: undefined, caughtUpDays: ["2024-06-17", "2024-06-18"] });
    expect(status()?.memo?.lastDay).toBe("2024-06-18");
    expect(store.corpus.size).toBe(6);
  });

  it("keeps the catch-up when only today's listing fails, and reads just today next time", async () => {
    const { status, runOn } = await app();
    await runOn("2024-06-15");
    expect((await runOn("2024-06-17")).asked).toEqual(["2024-06-15", "2024-06-16", "today"]);
    failing.add("today");
    const broken = await runOn("2024-06-19");
    expect(broken.asked).toEqual(["2024-06-17", "2024-06-18", "today", "today"]);
    expect(broken.report).toMatchObject({ new: 1, caughtUpDays: ["2024-06-17", "2024-06-18"] });
    expect(broken.report?.error).toMatch(/^unavailable: hf-daily: server error \(HTTP 500\)/);
    expect(status()?.memo?.lastDay).toBe("2024-06-18");
    failing.clear();
    expect((await runOn("2024-06-19")).asked).toEqual(["today"]);
    expect(status()?.memo?.lastDay).toBe("2024-06-18");
  });

  it("reads at most the cap after a month of downtime, and the cap is the source's setting", async () => {
    const week = await app();
    await week.runOn("2024-05-15");
    const back = await week.runOn("2024-06-19");
    expect(back.asked).toEqual([
      "2024-06-12",
      "2024-06-13",
      "2024-06-14",
      "2024-06-15",
      "2024-06-16",
      "2024-06-17",
      "2024-06-18",
      "today",
    ]);

    const two = await app({ catchUpDays: 2 });
    await two.runOn("2024-05-15");
    expect((await two.runOn("2024-06-19")).asked).toEqual(["2024-06-17", "2024-06-18", "today"]);

    const none = await app({ catchUpDays: 0 });
    await none.runOn("2024-05-15");
    expect((await none.runOn("2024-06-19")).asked).toEqual(["today"]);
    expect(sourceListSchema.safeParse([{ name: "hf", kind: "huggingface", catchUpDays: -1 }]).success).toBe(
      false,
    );
  });

  it("keeps the host's pace between days and retries a day the server is briefly unable to serve", async () => {
    // 150 ms between request starts to the one host.
    const { runOn } = await app({}, { minIntervalMs: 150 });
    await runOn("2024-06-15");
    flaky.set("2024-06-17", 1);
    const run = await runOn("2024-06-19");
    expect(run.report?.error).toBeUndefined();
    expect(run.asked).toEqual([
      "2024-06-15",
      "2024-06-16",
      "2024-06-17",
      "2024-06-17",
      "2024-06-18",
      "today",
    ]);
    const requests = server.requests.slice(-run.asked.length);
    for (let i = 1; i < requests.length; i++) {
      // The pace spaces request starts at the client; connection set-up can shorten the gap seen here a little.
      expect((requests[i]?.at ?? 0) - (requests[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(120);
    }
  });
});

describe("paperbot fetch and stats after downtime", () => {
  it("reports the days caught up and remembers the last day read", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-hf-catch-up-"));
    const config = join(dir, "settings.json");
    await writeFile(
      config,
      JSON.stringify({
        sources: [{ name: "hf-daily", kind: "huggingface" }],
        sourceUrls: { huggingFaceDaily: `${server.baseUrl}/api/daily_papers` },
        fetch: FAST,
      }),
    );
    const env = { PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: config };
    today = "2024-06-15";
    const first = await runCliCaptured(["fetch"], env, new Date("2024-06-15T09:00:00Z"));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^hf-daily: read 2, new 2, updated 0\n$/);

    today = "2024-06-18";
    const run = await runCliCaptured(["fetch", "--json"], env, new Date("2024-06-18T09:00:00Z"));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({
        source: "hf-daily",
        read: 5,
        new: 3,
        stale: false,
        caughtUpDays: ["2024-06-15", "2024-06-16", "2024-06-17"],
      }),
    ]);
    expect(asked()).toEqual(["today", "2024-06-15", "2024-06-16", "2024-06-17", "today"]);

    const stats = JSON.parse((await runCliCaptured(["stats", "--json"], env, new Date())).stdout);
    expect(stats.sources[0]).toMatchObject({
      name: "hf-daily",
      lastSuccessAt: "2024-06-18T09:00:00.000Z",
      memo: { lastDay: "2024-06-17" },
    });
    // One line for the source, not one per day caught up.
    expect(Object.keys(stats.bySource)).toEqual([`${server.baseUrl}/api/daily_papers`]);
  });
});
