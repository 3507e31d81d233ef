// The ranking evaluation: after a team saves 3 papers of a topic, how much of its top 5 is on that topic?
import { createPaperSearch } from "../../src/core.js";
import { composeHighlights } from "../../src/digest/compose.js";
import type { Paper } from "../../src/papers/paper.js";
import type { RankingWeights } from "../../src/rank/weights.js";
import { LowStore } from "../../src/store/low-store.js";
import { summarizedSeedPapers, testSettings } from "../helpers/core.js";
import { RANKING_TOPICS, type RankingTopic } from "./ranking-topics.js";

export const TOP = 5;
const NOW = new Date("2026-11-22T12:00:00Z");

export interface TopicOutcome {
  topic: string;
  saved: string[];
  onTopic: number;
  baselineOnTopic: number;
}

export interface RankingEvalReport {
  topics: TopicOutcome[];
  /** Mean share of the top 5 on the saved topic. */
  precision: number;
  baselinePrecision: number;
}

function belongs(topic: RankingTopic, paper: Paper): boolean {
  return topic.belongs.test(`${paper.title} ${paper.abstract}`);
}

async function topFive(papers: Paper[], saved: Paper[], weights: RankingWeights): Promise<Paper[]> {
  const store = await LowStore.inMemory(papers);
  for (const paper of saved) {
    await store.addSave({
      workspace: "slack:T",
      userId: `U-${paper.id}`,
      paperId: paper.id,
      savedAt: NOW.toISOString(),
    });
  }
  const settings = { ...testSettings(), ranking: weights };
  const search = createPaperSearch(store.corpus.all());
  return composeHighlights(
    { store, search, settings },
    { workspace: "slack:T", channel: "slack:T:C", size: TOP, topics: [], excluded: [] },
    NOW,
  ).map((h) => h.paper);
}

export async function evaluateRanking(
  topics: readonly RankingTopic[] = RANKING_TOPICS,
  papers?: Paper[],
): Promise<RankingEvalReport> {
  const corpus = papers ?? (await summarizedSeeds());
  const weights = testSettings().ranking;
  const popularityOnly: RankingWeights = { ...weights, teamInterest: 0, topic: 0 };
  const outcomes: TopicOutcome[] = [];
  for (const topic of topics) {
    const saved = corpus
      .filter((p) => topic.savedTitle.test(p.title))
      .sort((a, b) => a.id.localeCompare(b.id))
      .slice(0, 3);
    const ranked = await topFive(corpus, saved, weights);
    const baseline = await topFive(corpus, saved, popularityOnly);
    outcomes.push({
      topic: topic.name,
      saved: saved.map((p) => p.title),
      onTopic: ranked.filter((p) => belongs(topic, p)).length,
      baselineOnTopic: baseline.filter((p) => belongs(topic, p)).length,
    });
  }
  const mean = (f: (o: TopicOutcome) => number) =>
    outcomes.reduce((sum, o) => sum + f(o), 0) / outcomes.length / TOP;
  return {
    topics: outcomes,
    precision: mean((o) => o.onTopic),
    baselinePrecision: mean((o) => o.baselineOnTopic),
  };
}

/** The seed papers with our summaries and key phrases, as the store holds them after ingest. */
export async function summarizedSeeds(): Promise<Paper[]> {
  return summarizedSeedPapers();
}
