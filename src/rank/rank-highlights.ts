// Scores a channel's candidate papers (popularity, freshness, team interest, topic), diversifies them, and says why.
import type { Paper } from "../papers/paper.js";
import { jaccard, termSet } from "./term-set.js";
import type { RankingWeights } from "./weights.js";

export interface Interest {
  /** 0..1, how close the paper is to what the team saved. */
  score: number;
  /** e.g. "3 people here saved papers on model merging". */
  reason?: string;
}

export interface RankInput {
  candidates: readonly Paper[];
  now: Date;
  weights: RankingWeights;
  size: number;
  /** Team interest per paper id (absent = none). */
  interest?: ReadonlyMap<string, Interest>;
  /** Topic match per paper id, 0..1 (absent = none). */
  topic?: ReadonlyMap<string, number>;
  /** The channel's topic words, for the reason line. */
  topicWords?: readonly string[];
}

export interface Highlight {
  paper: Paper;
  score: number;
  reasons: string[];
}

const DAY_MS = 86_400_000;

export function popularity(paper: Paper, maxUpvotes: number): number {
  if (!paper.upvotes || maxUpvotes <= 0) return 0;
  return Math.log1p(paper.upvotes) / Math.log1p(maxUpvotes);
}

/** Publication days repeat across a corpus (a few thousand distinct ones): each is parsed once. */
const parsedDays = new Map<string, number>();

function dayMs(day: string): number {
  let ms = parsedDays.get(day);
  if (ms === undefined) {
    if (parsedDays.size >= 100_000) parsedDays.clear();
    ms = Date.parse(day);
    parsedDays.set(day, ms);
  }
  return ms;
}

export function freshness(paper: Paper, now: Date, halfLifeDays: number): number {
  if (!paper.published) return 0;
  const ageDays = Math.max(0, (now.getTime() - dayMs(paper.published)) / DAY_MS);
  return 0.5 ** (ageDays / halfLifeDays);
}

function reasonsFor(
  paper: Paper,
  parts: { pop: number; fresh: number; interest?: Interest; topic: number },
  input: RankInput,
): string[] {
  const reasons: string[] = [];
  if (parts.interest?.reason && parts.interest.score > 0.15) reasons.push(parts.interest.reason);
  if (parts.topic > 0.2 && input.topicWords && input.topicWords.length > 0) {
    reasons.push(`matches this channel's topics: ${input.topicWords.join(", ")}`);
  }
  if (paper.upvotes && parts.pop > 0.5) reasons.push(`trending: ${paper.upvotes} upvotes`);
  if (paper.published && parts.fresh > 0.5) reasons.push(`new: published ${paper.published}`);
  if (reasons.length === 0) {
    reasons.push(
      paper.upvotes
        ? `${paper.upvotes} upvotes`
        : paper.published
          ? `published ${paper.published}`
          : "not yet shown here",
    );
  }
  return reasons;
}

/** The top `size` highlights, chosen by maximal marginal relevance so they are not five versions of one idea. */
export function rankHighlights(input: RankInput): Highlight[] {
  const { weights } = input;
  const maxUpvotes = Math.max(0, ...input.candidates.map((p) => p.upvotes ?? 0));
  const scored = input.candidates.map((paper) => {
    const pop = popularity(paper, maxUpvotes);
    const fresh = freshness(paper, input.now, weights.freshnessHalfLifeDays);
    const interest = input.interest?.get(paper.id);
    const topic = input.topic?.get(paper.id) ?? 0;
    const score =
      weights.popularity * pop +
      weights.freshness * fresh +
      weights.teamInterest * (interest?.score ?? 0) +
      weights.topic * topic;
    return { paper, score, parts: { pop, fresh, interest, topic } };
  });
  scored.sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
  // MMR over a short list: the best few dozen are enough to pick five diverse ones.
  const pool = scored.slice(0, Math.max(input.size * 8, 40));
  const top = pool[0]?.score ?? 0;
  const terms = new Map(pool.map((s) => [s.paper.id, termSet(s.paper)]));
  const chosen: typeof pool = [];
  while (chosen.length < input.size && pool.length > 0) {
    let bestIndex = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    pool.forEach((candidate, index) => {
      const relevance = top > 0 ? candidate.score / top : 0;
      const redundancy = Math.max(
        0,
        ...chosen.map((c) =>
          jaccard(terms.get(c.paper.id) as Set<string>, terms.get(candidate.paper.id) as Set<string>),
        ),
      );
      const value = weights.diversity * relevance - (1 - weights.diversity) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = index;
      }
    });
    chosen.push(...pool.splice(bestIndex, 1));
  }
  return chosen.map((c) => ({
    paper: c.paper,
    score: Number(c.score.toFixed(4)),
    reasons: reasonsFor(c.paper, c.parts, input),
  }));
}
