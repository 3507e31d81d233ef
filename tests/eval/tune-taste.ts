// Chooses the ranking weights on the TUNING half of the topics only (`npx tsx tests/eval/tune-taste.ts [generated]`): the held-out half is never looked at here.
import { testSettings } from "../helpers/core.js";
import {
  evalCorpus,
  evaluateSystem,
  generatorTopics,
  seedTopics,
  summarize,
  teamTasteSystem,
} from "./taste-eval.js";

const base = testSettings().ranking;
const generated = Number(process.argv[2] ?? 0);
const papers = evalCorpus(generated);
const topics = generated === 0 ? seedTopics() : [...seedTopics(), ...generatorTopics()];
const results: { p5: number; ndcg10: number; label: string }[] = [];
// The grid of the last tuning (issue 14, second pass): the team model's share and the pseudo-relevance
// feedback; the other weights stay as config/default.json has them (chosen by an earlier, wider grid).
for (const teamInterest of [0, 0.25, 0.5, 1])
  for (const expansion of [0, 0.5, 1])
    for (const expansionPapers of [5, 10]) {
      const weights = { ...base, teamInterest, expansion, expansionPapers };
      const scores = await evaluateSystem(await teamTasteSystem(weights)(papers), papers, topics);
      const tuned = summarize("taste", scores, false);
      results.push({ ...tuned, label: JSON.stringify({ teamInterest, expansion, expansionPapers }) });
    }
results.sort((a, b) => b.p5 + b.ndcg10 - (a.p5 + a.ndcg10));
for (const r of results.slice(0, 15)) console.log(r.p5.toFixed(3), r.ndcg10.toFixed(3), r.label);
