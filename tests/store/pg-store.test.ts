// What only a shared store must do: replicas see each other's writes, claims exclude each other, schema migrates.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPaperSearch } from "../../src/core.js";
import { newPaper } from "../../src/papers/merge.js";
import { channelKey } from "../../src/places.js";
import { DigestLeaseLost } from "../../src/store/digest-claim.js";
import { shippedMigrations } from "../../src/store/postgres/migrate.js";
import { PgStore } from "../../src/store/postgres/pg-store.js";
import type { DigestRun } from "../../src/store/records.js";
import { postgresAvailable, startTestPostgres, type TestPostgres } from "../helpers/postgres.js";
import { parsedSeedPapers } from "../helpers/seeds.js";

const channel = channelKey("slack", "T1", "C1");
const save = { workspace: "slack:T1", userId: "U1", paperId: "p1", savedAt: "2026-01-01T00:00:00Z" };

function planned(day: string): DigestRun {
  return {
    channel,
    day,
    state: "posting",
    paperIds: ["a", "b"],
    postedCount: 0,
    headerPosted: false,
    startedAt: `${day}T08:00:00.000Z`,
    attempts: 1,
  };
}

const lease = (iso: string) => ({ now: new Date(iso), leaseMs: 10 * 60_000 });

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms; ) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return check();
}

describe.runIf(postgresAvailable())("the PostgreSQL store shared by replicas", () => {
  let server: TestPostgres;
  let databases = 0;
  const opened: PgStore[] = [];
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function database(): Promise<string> {
    const name = `shared_${++databases}`;
    const admin = new pg.Client(server.url);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return server.url.replace(/\/postgres$/, `/${name}`);
  }

  async function replica(url: string, pollMs = 0): Promise<PgStore> {
    const store = await PgStore.open(url, { pollMs, poolSize: 3 });
    opened.push(store);
    return store;
  }

  it("shows one replica's saves, un-saves and subscription changes to another", async () => {
    const url = await database();
    const [a, b] = [await replica(url), await replica(url)];
    expect(await a.addSave(save)).toBe(true);
    expect(await b.addSave(save)).toBe(false);
    await b.refresh();
    expect(b.savesIn("slack:T1")).toEqual([save]);
    expect(await b.removeSave("slack:T1", "U1", "p1")).toBe(true);
    expect(await a.removeSave("slack:T1", "U1", "p1")).toBe(false);
    await a.refresh();
    expect(a.savesIn("slack:T1")).toEqual([]);
    const subscription = {
      channel,
      platform: "slack" as const,
      workspaceId: "T1",
      channelId: "C1",
      time: "09:00",
      timeZone: "UTC",
      size: 3,
      topics: [],
      excluded: [],
      createdBy: "U1",
      createdAt: "2026-01-01T00:00:00Z",
    };
    await a.putSubscription(subscription);
    await b.refresh();
    expect(b.subscription(channel)).toEqual(subscription);
    await a.removeSubscription(channel);
    await b.refresh();
    expect(b.subscriptions()).toEqual([]);
  });

  it("sees a write whose transaction began before a poll and committed after it", async () => {
    const url = await database();
    const b = await replica(url);
    const slow = new pg.Client(url);
    await slow.connect();
    try {
      await slow.query("BEGIN");
      await slow.query(
        "INSERT INTO saves (workspace, user_id, paper_id, saved_at) VALUES ('slack:T1', 'U1', 'slow', 'x')",
      );
      // Another write commits meanwhile, and the replica polls past it.
      const a = await replica(url);
      await a.addSave(save);
      await b.refresh();
      expect(b.savesOf("slack:T1", "U1").map((s) => s.paperId)).toEqual(["p1"]);
      await slow.query("COMMIT");
    } finally {
      await slow.end();
    }
    await b.refresh();
    expect(
      b
        .savesOf("slack:T1", "U1")
        .map((s) => s.paperId)
        .sort(),
    ).toEqual(["p1", "slow"]);
  });

  it("brings another replica's new papers into this replica's search index within a second", async () => {
    const url = await database();
    const [first, ...rest] = parsedSeedPapers().map(newPaper);
    const a = await replica(url);
    await a.putPapers(rest);
    const b = await replica(url, 50);
    const search = createPaperSearch(b.corpus.all());
    b.onPapersChanged((papers) => search.index(papers));
    const paper = { ...(first as NonNullable<typeof first>), title: "Zyxwvut quantization of ferrets" };
    await a.putPapers([paper]);
    const found = async () =>
      (await search.search("zyxwvut ferrets", { limit: 5, offset: 0 })).hits[0]?.id === paper.id;
    expect(await until(found, 2_000)).toBe(true);
    expect(b.corpus.find(paper.id)?.title).toBe(paper.title);
  });

  it("lets exactly one of several replicas claim a day, and resumes it elsewhere only after the lease", async () => {
    const url = await database();
    const replicas = await Promise.all([replica(url), replica(url), replica(url), replica(url)]);
    const claims = await Promise.all(
      replicas.map((r) =>
        r.claimDigestRun(channel, "2026-03-01", () => planned("2026-03-01"), lease("2026-03-01T08:00:00Z")),
      ),
    );
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    const winner = replicas[claims.findIndex((c) => c.claimed)] as PgStore;
    const other = replicas.find((r) => r !== winner) as PgStore;
    const run = claims.find((c) => c.claimed)?.run as DigestRun;
    expect(run.owner).toBe(winner.owner);
    await winner.putDigestRun({ ...run, headerPosted: true, postedCount: 1 });
    // Another replica cannot record progress on it, nor claim it while the lease holds.
    await expect(other.putDigestRun({ ...run, postedCount: 2 })).rejects.toBeInstanceOf(DigestLeaseLost);
    const early = await other.claimDigestRun(
      channel,
      "2026-03-01",
      () => planned("x"),
      lease("2026-03-01T08:09:00Z"),
    );
    expect(early.claimed).toBe(false);
    // The winner "dies"; after its lease another replica resumes from the recorded progress.
    const late = await other.claimDigestRun(
      channel,
      "2026-03-01",
      () => planned("x"),
      lease("2026-03-01T08:10:00Z"),
    );
    expect(late.claimed).toBe(true);
    expect(late.run).toMatchObject({ owner: other.owner, postedCount: 1, headerPosted: true, attempts: 2 });
    // The old owner, back from a stall, is refused: it must stop posting.
    await expect(winner.putDigestRun({ ...run, postedCount: 2 })).rejects.toBeInstanceOf(DigestLeaseLost);
    await other.putDigestRun({ ...late.run, postedCount: 2, state: "posted" });
    const reopened = await replica(url);
    expect(reopened.digestRun(channel, "2026-03-01")).toMatchObject({ postedCount: 2, state: "posted" });
  });

  it("migrates once when replicas start together, records it, and refuses a newer schema", async () => {
    const url = await database();
    await Promise.all([replica(url), replica(url), replica(url)]);
    const client = new pg.Client(url);
    await client.connect();
    try {
      const { rows } = await client.query("SELECT version FROM schema_migrations ORDER BY version");
      // Each shipped migration once, in order.
      const shipped = (await shippedMigrations()).map((m) => m.version);
      expect(shipped[0]).toBe("001-init");
      expect(rows.map((r) => r.version)).toEqual(shipped);
      await client.query("INSERT INTO schema_migrations (version) VALUES ('999-from-the-future')");
    } finally {
      await client.end();
    }
    await expect(PgStore.open(url, { pollMs: 0 })).rejects.toMatchObject({
      code: "store-version",
      hint: expect.stringMatching(/Upgrade paperbot/),
    });
  });

  it("says what to check when the database cannot be reached, without repeating the URL", async () => {
    const url = "postgres://paperbot:hunter2-secret@127.0.0.1:1/nowhere";
    const error = (await PgStore.open(url, { pollMs: 0 }).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { hint?: string };
    expect(error).toMatchObject({
      code: "store-unreachable",
      hint: expect.stringMatching(/PAPERBOT_STORE_URL/),
    });
    expect(`${error.message} ${error.hint}`).not.toMatch(/hunter2/);
  });
  it("lets only one of two replicas claim a followed match's alert", async () => {
    const url = await database();
    const [a, b] = await Promise.all([PgStore.open(url, { pollMs: 0 }), PgStore.open(url, { pollMs: 0 })]);
    opened.push(a, b);
    const alert = { channel, paperId: "p1", reason: "follows: x", state: "pending" as const, matchedAt: "t" };
    const [recordedA, recordedB] = await Promise.all([
      a.addPendingAlerts([alert]),
      b.addPendingAlerts([alert]),
    ]);
    expect(recordedA.length + recordedB.length).toBe(1);
    const claims = await Promise.all([
      a.claimAlerts(channel, ["p1"], "2026-01-01T00:00:00.000Z"),
      b.claimAlerts(channel, ["p1"], "2026-01-01T00:00:01.000Z"),
    ]);
    expect(claims.flat()).toHaveLength(1);
    // The loser's cache learns the alert is posted, so it does not offer it again.
    const loser = claims[0]?.length === 0 ? a : b;
    expect(loser.alertsIn(channel).map((x) => x.state)).toEqual(["posted"]);
  });
});
