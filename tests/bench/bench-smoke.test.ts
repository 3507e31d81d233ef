// The benchmark code at a tiny size (300 papers): every measurement runs and gives sane figures. Not a timing test.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ChildArgs, Measure } from "../../bench/child.js";
import { generateCorpus } from "../../bench/corpus.js";
import { measure as calibrate } from "../../bench/measure/calibrate.js";
import { measure as coldStart } from "../../bench/measure/cold-start.js";
import { measure as digestTick } from "../../bench/measure/digest.js";
import { measure as e2eHttp } from "../../bench/measure/e2e-http.js";
import { measure as followsMatch } from "../../bench/measure/follows.js";
import { measure as ingestPapers } from "../../bench/measure/ingest.js";
import { measure as prepareIndex } from "../../bench/measure/prepare-index.js";
import { measure as retrainTeam } from "../../bench/measure/retrain.js";
import { measure as saveByReaction } from "../../bench/measure/save.js";
import { measure as searchPaperbot } from "../../bench/measure/search.js";
import { measure as searchMiniSearch } from "../../bench/measure/search-minisearch.js";
import { measure as searchNatural } from "../../bench/measure/search-natural.js";
import { generateQueries } from "../../bench/queries.js";
import { renderTable } from "../../bench/table.js";

const SMOKE: ChildArgs = { size: 300, smoke: true };

beforeAll(async () => {
  // Fixtures go to a private directory, so this run neither reuses nor disturbs a real benchmark's.
  process.env.PAPERBOT_BENCH_DIR = await mkdtemp(join(tmpdir(), "paperbot-bench-smoke-"));
});

describe("the benchmark at 300 papers", () => {
  it("generates the same realistic corpus and queries for the same seed", () => {
    const papers = generateCorpus(300);
    expect(generateCorpus(300)).toEqual(papers);
    expect(new Set(papers.map((p) => p.title.toLowerCase())).size).toBe(300);
    for (const paper of papers) {
      expect(paper.abstract.length).toBeGreaterThan(200);
      expect(paper.authors.length).toBeGreaterThan(0);
      expect(paper.categories.length).toBeGreaterThan(0);
      expect(paper.published).toMatch(/^20(19|2[0-5])-\d\d-\d\d$/);
    }
    expect(papers.filter((p) => p.upvotes !== undefined).length).toBeGreaterThan(100);
    const queries = generateQueries(papers, 100);
    expect(queries).toEqual(generateQueries(papers, 100));
    expect(queries.some((q) => q.startsWith("author:"))).toBe(true);
    expect(queries.some((q) => q.includes('"'))).toBe(true);
  });

  it("measures ingest, start, search and its baselines, digests and saves", async () => {
    const run = async (measure: Measure) => (await measure(SMOKE)) as Record<string, number>;
    const speed = await run(calibrate);
    expect(speed.cpuLoopMs).toBeGreaterThan(0);
    expect(speed.freshMsPerMb).toBeGreaterThan(0);
    await run(prepareIndex);
    const ingest = await run(ingestPapers);
    expect(ingest.papers).toBe(300);
    expect(ingest.papersPerS).toBeGreaterThan(0);
    // The command line's run of the same size, in its own process: every listing paper stored, its memory read.
    expect(ingest.cliPapers).toBe(300);
    expect(ingest.cliPeakRssMb).toBeGreaterThan(20);
    const start = await run(coldStart);
    expect(start.papers).toBe(300);
    expect(start.hits).toBeGreaterThan(0);
    expect(start.rssMb).toBeGreaterThan(0);
    const search = await run(searchPaperbot);
    const natural = await run(searchNatural);
    const mini = await run(searchMiniSearch);
    expect(search.meanHits).toBeGreaterThan(1);
    for (const figures of [search, natural, mini]) {
      expect(figures.p99).toBeGreaterThanOrEqual(figures.p50 as number);
      expect(figures.p50).toBeGreaterThan(0);
    }
    const digest = await run(digestTick);
    expect(digest.posted).toBe(digest.channels);
    expect(digest.highlights).toBeGreaterThan(0);
    const follows = await run(followsMatch);
    expect(follows.follows).toBe(500);
    expect(follows.matches).toBeGreaterThan(0);
    const save = await run(saveByReaction);
    expect(save.saves).toBe(30);
    const retrain = await run(retrainTeam);
    expect(retrain.retrainP99).toBeGreaterThanOrEqual(retrain.retrainP50 as number);
    expect(retrain.rssRatio).toBeGreaterThan(0);
    const table = renderTable(
      { search: { 300: search }, ingest: { 300: ingest }, retrain: { 300: retrain } },
      [300],
    );
    expect(table).toContain("search p99, paperbot");
    expect(table).toContain("team model retrain after a save, p50 / p99 (ms)");
  }, 60_000);

  it("drives signed slash commands into the real Bolt receiver and gets every answer", async () => {
    const figures = (await e2eHttp(SMOKE)) as Record<string, number>;
    expect(figures.requests).toBeGreaterThan(0);
    expect(figures.errors).toBe(0);
    expect(figures.unanswered).toBe(0);
    expect(figures.answeredWithResults).toBeGreaterThan(0);
    // Search answers are private and quick: they come in the commands' acknowledgements.
    expect(figures.answeredInAck).toBe(figures.answered);
  }, 60_000);
});
