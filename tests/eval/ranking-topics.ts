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
