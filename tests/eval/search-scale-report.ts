// Prints the scale evaluation: per size, the held-out and the tuning half, paperbot beside MiniSearch, with latencies.
import type { Paper } from "../../src/papers/paper.js";
import {
  evaluateSystem,
  miniSearchSystem,
  paperbotSystem,
  STYLES,
  type SystemResult,
  scaleCorpus,
  scaleTable,
} from "./search-scale.js";
import { isHeldOut } from "./search-styled-queries.js";

export interface ScaleRun {
  size: number;
  ours: SystemResult;
  /** Absent when SEARCH_EVAL_BASELINE=off: MiniSearch takes most of an hour at 100k on a busy machine. */
  baseline?: SystemResult;
}

export function runScale(size: number, env: Record<string, string | undefined> = process.env): ScaleRun {
  const papers: Paper[] = scaleCorpus(size);
  const ours = evaluateSystem(() => paperbotSystem(papers), papers);
  if (env.SEARCH_EVAL_BASELINE === "off") return { size, ours };
  const baseline = evaluateSystem(() => miniSearchSystem(papers), papers);
  return { size, ours, baseline };
}

export function printScale(
  { size, ours, baseline }: ScaleRun,
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
    return;
  }
  console.log(`\n${scaleTable(size, "held-out", ours, baseline)}`);
  console.log(`\n${scaleTable(size, "held-out", ours, baseline, true)}`);
  console.log(`\n${scaleTable(size, "tuning", ours, baseline)}\n(the tuning half: tuned on, not a result)`);
  for (const system of [ours, baseline]) {
    console.log(
      `  ${system.name}: build ${(system.buildMs / 1000).toFixed(1)} s, query p50 ${system.p50.toFixed(2)} ms, p99 ${system.p99.toFixed(2)} ms`,
    );
  }
  if (!options.tuningMisses) return;
  // Only the tuning half's misses are shown: reading the held-out ones would be tuning on them.
  for (const [query, rank] of ours.ranks) {
    if (rank === 1 || isHeldOut(query.query)) continue;
    const theirs = baseline.ranks.get(query) ?? 0;
    console.log(
      `  [${query.style}] ${rank || "miss"} (MiniSearch ${theirs || "miss"}): ${query.query}  → ${query.title}`,
    );
  }
}
