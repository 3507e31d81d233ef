// Ingest throughput: N papers read from arXiv Atom pages (and a fifth again from Hugging Face), merged and persisted; and `paperbot ingest` of N listing papers, its CPU time and peak memory.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArxivAtom } from "../../src/ingest/arxiv-atom.js";
import { createEnricher } from "../../src/ingest/enricher.js";
import { parseHfDailyPapers } from "../../src/ingest/hf-daily-papers.js";
import { mergeIntoCorpus } from "../../src/ingest/ingest.js";
import type { Paper, ParsedPaper } from "../../src/papers/paper.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { LowStore } from "../../src/store/low-store.js";
import { type Measure, runChild } from "../child.js";
import { generateCorpus } from "../corpus.js";
import { atomPage, hfDailyPapers } from "../feeds.js";
import { copyOfFixture } from "../fixture.js";
import { listingFixture } from "../listing-files.js";
import { since } from "../stats.js";

const PAGE = 1_000;
/** A live source's batch: the arXiv API's page size in config/default.json. */
const LIVE_BATCH = 100;
const CONTEXT = { ref: "bench", asOf: "2025-11-01", seenAt: "2025-11-01T12:00:00.000Z" };
const BIN = fileURLToPath(new URL("../../bin/paperbot.js", import.meta.url));
const USAGE = new URL("../usage-at-exit.mjs", import.meta.url).href;

/**
 * `paperbot ingest FOLDER` into an empty data directory, as a user runs the installed command (the
 * compiled dist/ when it is current): parse, merge, summarize, write. Its own process, so its peak
 * resident memory is the command's, not this one's with the generated corpus in it.
 */
async function commandLineIngest(size: number) {
  const listings = await listingFixture(size);
  const work = await mkdtemp(join(tmpdir(), `paperbot-bench-ingest-${size}-`));
  const usageFile = join(work, "usage.json");
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      USAGE,
      BIN,
      "--data-dir",
      join(work, "data"),
      "ingest",
      "--as-of",
      "2025-11-01",
      "--json",
      listings,
    ],
    {
      encoding: "utf8",
      env: { ...process.env, LOG_LEVEL: "error", PAPERBOT_BENCH_USAGE: usageFile },
      maxBuffer: 256 * 2 ** 20,
    },
  );
  const wallMs = since(started);
  if (run.status !== 0)
    throw new Error(`paperbot ingest failed (${run.status}): ${run.stderr.slice(-2_000)}`);
  const report = JSON.parse(run.stdout) as { new: number };
  const usage = JSON.parse(await readFile(usageFile, "utf8")) as {
    userMs: number;
    systemMs: number;
    maxRssKb: number;
  };
  await rm(work, { recursive: true, force: true });
  return {
    cliPapers: report.new,
    cliMs: wallMs,
    cliCpuMs: usage.userMs + usage.systemMs,
    cliPeakRssMb: usage.maxRssKb / 1024,
  };
}

export const measure: Measure = async ({ size }) => {
  // First, while this process holds little: the command runs beside it.
  const cli = await commandLineIngest(size);

  // The inputs are rendered before the clock starts: fetching is not ingesting.
  const papers = generateCorpus(size + LIVE_BATCH).map(
    ({ tldr: _t, keyphrases: _k, ...rest }) => rest as Paper,
  );
  const bulk = papers.slice(0, size);
  const pages: string[] = [];
  for (let at = 0; at < bulk.length; at += PAGE)
    pages.push(atomPage(bulk.slice(at, at + PAGE), at, bulk.length));
  const hf = hfDailyPapers(bulk.filter((_, i) => i % 5 === 0));
  const empty = await copyOfFixture(1).then(async (dir) => {
    await rm(`${dir}/papers.json`);
    return dir;
  });
  const store = await LowStore.openDirectory(empty);

  // Bulk: parse every page and the Hugging Face listing, merge, persist once (what `paperbot ingest` of files does).
  let started = performance.now();
  const parsed: ParsedPaper[] = [];
  for (const page of pages) parsed.push(...parseArxivAtom(page, CONTEXT).papers);
  parsed.push(...parseHfDailyPapers(hf, CONTEXT).papers);
  const parseMs = since(started);
  let mark = performance.now();
  const outcome = mergeIntoCorpus(store.corpus, parsed);
  const mergeMs = since(mark);
  mark = performance.now();
  await store.putPapers(outcome.changed);
  const persistMs = since(mark);
  const ingestMs = since(started);

  // What the app does next with the same batch: summaries, then search indexing.
  mark = performance.now();
  const enrich = createEnricher(
    store.corpus,
    { summary: { maxChars: 280 } },
    { eagerPapers: 0, samplePapers: 0 },
  );
  const summarized = enrich(outcome.changed);
  const summarizeMs = since(mark);
  mark = performance.now();
  SearchIndex.build(summarized);
  const indexMs = since(mark);

  // Live: one source's batch of new papers into the store that now holds N (persist rewrites the corpus file).
  started = performance.now();
  const live = parseArxivAtom(atomPage(papers.slice(size), size, LIVE_BATCH), CONTEXT).papers;
  const liveOutcome = mergeIntoCorpus(store.corpus, live);
  await store.putPapers(liveOutcome.changed);
  const liveBatchMs = since(started);
  await store.close();
  return {
    papers: outcome.counts.new,
    updated: outcome.counts.updated,
    parseMs,
    mergeMs,
    persistMs,
    ingestMs,
    papersPerS: (outcome.counts.new / ingestMs) * 1000,
    summarizeMs,
    indexMs,
    withSummariesAndIndexPerS: (outcome.counts.new / (ingestMs + summarizeMs + indexMs)) * 1000,
    liveBatchMs,
    ...cli,
  };
};

runChild(measure, import.meta.url);
