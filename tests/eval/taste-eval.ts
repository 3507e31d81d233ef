// The held-out team-ranking evaluation of issue 14: a team saves 3 papers of a topic; how many of the topic's other papers lead its ranking?
import { generateCorpus } from "../../bench/corpus.js";
import { seedMaterial } from "../../bench/seed-material.js";
import type { Paper } from "../../src/papers/paper.js";
import type { RankingWeights } from "../../src/rank/weights.js";
import { PaperVectors } from "../../src/search/paper-vectors.js";
import { rankForTeam } from "../../src/taste/rank-team.js";
import { TeamTaste } from "../../src/taste/team-taste.js";
import { summarizedSeedPapers, testSettings } from "../helpers/core.js";
import { MORE_SEED_TOPICS, RANKING_TOPICS } from "./ranking-topics.js";
import { linearSvm, popularityOnly, type RankSystem, tfidfOfSavedTitles } from "./taste-baselines.js";

export const EVAL_NOW = new Date("2026-11-22T12:00:00Z");

export interface EvalTopic {
  name: string;
  source: "seeds" | "generator";
  /** Held out: never used to choose a weight. */
  heldOut: boolean;
  belongs(paper: Paper): boolean;
  /** The three papers the team saves. */
  saved(papers: readonly Paper[]): Paper[];
}

/** The 12 seed topics; every other one (in a fixed order) is held out. */
export function seedTopics(): EvalTopic[] {
  return [...RANKING_TOPICS, ...MORE_SEED_TOPICS].map((topic, i) => ({
    name: topic.name,
    source: "seeds",
    heldOut: i % 2 === 1,
    belongs: (paper) => topic.belongs.test(`${paper.title} ${paper.abstract}`),
    saved: (papers) =>
      papers
        .filter((p) => !isGenerated(p) && topic.savedTitle.test(p.title))
        .sort((a, b) => a.id.localeCompare(b.id))
        .slice(0, 3),
  }));
}

const GENERATED = new WeakSet<Paper>();
function isGenerated(paper: Paper): boolean {
  return GENERATED.has(paper);
}

/**
 * Topics of the corpus generator (bench/corpus.ts): each generated paper recombines one seed paper's
 * sentences and key phrases, so its topic is known by construction. Six of the seed papers the
 * generator draws most often; half held out. They exist only in generated corpora.
 */
export function generatorTopics(): EvalTopic[] {
  const material = seedMaterial();
  return material.papers.slice(0, 6).map((seed, i) => {
    const mark = seed.keyphrases[0] ?? seed.title;
    const belongs = (paper: Paper) =>
      paper.title === seed.title || (isGenerated(paper) && paper.keyphrases?.[1] === mark);
    return {
      name: `generated: ${seed.tail.slice(0, 40)}`,
      source: "generator" as const,
      heldOut: i % 2 === 1,
      belongs,
      saved: (papers) => papers.filter((p) => isGenerated(p) && belongs(p)).slice(0, 3),
    };
  });
}

/** The seeds inside `generated` synthetic papers (a generated id that a seed already has is left out). */
export function evalCorpus(generated: number): Paper[] {
  const seeds = summarizedSeedPapers();
  if (generated === 0) return seeds;
  const ids = new Set(seeds.map((p) => p.id));
  const synthetic = generateCorpus(generated).filter((p) => !ids.has(p.id));
  for (const paper of synthetic) GENERATED.add(paper);
  return [...seeds, ...synthetic];
}

export interface TopicScore {
  topic: string;
  heldOut: boolean;
  /** P@5 divided by the best possible P@5 (when fewer than 5 papers are relevant). */
  p5: number;
  ndcg10: number;
}

export function scoreRanking(
  ranking: readonly string[],
  relevant: ReadonlySet<string>,
): { p5: number; ndcg10: number } {
  const hits5 = ranking.slice(0, 5).filter((id) => relevant.has(id)).length;
  const p5 = relevant.size === 0 ? 0 : hits5 / Math.min(5, relevant.size);
  let dcg = 0;
  ranking.slice(0, 10).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(10, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return { p5, ndcg10: ideal === 0 ? 0 : dcg / ideal };
}

/** Runs `system` on every topic that has 3 papers to save and something to find. */
export async function evaluateSystem(
  system: RankSystem,
  papers: readonly Paper[],
  topics: readonly EvalTopic[],
): Promise<TopicScore[]> {
  const out: TopicScore[] = [];
  for (const topic of topics) {
    const saved = topic.saved(papers);
    if (saved.length < 3) continue;
    const savedIds = new Set(saved.map((p) => p.id));
    const candidates = papers.filter((p) => !savedIds.has(p.id));
    const relevant = new Set(candidates.filter((p) => topic.belongs(p)).map((p) => p.id));
    if (relevant.size === 0) continue;
    const ranking = (await system({ saved, candidates })).slice(0, 10);
    out.push({ topic: topic.name, heldOut: topic.heldOut, ...scoreRanking(ranking, relevant) });
  }
  return out;
}

export type SystemFactory = (papers: readonly Paper[]) => RankSystem | Promise<RankSystem>;

export interface SystemSummary {
  system: string;
  p5: number;
  ndcg10: number;
  topics: TopicScore[];
}

export function summarize(system: string, scores: readonly TopicScore[], heldOut = true): SystemSummary {
  const kept = scores.filter((s) => s.heldOut === heldOut);
  const mean = (f: (s: TopicScore) => number) =>
    kept.reduce((sum, s) => sum + f(s), 0) / Math.max(1, kept.length);
  return { system, p5: mean((s) => s.p5), ndcg10: mean((s) => s.ndcg10), topics: kept };
}

export interface ScaleReport {
  generated: number;
  papers: number;
  systems: SystemSummary[];
}

export const BASELINES: Record<string, SystemFactory> = {
  "popularity only": () => popularityOnly(),
  "tf-idf of saved titles": (papers) => tfidfOfSavedTitles(papers),
  "linear SVM (arxiv-sanity-lite)": (papers) => linearSvm(papers),
};

/** Every system at one scale, on the held-out topics. */
export async function evaluateScale(
  generated: number,
  systems: Record<string, SystemFactory>,
): Promise<ScaleReport> {
  const papers = evalCorpus(generated);
  const topics = generated === 0 ? seedTopics() : [...seedTopics(), ...generatorTopics()];
  const summaries: SystemSummary[] = [];
  for (const [name, factory] of Object.entries(systems)) {
    const system = await factory(papers);
    summaries.push(summarize(name, await evaluateSystem(system, papers, topics)));
  }
  return { generated, papers: papers.length, systems: summaries };
}

/** The ranking of issue 14 (src/taste): the team's model over paper vectors, closeness to saves, crowd and freshness. */
export function teamTasteSystem(weights: RankingWeights = testSettings().ranking): SystemFactory {
  return (papers) => {
    const vectors = PaperVectors.build(papers);
    const titles = new Map(papers.map((p) => [p.id, p.title]));
    return ({ saved, candidates }) => {
      const workspace = "slack:T";
      const saves = saved.map((p) => ({
        workspace,
        userId: `U-${p.id}`,
        paperId: p.id,
        savedAt: EVAL_NOW.toISOString(),
      }));
      const taste = TeamTaste.train({ workspace, saves, dismissals: [] }, vectors, EVAL_NOW);
      return rankForTeam({
        candidates,
        vectors,
        taste,
        topics: [],
        now: EVAL_NOW,
        weights,
        size: 10,
        titleOf: (id) => titles.get(id),
      }).map((h) => h.paper.id);
    };
  };
}
