// `npm run eval`: the search evaluation (MRR@10, recall@10; on the seeds and at scale), the team-ranking evaluation
// (held-out topics, baselines in the same run) and the text checks of TL;DRs and key phrases.
import { runTasteEval } from "./run-taste-eval.js";
import { CUTOFF, evaluateSearch } from "./search-eval.js";
import { evalSizes } from "./search-scale.js";
import { printScale, runScale } from "./search-scale-report.js";

const search = evaluateSearch();
console.log(
  `search: ${search.outcomes.length} queries  MRR@${CUTOFF} ${search.mrr.toFixed(3)}  recall@${CUTOFF} ${search.recall.toFixed(3)}`,
);
for (const { query, rank } of search.outcomes) {
  if (rank !== 1) console.log(`  ${rank ? `rank ${rank}` : "missed"}: ${query.query}`);
}

// With an embeddings endpoint in the environment, the same queries fused with meaning; else one line saying so.
{
  const { runSemanticEval } = await import("./semantic-eval.js");
  await runSemanticEval(process.env);
}

// Search among many papers, beside MiniSearch: 20,000 by default, SEARCH_EVAL_SIZES=20000,100000 for more (minutes).
for (const size of evalSizes()) printScale(runScale(size));

await runTasteEval(process.argv.slice(2));

// TL;DRs and key phrases of the seed papers, by the checks a reader applies (tests/eval/text-quality.ts).
{
  const { summarizedSeedPapers } = await import("../helpers/core.js");
  const { textQuality } = await import("./text-quality.js");
  const text = textQuality(summarizedSeedPapers());
  const share = (n: number, of: number) => `${n}/${of} (${((100 * n) / Math.max(1, of)).toFixed(1)}%)`;
  console.log(`\ntext: ${text.papers} seed papers`);
  console.log(
    `  TL;DR cut with "…"                ${share(text.cut.length, text.papers)}  ${text.cut.join(" ")}`,
  );
  console.log(
    `  TL;DR opening on a connective     ${share(text.dangling.length, text.papers)}  ${text.dangling.join(" ")}`,
  );
  console.log(`  TL;DR with no contribution verb   ${share(text.noContribution.length, text.papers)}`);
  console.log(
    `  key phrases failing the filter    ${share(text.junkPhrases.length, text.phrases)}  ${text.junkPhrases.join(", ")}`,
  );
}
