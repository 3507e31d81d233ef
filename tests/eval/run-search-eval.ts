// Prints the search evaluation: the two figures, then every query that missed first place.
import { CUTOFF, evaluateSearch } from "./search-eval.js";

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
