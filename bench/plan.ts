// What `npm run bench` measures: each measurement, at which sizes, how many runs (each run its own process).

export interface Measurement {
  name: string;
  script: string;
  args?: string[];
  /** Runs per size; the table shows the median of each figure. */
  runs: (size: number) => number;
  sizes?: readonly number[];
  /** Set in the measurement process's environment, on top of the runner's. */
  env?: Record<string, string>;
}

export const SIZES = [1_000, 10_000, 100_000] as const;

const heavy = (size: number): number => (size >= 100_000 ? 1 : 3);

/**
 * glibc's malloc on transparent huge pages, as docs/operations.md's systemd unit and Dockerfile run the
 * bot: a start fills a gigabyte of fresh memory, and on the benchmark's VM a page fault a 4 KB page was
 * most of what that cost. Only the starts are measured both ways; the rest run as `npm start` does.
 */
export const HUGE_PAGES_ENV = { GLIBC_TUNABLES: "glibc.malloc.hugetlb=1" };

export const PLAN: readonly Measurement[] = [
  { name: "calibrate", script: "calibrate.ts", runs: () => 1 },
  { name: "prepare-index", script: "prepare-index.ts", runs: () => 1 },
  { name: "ingest", script: "ingest.ts", runs: (size) => (size >= 100_000 ? 2 : 3) },
  { name: "cold-start", script: "cold-start.ts", args: ["--mode", "restart"], runs: () => 3 },
  {
    name: "cold-start-huge-pages",
    script: "cold-start.ts",
    args: ["--mode", "restart"],
    runs: () => 3,
    env: HUGE_PAGES_ENV,
  },
  { name: "store-load", script: "store-load.ts", runs: () => 3 },
  { name: "cold-start-first", script: "cold-start.ts", args: ["--mode", "first"], runs: heavy },
  {
    name: "cold-start-first-huge-pages",
    script: "cold-start.ts",
    args: ["--mode", "first"],
    runs: heavy,
    env: HUGE_PAGES_ENV,
  },
  { name: "build-search", script: "build-search.ts", runs: heavy },
  { name: "search", script: "search.ts", runs: () => 3 },
  { name: "search-cli", script: "search-cli.ts", runs: () => 1 },
  { name: "search-pruned", script: "search-pruned.ts", runs: () => 1, sizes: [100_000] },
  { name: "search-natural", script: "search-natural.ts", runs: heavy },
  { name: "search-minisearch", script: "search-minisearch.ts", runs: heavy },
  { name: "digest", script: "digest.ts", runs: () => 3 },
  { name: "follows", script: "follows.ts", runs: () => 3 },
  { name: "save", script: "save.ts", runs: () => 3, sizes: [1_000, 100_000] },
  { name: "retrain", script: "retrain.ts", runs: () => 1, sizes: [10_000, 100_000] },
  { name: "e2e-http", script: "e2e-http.ts", runs: () => 1 },
];
