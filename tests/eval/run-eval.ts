// `npm run eval`: the search evaluation (MRR@10, recall@10) and the team-ranking evaluation (held-out topics, baselines in the same run).
import { runTasteEval } from "./run-taste-eval.js";
import { CUTOFF, evaluateSearch } from "./search-eval.js";

const search = evaluateSearch();
console.log(
  `search: ${search.outcomes.length} queries  MRR@${CUTOFF} ${search.mrr.toFixed(3)}  recall@${CUTOFF} ${search.recall.toFixed(3)}`,
);
for (const { query, rank } of search.outcomes) {
  if (rank !== 1) console.log(`  ${rank ? `rank ${rank}` : "missed"}: ${query.query}`);
}

await runTasteEval(process.argv.slice(2));
