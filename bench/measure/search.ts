// Search latency of paperbot's index (parse + search, as the chat calls it) over the benchmark queries.
import { createPaperSearch } from "../../src/core.js";
import { WARM_UP_QUERIES } from "../../src/search/warm-up.js";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";
import { generateQueries } from "../queries.js";
import { percentile, since } from "../stats.js";
import { baselineQueryCount, QUERY_COUNT } from "./search-config.js";

export const measure: Measure = async ({ size, smoke }) => {
  const papers = await loadPapers(size);
  const queries = generateQueries(papers, smoke ? 100 : QUERY_COUNT);
  let started = performance.now();
  const search = createPaperSearch(papers);
  const buildMs = since(started);
  // A fresh index answers its first queries far slower than later ones; the app warms up at start
  // with these queries (which also make the lazily built parts, such as the typo index).
  for (const query of [...WARM_UP_QUERIES, ...queries.slice(0, 20)])
    await search.search(query, { limit: 5, offset: 0 });
  const times: number[] = [];
  let hits = 0;
  for (const query of queries) {
    started = performance.now();
    const page = await search.search(query, { limit: 5, offset: 0 });
    times.push(since(started));
    hits += page.hits.length;
  }
  const subset = times.slice(0, baselineQueryCount(size, smoke));
  return {
    queries: times.length,
    buildMs,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: percentile(times, 1),
    subsetQueries: subset.length,
    subsetP50: percentile(subset, 0.5),
    subsetP99: percentile(subset, 0.99),
    meanHits: hits / times.length,
  };
};

runChild(measure, import.meta.url);
