// Prints the search evaluation: the seed figures and every query that missed first place; with --scale, the tuning half's misses at scale.
import { CUTOFF, evaluateSearch } from "./search-eval.js";
import { evalSizes } from "./search-scale.js";
import { printScale, runScale } from "./search-scale-report.js";

const { mrr, recall, outcomes } = evaluateSearch();
for (const { query, rank, top } of outcomes) {
  if (rank === 1) continue;
  console.log(`${rank ? `rank ${rank}` : "missed"}  [${query.kind}] ${query.query}`);
  console.log(`    want: ${query.title}`);
  for (const title of top) console.log(`    got:  ${title}`);
}
console.log(
  `${outcomes.length} queries  MRR@${CUTOFF} ${mrr.toFixed(3)}  recall@${CUTOFF} ${recall.toFixed(3)}`,
);
if (process.argv.includes("--scale")) {
  for (const size of evalSizes()) printScale(runScale(size), { tuningMisses: true });
}
