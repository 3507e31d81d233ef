// `npm run eval`: the search evaluation (MRR@10, recall@10) and the ranking evaluation beside its baseline.
import { evaluateRanking, TOP } from "./ranking-eval.js";
import { runTasteEval } from "./run-taste-eval.js";
import { CUTOFF, evaluateSearch } from "./search-eval.js";

const search = evaluateSearch();
console.log(
  `search: ${search.outcomes.length} queries  MRR@${CUTOFF} ${search.mrr.toFixed(3)}  recall@${CUTOFF} ${search.recall.toFixed(3)}`,
);
for (const { query, rank } of search.outcomes) {
  if (rank !== 1) console.log(`  ${rank ? `rank ${rank}` : "missed"}: ${query.query}`);
}

const ranking = await evaluateRanking();
console.log(`\nranking: share of the top ${TOP} on the topic a team saved 3 papers of`);
for (const topic of ranking.topics) {
  console.log(
    `  ${topic.topic.padEnd(40)} team ranking ${topic.onTopic}/${TOP}   popularity only ${topic.baselineOnTopic}/${TOP}`,
  );
}
console.log(
  `  mean: team ranking ${ranking.precision.toFixed(2)}, popularity-only baseline ${ranking.baselinePrecision.toFixed(2)}`,
);

await runTasteEval(process.argv.slice(2));
