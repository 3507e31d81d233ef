// Search CPU with broad queries stopping at their page against the exhaustive run, in one process, alternated; and whether their pages ever differ.
import { parseQuery } from "../../src/search/query.js";
import { QueryRun, type SearchPage } from "../../src/search/query-run.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { WARM_UP_QUERIES } from "../../src/search/warm-up.js";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";
import { generateQueries } from "../queries.js";
import { percentile } from "../stats.js";

const ROUNDS = 4;

function cpuMs(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

export const measure: Measure = async ({ size, smoke }) => {
  const papers = await loadPapers(size);
  const queries = generateQueries(papers, smoke ? 100 : 500);
  const index = SearchIndex.build(papers);
  const pruned = new QueryRun(index);
  const exhaustive = new QueryRun(index, { broadPostings: Number.POSITIVE_INFINITY });
  const ask = (run: QueryRun, text: string): SearchPage =>
    run.search(parseQuery(text), { limit: 5, offset: 0 });
  for (const text of [...WARM_UP_QUERIES, ...queries]) {
    ask(pruned, text);
    ask(exhaustive, text);
  }
  let differing = 0;
  const ratios: number[] = [];
  for (const text of queries) {
    const a = ask(pruned, text);
    const b = ask(exhaustive, text);
    if (JSON.stringify(a.hits) !== JSON.stringify(b.hits) || a.nextOffset !== b.nextOffset) differing++;
    if (a.totalEstimated) ratios.push(a.total / Math.max(1, b.total));
  }
  const askAll = (run: QueryRun): void => {
    for (const text of queries) ask(run, text);
  };
  const prunedMs: number[] = [];
  const exhaustiveMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    exhaustiveMs.push(cpuMs(() => askAll(exhaustive)) / queries.length);
    prunedMs.push(cpuMs(() => askAll(pruned)) / queries.length);
  }
  return {
    queries: queries.length,
    estimated: ratios.length,
    differingPages: differing,
    exhaustiveCpuMsPerQuery: percentile(exhaustiveMs, 0.5),
    prunedCpuMsPerQuery: percentile(prunedMs, 0.5),
    estimateRatioMin: ratios.length ? Math.min(...ratios) : 0,
    estimateRatioMedian: percentile(ratios, 0.5),
    estimateRatioMax: ratios.length ? Math.max(...ratios) : 0,
  };
};

runChild(measure, import.meta.url);
