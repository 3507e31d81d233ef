// Semantic Scholar enrichment against a local fake Graph API: fields parsed, batches, 429s respected, the
// cache refreshed on schedule (with `now` injected), and a failure that never blocks anything else.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createScholarJob } from "../../src/enrich/scholar-job.js";
import { isDue } from "../../src/enrich/scholar-refresh.js";
import { createScholarClient, readScholarEntry } from "../../src/ingest/fetch/semantic-scholar.js";
import { ingestFiles } from "../../src/ingest/ingest-files.js";
import type { Paper } from "../../src/papers/paper.js";
import { LowStore } from "../../src/store/low-store.js";
import { type FakeScholar, startFakeScholar } from "../fakes/semantic-scholar.js";
import { runCliCaptured } from "../helpers/cli.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

let fake: FakeScholar;
beforeAll(async () => {
  fake = await startFakeScholar();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.papers.clear();
});

function paper(arxivId: string, published = "2024-01-10"): Paper {
  return {
    id: arxivId,
    arxivId,
    title: `Paper ${arxivId}`,
    abstract: "An abstract.",
    authors: [],
    categories: [],
    published,
    links: {},
    sightings: [],
  };
}

const client = (extra: Parameters<typeof createScholarClient>[0] = {}) =>
  createScholarClient({ baseUrl: fake.url, minIntervalMs: 0, retryLimit: 0, retryDelayMs: 1, ...extra });

/** A clock the test moves by hand. */
function clock(start: string) {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advanceDays(days: number) {
      at += days * 86_400_000;
    },
  };
}

describe("the Semantic Scholar client", () => {
  it("asks for the four fields by arXiv id in one POST and reads each answer, null as unknown", async () => {
    fake.papers.set("2406.11794", {
      paperId: "abc",
      citationCount: 120,
      influentialCitationCount: 14,
      venue: "  Neural  Information Processing Systems ",
      year: 2024,
    });
    const answers = await client({ apiKey: "s2-secret" }).lookup(["2406.11794", "2406.99999"]);
    expect(answers).toEqual([
      {
        citationCount: 120,
        influentialCitationCount: 14,
        venue: "Neural Information Processing Systems",
        year: 2024,
      },
      undefined,
    ]);
    expect(fake.requests).toEqual([
      {
        path: "/graph/v1/paper/batch",
        fields: "citationCount,influentialCitationCount,venue,year",
        ids: ["ARXIV:2406.11794", "ARXIV:2406.99999"],
        apiKey: "s2-secret",
      },
    ]);
    await client().lookup(["2406.11794"]);
    expect(fake.requests[1]?.apiKey).toBeUndefined();
  });

  it("leaves out what is odd in an answer, and refuses more than 500 ids or a wrong-length answer", async () => {
    expect(
      readScholarEntry({ citationCount: -1, influentialCitationCount: 2.5, venue: "", year: 99999 }),
    ).toEqual({});
    expect(readScholarEntry({ venue: "x".repeat(1_000) })?.venue).toHaveLength(200);
    expect(readScholarEntry("nope")).toBeUndefined();
    await expect(client().lookup(Array.from({ length: 501 }, (_, i) => `2406.${i}`))).rejects.toThrow(
      /at most 500/,
    );
    fake.answerRaw("[]");
    await expect(client().lookup(["2406.11794"])).rejects.toMatchObject({ kind: "malformed" });
    fake.answerRaw("<html>");
    await expect(client().lookup(["2406.11794"])).rejects.toMatchObject({ kind: "malformed" });
  });

  it("waits out a 429's Retry-After and tries again", async () => {
    fake.papers.set("2406.11794", { citationCount: 3 });
    fake.fail(429, { "retry-after": "0" });
    const answers = await client({ retryLimit: 2 }).lookup(["2406.11794"]);
    expect(answers).toEqual([{ citationCount: 3 }]);
    expect(fake.requests).toHaveLength(2);
  });

  it("fails as rate-limited, with the server's wait and without the key anywhere in the error", async () => {
    fake.fail(429, { "retry-after": "120" });
    type Failure = Error & { kind: string; retryAfterSeconds: number; cause?: unknown };
    const error = (await client({ apiKey: "s2-secret", retryLimit: 2 })
      .lookup(["2406.11794"])
      .then(
        () => undefined,
        (e: unknown) => e,
      )) as Failure;
    expect(error).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 120 });
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain("s2-secret");
    // 120 s is more than we wait in a request: no retry, the job backs off instead.
    expect(fake.requests).toHaveLength(1);
  });
});

describe("the enrichment job", () => {
  it("adds citations, venue and year to every paper with an arXiv id, in batches, and records its state", async () => {
    const papers = ["2401.00001", "2401.00002", "2401.00003"].map((id) => paper(id));
    const seedOnly = { ...paper("x"), id: "p0123456789", arxivId: undefined };
    const store = await LowStore.inMemory([...papers, seedOnly]);
    fake.papers.set("2401.00001", {
      citationCount: 10,
      influentialCitationCount: 1,
      venue: "ICML",
      year: 2024,
    });
    const time = clock("2024-06-18T09:00:00Z");
    const job = createScholarJob({ store, client: client(), now: time.now, batchSize: 2 });

    expect(await job.run()).toEqual({ asked: 3, found: 1, due: 0 });
    expect(fake.requests.map((r) => r.ids.length)).toEqual([2, 1]);
    expect(store.corpus.find("2401.00001")?.scholar).toEqual({
      checkedAt: "2024-06-18T09:00:00.000Z",
      citationCount: 10,
      influentialCitationCount: 1,
      venue: "ICML",
      year: 2024,
    });
    // Unknown to Semantic Scholar: remembered as asked, so it is not asked again before its refresh.
    expect(store.corpus.find("2401.00002")?.scholar).toEqual({ checkedAt: "2024-06-18T09:00:00.000Z" });
    expect(store.corpus.find("p0123456789")?.scholar).toBeUndefined();
    expect(store.sourceStatuses().find((s) => s.name === "semantic-scholar")).toMatchObject({
      lastSuccessAt: "2024-06-18T09:00:00.000Z",
      lastCount: 3,
      memo: { due: "0" },
    });

    // Nothing due: no request at all.
    expect(await job.run()).toEqual({ asked: 0, found: 0, due: 0 });
    expect(fake.requests).toHaveLength(2);
  });

  it("refreshes a young paper after a day and an older one after a week", async () => {
    const young = paper("2406.00001", "2024-06-10");
    const old = paper("2401.00001", "2024-01-10");
    const store = await LowStore.inMemory([young, old]);
    const time = clock("2024-06-18T09:00:00Z");
    const job = createScholarJob({ store, client: client(), now: time.now });
    await job.run();
    fake.requests.length = 0;

    time.advanceDays(0.9);
    expect((await job.run()).asked).toBe(0);
    time.advanceDays(0.1);
    fake.papers.set("2406.00001", { citationCount: 2 });
    expect(await job.run()).toMatchObject({ asked: 1, found: 1 });
    expect(fake.requests[0]?.ids).toEqual(["ARXIV:2406.00001"]);
    expect(store.corpus.find("2406.00001")?.scholar?.citationCount).toBe(2);

    time.advanceDays(6);
    fake.requests.length = 0;
    expect((await job.run()).asked).toBe(2);
    expect(isDue(store.corpus.find("2401.00001") as Paper, time.now())).toBe(false);
  });

  it("backs off after a 429 until its Retry-After, keeps what earlier batches stored, and resumes", async () => {
    const store = await LowStore.inMemory(["2401.00001", "2401.00002", "2401.00003"].map((id) => paper(id)));
    fake.papers.set("2401.00001", { citationCount: 1 });
    fake.papers.set("2401.00003", { citationCount: 3 });
    const time = clock("2024-06-18T09:00:00Z");
    const job = createScholarJob({ store, client: client(), now: time.now, batchSize: 1 });
    fake.fail(429, { "retry-after": "600" }, 1, 1);

    const failed = await job.run();
    expect(failed).toMatchObject({
      asked: 1,
      found: 1,
      due: 2,
      error: expect.stringMatching(/rate-limiting/),
    });
    expect(store.corpus.find("2401.00001")?.scholar?.citationCount).toBe(1);
    expect(store.sourceStatuses().find((s) => s.name === "semantic-scholar")).toMatchObject({
      lastErrorAt: "2024-06-18T09:00:00.000Z",
      memo: { nextAttemptAt: "2024-06-18T09:10:00.000Z", due: "2" },
    });

    // Before the Retry-After has passed, a run asks nothing.
    time.advanceDays(5 / 1440);
    expect(await job.run()).toMatchObject({ skipped: "backing-off", asked: 0, due: 2 });
    expect(fake.requests).toHaveLength(2);

    // After it, the run resumes with the papers still due, and the backoff is cleared.
    time.advanceDays(5 / 1440);
    expect(await job.run()).toMatchObject({ asked: 2, found: 1, due: 0 });
    expect(fake.requests.slice(2).map((r) => r.ids)).toEqual([["ARXIV:2401.00002"], ["ARXIV:2401.00003"]]);
    const status = store.sourceStatuses().find((s) => s.name === "semantic-scholar");
    expect(status?.memo?.nextAttemptAt).toBeUndefined();
    expect(status?.lastSuccessAt).toBe("2024-06-18T09:10:00.000Z");
  });

  it("backs off and doubles the wait when the server is down and says nothing", async () => {
    const store = await LowStore.inMemory([paper("2401.00001")]);
    const time = clock("2024-06-18T09:00:00Z");
    const job = createScholarJob({ store, client: client(), now: time.now, backoffMs: 60_000 });
    fake.fail(503, {}, 2);
    expect((await job.run()).error).toMatch(/503/);
    const memo = () => store.sourceStatuses().find((s) => s.name === "semantic-scholar")?.memo;
    expect(memo()).toMatchObject({ nextAttemptAt: "2024-06-18T09:01:00.000Z", backoffMs: "60000" });
    time.advanceDays(1 / 1440);
    expect((await job.run()).error).toMatch(/503/);
    expect(memo()).toMatchObject({ nextAttemptAt: "2024-06-18T09:03:00.000Z", backoffMs: "120000" });
  });

  it("never throws into its caller and stops cleanly", async () => {
    const store = await LowStore.inMemory([paper("2401.00001")]);
    const unreachable = createScholarClient({
      baseUrl: "http://127.0.0.1:9",
      minIntervalMs: 0,
      retryLimit: 0,
    });
    const job = createScholarJob({ store, client: unreachable, now: () => new Date("2024-06-18T09:00:00Z") });
    expect((await job.run()).error).toMatch(/could not connect/);
    await job.stop();
    expect(await job.run()).toMatchObject({ skipped: "stopped" });
  });

  it("blocks nothing while Semantic Scholar does not answer: ingest and reads go on, the run ends at its timeout", async () => {
    const store = await LowStore.inMemory([paper("2401.00001")]);
    const slow = createScholarClient({
      baseUrl: fake.url,
      minIntervalMs: 0,
      retryLimit: 0,
      timeoutMs: 1_500,
    });
    const job = createScholarJob({ store, client: slow, now: () => new Date("2024-06-18T09:00:00Z") });
    fake.hangNext();
    let finished = false;
    const running = job.run().then((report) => {
      finished = true;
      return report;
    });
    const report = await ingestFiles(store, [SEEDS_DIR], {
      asOf: "2026-11-22",
      now: new Date("2026-11-22T12:00:00Z"),
    });
    expect(report.new).toBe(161);
    expect(store.corpus.size).toBe(162);
    expect(finished, "the lookup is still waiting while ingest has finished").toBe(false);
    expect((await running).error).toMatch(/timeout/);
    expect(store.corpus.find("2401.00001")?.scholar).toBeUndefined();
  });

  it("keeps its records across a restart, and `show --json` and `stats` report them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-scholar-"));
    const store = await LowStore.openDirectory(dir);
    await store.putPapers([paper("2401.00001"), paper("2401.00002")]);
    fake.papers.set("2401.00001", {
      citationCount: 1234,
      influentialCitationCount: 56,
      venue: "ICLR",
      year: 2024,
    });
    const at = new Date("2024-06-18T09:00:00Z");
    await createScholarJob({ store, client: client(), now: () => at }).run();
    await store.close();

    const env = { PAPERBOT_DATA_DIR: dir };
    const shown = JSON.parse((await runCliCaptured(["show", "2401.00001", "--json"], env, at)).stdout);
    expect(shown.semanticScholar).toEqual({
      citationCount: 1234,
      influentialCitationCount: 56,
      venue: "ICLR",
      year: 2024,
      checkedAt: "2024-06-18T09:00:00.000Z",
    });
    const unknown = JSON.parse((await runCliCaptured(["show", "2401.00002", "--json"], env, at)).stdout);
    expect(unknown.semanticScholar).toMatchObject({
      citationCount: null,
      checkedAt: "2024-06-18T09:00:00.000Z",
    });
    const stats = JSON.parse((await runCliCaptured(["stats", "--json"], env, at)).stdout);
    expect(stats.withCitations).toBe(1);
    expect(stats.sources).toContainEqual(
      expect.objectContaining({ name: "semantic-scholar", lastSuccessAt: "2024-06-18T09:00:00.000Z" }),
    );
    const details = (await runCliCaptured(["show", "2401.00001"], env, at)).stdout;
    expect(details).toContain("citations:    cited by 1.2k (56 influential) · ICLR 2024");
    const text = (await runCliCaptured(["stats"], env, at)).stdout;
    expect(text).toContain("with citations  1");
    expect(text).toMatch(/source semantic-scholar: last success 2024-06-18T09:00:00.000Z; 0 papers due/);
  });
});
