// Seed papers get their arXiv links by exact title, through the live sources' client, against a local fake arXiv.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTitleMatchJob, linkByTitle } from "../../src/enrich/arxiv-title-job.js";
import { titleSearchQuery } from "../../src/ingest/fetch/arxiv-title.js";
import { createLiveSources } from "../../src/ingest/live-sources.js";
import type { Paper } from "../../src/papers/paper.js";
import { LowStore } from "../../src/store/low-store.js";
import { type FakeArxivSearch, startFakeArxivSearch } from "../fakes/arxiv-search.js";
import { memoryLogger, testSettings } from "../helpers/core.js";
import { seedCorpus } from "../helpers/seeds.js";

const LOCAL_STEPS = "The Role of Local Steps in Local SGD";
const FASTER = "Faster Convergence of Local SGD for Over-Parameterized Models";

let arxiv: FakeArxivSearch;
beforeAll(async () => {
  arxiv = await startFakeArxivSearch([
    { id: "2203.06798", title: LOCAL_STEPS },
    // Near-namesakes arXiv's loose search returns too: never taken.
    { id: "2301.00001", title: `On ${LOCAL_STEPS} for Federated Learning` },
    { id: "2301.00002", title: `${FASTER} with Momentum` },
  ]);
});
afterAll(async () => {
  await arxiv.close();
});

function setup(now: Date) {
  const settings = testSettings({
    sourceUrls: { arxivApi: arxiv.apiUrl },
    fetch: { timeoutMs: 2_000, retryLimit: 0, retryDelayMs: 1, minIntervalMs: 0 },
  });
  return async () => {
    const store = await LowStore.inMemory([...seedCorpus().all()]);
    const live = createLiveSources({ settings, store, log: memoryLogger().log, now: () => now });
    const job = createTitleMatchJob({ store, find: live.findByTitle, now: () => now, maxPerRun: 200 });
    return { store, job };
  };
}

describe("linking seed papers to arXiv by title", () => {
  it("searches the title's normalised words as one phrase", () => {
    expect(titleSearchQuery('D^{2}MoE: "Dual" Routing (v2)')).toBe('ti:"d2moe dual routing v2"');
  });

  it("takes an exact normalised title and gives the paper its arXiv id and links; never a near-namesake", async () => {
    const now = new Date("2026-11-22T12:00:00Z");
    const { store, job } = await setup(now)();
    const before = store.corpus.find(LOCAL_STEPS) as Paper;
    expect(before.arxivId).toBeUndefined();

    const report = await job.run();
    expect(report).toMatchObject({ linked: 1, due: 0 });
    expect(report.asked).toBe(161);

    const linked = store.corpus.find(LOCAL_STEPS) as Paper;
    expect(linked.id).toBe(before.id);
    expect(linked).toMatchObject({
      arxivId: "2203.06798",
      links: { abstract: "https://arxiv.org/abs/2203.06798", pdf: "https://arxiv.org/pdf/2203.06798" },
    });
    expect(store.corpus.find("2203.06798")?.id).toBe(before.id);
    // Only a longer title came back for this one: no link.
    expect(store.corpus.find(FASTER)?.arxivId).toBeUndefined();
    expect(store.corpus.find(FASTER)?.arxivTitleCheckedAt).toBe("2026-11-22T12:00:00.000Z");
    expect(store.sourceStatuses().find((s) => s.name === "arxiv-titles")).toMatchObject({
      lastSuccessAt: "2026-11-22T12:00:00.000Z",
      lastCount: 1,
      memo: { due: "0" },
    });

    // Searched titles are not searched again within a month.
    const asked = arxiv.server.requests.length;
    expect(await job.run()).toMatchObject({ asked: 0 });
    expect(arxiv.server.requests.length).toBe(asked);
  });

  it("leaves a paper alone when another stored paper already holds the arXiv id", () => {
    const seed = [...seedCorpus().all()].find((p) => p.title === LOCAL_STEPS) as Paper;
    const found = {
      arxivId: "2203.06798",
      title: LOCAL_STEPS,
      abstract: "x",
      authors: [],
      categories: [],
      links: {},
      sighting: { source: "arxiv", ref: "q", seenAt: "2026-11-22T12:00:00Z" },
    };
    const other = { ...seed, id: "2203.06798" };
    const kept = linkByTitle(seed, found, "2026-11-22T12:00:00Z", () => other);
    expect(kept.arxivId).toBeUndefined();
    expect(linkByTitle(seed, { ...found, title: `${LOCAL_STEPS}!` }, "t", () => undefined).arxivId).toBe(
      "2203.06798",
    );
    expect(
      linkByTitle(seed, { ...found, title: `${LOCAL_STEPS} II` }, "t", () => undefined).arxivId,
    ).toBeUndefined();
  });

  it("stops at the first failure and records it, keeping what it linked", async () => {
    const now = new Date("2026-11-22T12:00:00Z");
    const store = await LowStore.inMemory([...seedCorpus().all()]);
    const settings = testSettings({
      sourceUrls: { arxivApi: "http://127.0.0.1:9/api/query" },
      fetch: { timeoutMs: 500, retryLimit: 0, retryDelayMs: 1, minIntervalMs: 0 },
    });
    const live = createLiveSources({ settings, store, log: memoryLogger().log, now: () => now });
    const job = createTitleMatchJob({ store, find: live.findByTitle, now: () => now });
    const report = await job.run();
    expect(report.asked).toBe(0);
    expect(report.error).toMatch(/could not connect/);
    expect(store.sourceStatuses().find((s) => s.name === "arxiv-titles")?.lastError).toMatch(
      /could not connect/,
    );
  });
});
