// Prints the scale evaluation: per size, the held-out and the tuning half, paperbot beside MiniSearch, with latencies.
import type { Paper } from "../../src/papers/paper.js";
import { BASELINE_CACHE_DIR, baselineKey, cachedMeasurement } from "./baseline-cache.js";
import {
  evaluateSystem,
  measureSystem,
  miniSearchSetup,
  miniSearchSystem,
  paperbotSystem,
  STYLES,
  type SystemResult,
  scaleCorpus,
  scaleTable,
  summarize,
} from "./search-scale.js";
import { allStyledQueries, isHeldOut } from "./search-styled-queries.js";

export interface ScaleRun {
  size: number;
  ours: SystemResult;
  /** Absent when SEARCH_EVAL_BASELINE=off: MiniSearch takes most of an hour at 100k on a busy machine. */
  baseline?: SystemResult;
  /** When the baseline's measurements were read from the cache: the date they were taken. */
  baselineCachedAt?: string;
}

export function runScale(size: number, env: Record<string, string | undefined> = process.env): ScaleRun {
  const papers: Paper[] = scaleCorpus(size);
  const ours = evaluateSystem(() => paperbotSystem(papers), papers);
  if (env.SEARCH_EVAL_BASELINE === "off") return { size, ours };
  const queries = allStyledQueries();
  const measure = () => measureSystem(() => miniSearchSystem(papers), papers, queries);
  if (env.SEARCH_EVAL_CACHE === "off") return { size, ours, baseline: summarize(measure(), queries) };
  // MiniSearch is deterministic: the same corpus, queries and set-up give the same ranks, so a
  // re-run reuses them (the latencies are then the cached run's).
  const key = baselineKey({ papers, queries, setup: miniSearchSetup() });
  const { measured, cachedAt } = cachedMeasurement(BASELINE_CACHE_DIR, key, measure, () => new Date());
  return { size, ours, baseline: summarize(measured, queries), baselineCachedAt: cachedAt };
}

export function printScale(
  { size, ours, baseline, baselineCachedAt }: ScaleRun,
  options: { tuningMisses?: boolean } = {},
): void {
  if (!baseline) {
    console.log(`\n${ours.name} alone (SEARCH_EVAL_BASELINE=off), ${size.toLocaleString("en")} papers:`);
    for (const half of ["held-out", "tuning"] as const) {
      const figures = STYLES.map((style) => {
        const { queries, mrr, recall } = ours.figures[half][style];
        return `${style} (${queries}) MRR@10 ${mrr.toFixed(3)} recall@10 ${recall.toFixed(3)}`;
      });
      console.log(`  ${half}, copies set aside: ${figures.join("; ")}`);
    }
    console.log(
      `  strict held-out plain MRR@10 ${ours.strict["held-out"].plain.mrr.toFixed(3)}; build ${(ours.buildMs / 1000).toFixed(1)} s, query p50 ${ours.p50.toFixed(2)} ms, p99 ${ours.p99.toFixed(2)} ms`,
    );
  } else {
    printComparison(size, ours, baseline, baselineCachedAt);
  }
  if (!options.tuningMisses) return;
  // Only the tuning half's misses are shown: reading the held-out ones would be tuning on them.
  for (const [query, rank] of ours.ranks) {
    if (rank === 1 || isHeldOut(query.query)) continue;
    const theirs = baseline ? ` (MiniSearch ${baseline.ranks.get(query) || "miss"})` : "";
    console.log(`  [${query.style}] ${rank || "miss"}${theirs}: ${query.query}  → ${query.title}`);
  }
}

function printComparison(size: number, ours: SystemResult, baseline: SystemResult, cachedAt?: string): void {
  console.log(`\n${scaleTable(size, "held-out", ours, baseline)}`);
  console.log(`\n${scaleTable(size, "held-out", ours, baseline, true)}`);
  console.log(`\n${scaleTable(size, "tuning", ours, baseline)}\n(the tuning half: tuned on, not a result)`);
  for (const system of [ours, baseline]) {
    console.log(
      `  ${system.name}: build ${(system.buildMs / 1000).toFixed(1)} s, query p50 ${system.p50.toFixed(2)} ms, p99 ${system.p99.toFixed(2)} ms`,
    );
  }
  if (cachedAt) {
    console.log(
      `  (${baseline.name}'s ranks and latencies read from the cache, measured ${cachedAt}; SEARCH_EVAL_CACHE=off re-measures)`,
    );
  }
}
