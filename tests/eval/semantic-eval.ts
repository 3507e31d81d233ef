// The search evaluation with an embeddings endpoint: the same queries by words alone and fused with meaning, in one run.
import { loadConfig } from "../../src/config.js";
import { createLanguageModel } from "../../src/llm/openai-model.js";
import { openPaperEmbeddings } from "../../src/llm/paper-embeddings.js";
import { createSemanticSearch } from "../../src/llm/semantic-search.js";
import { createLogger } from "../../src/log.js";
import { createPaperSearch } from "../../src/search/paper-search.js";
import { summarizedSeedPapers } from "../helpers/core.js";
import { CUTOFF } from "./search-eval.js";
import { SEARCH_QUERIES } from "./search-queries.js";

interface Scores {
  mrr: number;
  recall: number;
}

function score(ranks: (number | undefined)[]): Scores {
  return {
    mrr: ranks.reduce<number>((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / ranks.length,
    recall: ranks.filter((rank) => rank !== undefined).length / ranks.length,
  };
}

/**
 * One line when no embeddings endpoint is configured (PAPERBOT_LLM_URL, PAPERBOT_LLM_MODEL and
 * PAPERBOT_EMBEDDINGS_MODEL); else embeds the seed papers (in memory, nothing written) and prints
 * MRR@10 and recall@10 by words alone (the baseline) and fused, with their ratio.
 */
export async function runSemanticEval(
  env: Record<string, string | undefined>,
  print: (line: string) => void = console.log,
): Promise<void> {
  const config = loadConfig({ env });
  const secrets = config.secrets.llm;
  if (!secrets?.embeddingsModel) {
    print(
      "semantic search: not evaluated, no embeddings endpoint configured (set PAPERBOT_LLM_URL, PAPERBOT_LLM_MODEL and PAPERBOT_EMBEDDINGS_MODEL)",
    );
    return;
  }
  const log = createLogger({ level: "error" });
  const model = createLanguageModel({ secrets, settings: config.settings.llm, log, now: () => new Date() });
  if (!model) return;
  const papers = summarizedSeedPapers();
  const embeddings = await openPaperEmbeddings({ model, log });
  const embedded = await embeddings.embedMissing(papers);
  if (embedded < papers.length) {
    print(
      `semantic search: only ${embedded} of ${papers.length} seed papers could be embedded; not evaluated`,
    );
    return;
  }
  const lexical = createPaperSearch(papers);
  const semantic = createSemanticSearch({ lexical, embeddings, model, log, timeoutMs: 30_000 });
  const byTitle = new Map(papers.map((p) => [p.title, p.id]));
  const words: (number | undefined)[] = [];
  const fused: (number | undefined)[] = [];
  for (const query of SEARCH_QUERIES) {
    const want = byTitle.get(query.title);
    const rankIn = (ids: string[]) => {
      const at = ids.indexOf(want ?? "");
      return at < 0 ? undefined : at + 1;
    };
    words.push(
      rankIn((await lexical.search(query.query, { limit: CUTOFF, offset: 0 })).hits.map((h) => h.id)),
    );
    const page = await semantic.search(query.query, { limit: CUTOFF, offset: 0, workspace: "eval" });
    fused.push(rankIn(page.hits.map((h) => h.id)));
  }
  const base = score(words);
  const both = score(fused);
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "n/a");
  print(
    `semantic search (${secrets.embeddingsModel}, ${SEARCH_QUERIES.length} queries, seeds): ` +
      `words MRR@${CUTOFF} ${base.mrr.toFixed(3)} recall@${CUTOFF} ${base.recall.toFixed(3)}; ` +
      `fused MRR@${CUTOFF} ${both.mrr.toFixed(3)} (×${ratio(both.mrr, base.mrr)}) recall@${CUTOFF} ${both.recall.toFixed(3)} (×${ratio(both.recall, base.recall)})`,
  );
}
