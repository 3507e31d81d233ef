// Times the search index at 100,000 synthetic papers (seed papers copied with varied ids and words).
import type { Paper } from "../../src/papers/paper.js";
import { parseQuery } from "../../src/search/query.js";
import { SearchIndex } from "../../src/search/search-index.js";
import { SEARCH_QUERIES } from "./search-queries.js";
import { loadSeedCorpus } from "./search-seeds.js";

const SIZE = Number(process.argv[2] ?? 100_000);
const QUERIES = 500;

/** A small deterministic generator, so runs compare. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const rand = random(42);
const seeds = [...loadSeedCorpus().all()];
// Made-up words widen the vocabulary the way 100k real abstracts would (~300k distinct words).
const madeUp = (): string => {
  const n = Math.floor(rand() * 300_000);
  return `${String.fromCharCode(97 + (n % 26))}${(n * 7919).toString(36)}`;
};
const papers: Paper[] = Array.from({ length: SIZE }, (_, i) => {
  const seed = seeds[i % seeds.length] as Paper;
  const noise = Array.from({ length: 12 }, madeUp).join(" ");
  const day = 1 + Math.floor(rand() * 28);
  return {
    ...seed,
    id: `syn${i}`,
    abstract: `${seed.abstract} ${noise}`,
    published: `20${String(18 + Math.floor(rand() * 8))}-0${1 + Math.floor(rand() * 9)}-${String(day).padStart(2, "0")}`,
    upvotes: Math.floor(rand() * 200),
    categories: seed.categories.length > 0 ? seed.categories : ["cs.LG"],
  };
});

const heapBefore = process.memoryUsage().heapUsed;
let started = performance.now();
const index = SearchIndex.build(papers);
const buildMs = performance.now() - started;
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

const texts = [
  ...SEARCH_QUERIES.map((q) => q.query),
  "author:qin",
  "cat:cs.LG sort:new",
  "since:2024-01 sort:top",
  '"mixture of experts" -survey',
  "local sgd sort:new",
  "quantization llm since:2024",
];
for (const text of texts.slice(0, 20)) index.search(parseQuery(text)); // warm up
const times: number[] = [];
for (let i = 0; i < QUERIES; i++) {
  const query = parseQuery(texts[i % texts.length] as string);
  started = performance.now();
  index.search(query, { limit: 10 });
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (p: number): string =>
  (times[Math.min(times.length - 1, Math.floor(p * times.length))] as number).toFixed(2);
started = performance.now();
for (let i = 0; i < 50; i++) index.similar(`syn${i * 97}`, 10);
const similarMs = (performance.now() - started) / 50;
started = performance.now();
index.update({ ...(papers[5] as Paper), title: "An updated title about local sgd" });
const updateMs = performance.now() - started;
console.log(
  `${SIZE} papers: build ${(buildMs / 1000).toFixed(1)} s, heap +${heapMb.toFixed(0)} MB; ` +
    `${QUERIES} queries p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; ` +
    `similar ${similarMs.toFixed(2)} ms; text update ${updateMs.toFixed(1)} ms`,
);
