// Tunes BM25F's field weights and length normalisation on the tuning half: `tsx tests/eval/search-sweep.ts '{"title":[3,0.5]}' 20000`.
import { FIELD_B, FIELD_WEIGHTS, type Field } from "../../src/search/fields.js";

// The overrides must land before the index module reads the fields, hence the dynamic imports below.
const overrides = JSON.parse(process.argv[2] ?? "{}") as Partial<Record<Field | "k1", [number, number]>>;
for (const [field, [weight, b]] of Object.entries(overrides)) {
  (FIELD_WEIGHTS as Record<string, number>)[field] = weight;
  (FIELD_B as Record<string, number>)[field] = b;
}
const { evaluateSystem, paperbotSystem, scaleCorpus, STYLES } = await import("./search-scale.js");
const { isHeldOut, allStyledQueries } = await import("./search-styled-queries.js");
const size = Number(process.argv[3] ?? 20_000);
const papers = scaleCorpus(size);
const tuning = allStyledQueries().filter((query) => !isHeldOut(query.query));
const result = evaluateSystem(() => paperbotSystem(papers), papers, tuning);
const figures = STYLES.map((style) => `${style} ${result.figures.tuning[style].mrr.toFixed(3)}`).join("  ");
console.log(`${JSON.stringify(overrides)} @${size} tuning: ${figures}  p99 ${result.p99.toFixed(1)} ms`);
