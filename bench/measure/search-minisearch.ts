// Baseline: MiniSearch as a user would set it up off the shelf (title and abstract, title boosted, top 5 of its results).
import MiniSearch from "minisearch";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";
import { freeText, generateQueries } from "../queries.js";
import { percentile, since } from "../stats.js";
import { baselineQueryCount } from "./search-config.js";

export const measure: Measure = async ({ size, smoke }) => {
  const papers = await loadPapers(size);
  const queries = generateQueries(papers, smoke ? 100 : 500).slice(0, baselineQueryCount(size, smoke));
  let started = performance.now();
  const index = new MiniSearch<{ id: string; title: string; abstract: string }>({
    fields: ["title", "abstract"],
    searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2 },
  });
  index.addAll(papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })));
  const buildMs = since(started);
  const times: number[] = [];
  for (const query of queries) {
    const text = freeText(query);
    started = performance.now();
    index.search(text).slice(0, 5);
    times.push(since(started));
  }
  return { queries: times.length, buildMs, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
};

runChild(measure, import.meta.url);
