// Baseline: natural's TfIdf over title + abstract, queried the naive way (a string per query, top 5 by sorting).
import { createRequire } from "node:module";
import { type Measure, runChild } from "../child.js";
import { loadPapers } from "../corpus-file.js";
import { freeText, generateQueries } from "../queries.js";
import { percentile, since } from "../stats.js";
import { baselineQueryCount } from "./search-config.js";

// The deep import skips the whole package's ~1 s load (and its dotenv side effect).
const require = createRequire(import.meta.url);
const TfIdf = require("natural/lib/natural/tfidf/tfidf.js") as new () => {
  addDocument(text: string): void;
  tfidfs(terms: string, callback: (index: number, measure: number) => void): void;
};

export const measure: Measure = async ({ size, smoke }) => {
  const papers = await loadPapers(size);
  const queries = generateQueries(papers, smoke ? 100 : 500).slice(0, baselineQueryCount(size, smoke));
  let started = performance.now();
  const tfidf = new TfIdf();
  for (const paper of papers) tfidf.addDocument(`${paper.title} ${paper.abstract}`);
  const buildMs = since(started);
  const times: number[] = [];
  for (const query of queries) {
    const text = freeText(query);
    started = performance.now();
    const scored: { index: number; measure: number }[] = [];
    tfidf.tfidfs(text, (index, measure) => {
      if (measure > 0) scored.push({ index, measure });
    });
    scored.sort((a, b) => b.measure - a.measure).slice(0, 5);
    times.push(since(started));
  }
  return { queries: times.length, buildMs, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
};

runChild(measure, import.meta.url);
