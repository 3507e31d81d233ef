// Topics of the seed papers for the ranking evaluation: how a paper is judged to belong, and which titles a team saves.

export interface RankingTopic {
  name: string;
  /** A paper belongs to the topic when its title or abstract matches. */
  belongs: RegExp;
  /** Which papers the team saves: the first three (by id) whose title matches. */
  savedTitle: RegExp;
}

export const RANKING_TOPICS: readonly RankingTopic[] = [
  {
    name: "local SGD and decentralized training",
    belongs: /local sgd|federated|decentralized|communication-efficient|diloco|low communication|all-reduce/i,
    savedTitle: /local sgd|decentralized/i,
  },
  {
    name: "mixture of experts",
    belongs: /mixture[- ]of[- ]experts|\bMoE\b|experts/i,
    savedTitle: /\bMoE|mixture/i,
  },
  {
    name: "multi-agent reinforcement learning",
    belongs: /multi-agent|\bMARL\b|stochastic games|nash/i,
    savedTitle: /multi-agent|\bMARL\b/i,
  },
  {
    name: "quantization",
    belongs: /quantiz|low-bit|compression/i,
    savedTitle: /quantiz|low-bit/i,
  },
  {
    name: "bandits and regret",
    belongs: /bandit|regret|best[- ]arm/i,
    savedTitle: /bandit|regret/i,
  },
  {
    name: "model merging",
    belongs: /model merging|merging models|merged model|merging/i,
    savedTitle: /merging/i,
  },
];

/** Six more seed topics (issue 14 asks for at least 12), written against the seed titles without looking at any ranking. */
export const MORE_SEED_TOPICS: readonly RankingTopic[] = [
  {
    name: "retrieval-augmented generation",
    belongs: /retrieval-augmented|\bRAG\b|retriev/i,
    savedTitle: /\bRAG\b|retrieval/i,
  },
  {
    name: "math reasoning with LLMs",
    belongs: /\bmath|theorem|olympiad/i,
    savedTitle: /math/i,
  },
  {
    name: "bilevel and stochastic optimization",
    belongs: /bilevel|stochastic optimization|convex optimization|first-order/i,
    savedTitle: /bilevel|stochastic optimization/i,
  },
  {
    name: "LLM inference serving",
    belongs: /kv cache|inference|throughput|serving|latency/i,
    savedTitle: /cache|batched|collaborative inference/i,
  },
  {
    name: "learning rates and optimizers",
    belongs: /learning rate|optimizer|batch size|\badam|large batch/i,
    savedTitle: /learning rate|optimizers|large batch/i,
  },
  {
    name: "test-time compute and reasoning",
    belongs: /test-time|inference scaling|compute-optimal|chain-of-thought|reasoning/i,
    savedTitle: /test-time|reasoning/i,
  },
];
