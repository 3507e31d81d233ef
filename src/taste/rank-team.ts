// Ranks a channel's candidates for its team (model, closeness to saves, topics, crowd, freshness), diversifies the relevant ones, and says why.
import type { Paper } from "../papers/paper.js";
import type { RankingWeights } from "../rank/weights.js";
import { contentWords } from "../search/paper-text.js";
import { dot, featureNames, type PaperVectors, type SparseVector } from "../search/paper-vectors.js";
import { strongestFeatures } from "./linear-model.js";
import type { SignalPaper, TeamTaste } from "./team-taste.js";
import { matchTopics, type TopicMatch } from "./topic-match.js";

export interface Highlight {
  paper: Paper;
  score: number;
  reasons: string[];
}

export interface TeamRankInput {
  candidates: readonly Paper[];
  vectors: PaperVectors;
  taste: TeamTaste;
  topics: readonly string[];
  now: Date;
  weights: RankingWeights;
  size: number;
  /** Saved papers' titles, for "close to “X”" (the store's papers). */
  titleOf: (id: string) => string | undefined;
}

interface Scored {
  paper: Paper;
  vector: SparseVector | undefined;
  score: number;
  relevant: boolean;
  belief: number;
  near?: { paper: SignalPaper; similarity: number };
  dismissedNear?: { paper: SignalPaper; similarity: number };
  topic: TopicMatch;
  pop: number;
  fresh: number;
}

const DAY_MS = 86_400_000;

export function popularity(paper: Paper, maxUpvotes: number): number {
  if (!paper.upvotes || maxUpvotes <= 0) return 0;
  return Math.log1p(paper.upvotes) / Math.log1p(maxUpvotes);
}

export function freshness(paper: Paper, now: Date, halfLifeDays: number): number {
  if (!paper.published) return 0;
  const ageDays = Math.max(0, (now.getTime() - Date.parse(paper.published)) / DAY_MS);
  return 0.5 ** (ageDays / halfLifeDays);
}

/**
 * Three saves are a thin description of a topic: the candidates closest to their mean, added to it
 * (pseudo-relevance feedback, as in Rocchio's retrieval), bring in the topic's other words. Both the
 * mean and the candidates it moves toward are taken away from what the team marked not for us.
 */
function widened(input: TeamRankInput, dismissed: ReadonlySet<string>): SparseVector | undefined {
  const { taste, weights } = input;
  const interest = taste.widenedCentroid([], 0, weights.dismissal);
  const k = weights.expansionPapers;
  if (!interest || k <= 0 || weights.expansion <= 0) return interest;
  const near: { vector: SparseVector; score: number }[] = [];
  for (const paper of input.candidates) {
    if (dismissed.has(paper.id)) continue;
    const vector = input.vectors.vector(paper.id);
    if (!vector) continue;
    const score = dot(interest, vector);
    if (score >= weights.closeThreshold) near.push({ vector, score });
  }
  near.sort((a, b) => b.score - a.score);
  return taste.widenedCentroid(
    near.slice(0, k).map((n) => n.vector),
    weights.expansion,
    weights.dismissal,
  );
}

/** A team's widened interest and each candidate's closeness to it, for one list of candidates. */
interface Closeness {
  centroid: SparseVector | undefined;
  of: Map<string, number>;
}

/**
 * The channels of a team mostly ask about the same candidates on the same day: the widened interest
 * and the closeness to it are worked out once per (taste, candidates, weights). A taste lives at most
 * a day, so each keeps a handful of lists.
 */
const closenessKept = new WeakMap<TeamTaste, Map<string, Closeness>>();

function closenessFor(input: TeamRankInput, dismissed: ReadonlySet<string>): Closeness {
  const { taste, weights } = input;
  let kept = closenessKept.get(taste);
  if (!kept) {
    kept = new Map();
    closenessKept.set(taste, kept);
  }
  const key = `${weights.expansion}\u0001${weights.expansionPapers}\u0001${weights.dismissal}\u0001${weights.closeThreshold}\u0001${input.candidates.map((p) => p.id).join("\u0002")}`;
  let closeness = kept.get(key);
  if (!closeness) {
    if (kept.size >= 64) kept.clear();
    closeness = { centroid: widened(input, dismissed), of: new Map() };
    kept.set(key, closeness);
  }
  return closeness;
}

function scoreAll(input: TeamRankInput): Scored[] {
  const { taste, weights } = input;
  let maxUpvotes = 0;
  for (const paper of input.candidates) maxUpvotes = Math.max(maxUpvotes, paper.upvotes ?? 0);
  const dismissed = new Set(taste.dismissed.map((d) => d.id));
  const out: Scored[] = [];
  const kept = closenessFor(input, dismissed);
  const centroid = kept.centroid;
  for (const paper of input.candidates) {
    if (dismissed.has(paper.id)) continue;
    const judged = taste.judge(paper.id, input.vectors);
    const vector = judged?.vector;
    const belief = judged?.belief ?? 0.5;
    const near = judged?.near;
    const dismissedNear = judged?.dismissedNear;
    const topic = matchTopics(paper, input.topics);
    const pop = popularity(paper, maxUpvotes);
    const fresh = freshness(paper, input.now, weights.freshnessHalfLifeDays);
    // What the saves have in common ranks better than the single closest save (which favours a
    // near-duplicate of one save over the topic they share); the closest save still names the reason.
    let closeness = kept.of.get(paper.id);
    if (closeness === undefined) {
      closeness = vector && centroid ? dot(centroid, vector) : 0;
      kept.of.set(paper.id, closeness);
    }
    const sink = dismissedNear?.similarity ?? 0;
    const score =
      (taste.saved.length > 0 ? weights.popularity : weights.popularityWithoutSaves) * pop +
      weights.freshness * fresh +
      weights.teamInterest * (belief - 0.5) * 2 +
      weights.closeness * closeness -
      weights.dismissal * sink +
      weights.topic * topic.score;
    // Relevant: what the team or the channel asked for. Diversity works inside this set only, so it
    // never lifts an off-topic paper above one the team would want.
    const close = Math.max(closeness, near?.similarity ?? 0) >= weights.closeThreshold;
    const relevant =
      taste.saved.length > 0
        ? belief > 0.5 || close || topic.score > 0
        : input.topics.length === 0 || topic.score > 0;
    out.push({ paper, vector, score, relevant, belief, near, dismissedNear, topic, pop, fresh });
  }
  out.sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
  return out;
}

/** Maximal marginal relevance over a short list: the best few dozen are enough to pick a diverse handful. */
function diversify(scored: Scored[], size: number, trade: number): Scored[] {
  const pool = scored.slice(0, Math.max(size * 8, 40));
  const top = pool[0]?.score ?? 0;
  const bottom = pool[pool.length - 1]?.score ?? 0;
  const span = top - bottom;
  const chosen: Scored[] = [];
  while (chosen.length < size && pool.length > 0) {
    let bestIndex = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    pool.forEach((candidate, index) => {
      const relevance = span > 0 ? (candidate.score - bottom) / span : 1;
      let redundancy = 0;
      for (const c of chosen) {
        if (c.vector && candidate.vector) redundancy = Math.max(redundancy, dot(c.vector, candidate.vector));
      }
      const value = trade * relevance - (1 - trade) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = index;
      }
    });
    chosen.push(...pool.splice(bestIndex, 1));
  }
  return chosen;
}

/** The top `size` highlights: the relevant ones first (diversified among themselves), then the rest by score. */
export function rankForTeam(input: TeamRankInput): Highlight[] {
  const scored = scoreAll(input);
  const relevant = scored.filter((s) => s.relevant);
  const chosen = diversify(relevant, input.size, input.weights.diversity);
  if (chosen.length < input.size) {
    const taken = new Set(chosen);
    for (const s of scored) {
      if (chosen.length >= input.size) break;
      if (!taken.has(s)) chosen.push(s);
    }
  }
  return chosen.map((s) => ({
    paper: s.paper,
    score: Number(s.score.toFixed(4)),
    reasons: reasonsFor(s, input),
  }));
}

function people(count: number): string {
  return count === 1 ? "someone here" : `${count} people here`;
}

/** A folded feature in the paper's own spelling: "speculative decod" → "speculative decoding". */
export function readable(feature: string, paper: Paper): string | undefined {
  const kind = feature[0];
  if (kind === "a" || kind === "o") return feature.slice(2);
  if (kind === "c") return undefined;
  const wanted = feature.slice(2).split(" ");
  for (const text of [paper.title, ...(paper.keyphrases ?? []), paper.abstract]) {
    // Each word of the text once, with its folded form (or none, for a stop word).
    const raw = text.split(/[^\p{L}\p{N}-]+/u).filter(Boolean);
    const folded = raw.map((word) => contentWords(word).join(" "));
    for (let i = 0; i < raw.length; i++) {
      if (folded[i] !== wanted[0]) continue;
      let j = i + 1;
      let k = 1;
      while (k < wanted.length && j < raw.length) {
        if (folded[j] === "") j++;
        else if (folded[j] === wanted[k]) {
          j++;
          k++;
        } else break;
      }
      if (k === wanted.length) return raw.slice(i, j).join(" ").toLowerCase();
    }
  }
  return undefined;
}

/**
 * The features that made the team's model like the paper, in words ("speculative decoding, draft
 * models"), with the people who saved a paper sharing one of them, counted from the store's saves.
 */
function interestReason(s: Scored, taste: TeamTaste): string | undefined {
  if (!taste.model || !s.vector || !s.relevant) return undefined;
  const names = featureNames(s.paper);
  const slots = strongestFeatures(taste.model, s.vector, 6).filter((slot) => {
    const name = names.get(slot);
    return name !== undefined && name[0] !== "c";
  });
  const words: string[] = [];
  const savers = new Set<string>();
  for (const slot of slots) {
    const sharing = taste.saved.filter((saved) => saved.vector.slots.includes(slot));
    if (sharing.length === 0) continue;
    const word = readable(names.get(slot) as string, s.paper);
    if (!word || words.some((w) => w.includes(word) || word.includes(w))) continue;
    words.push(word);
    for (const saved of sharing) for (const person of saved.people) savers.add(person);
    if (words.length === 2) break;
  }
  if (words.length === 0) return undefined;
  return `${savers.size === 1 ? "1 person here saved" : `${savers.size} people here saved`} papers on ${words.join(", ")}`;
}

function reasonsFor(s: Scored, input: TeamRankInput): string[] {
  const { weights, taste } = input;
  const reasons: string[] = [];
  if (s.near && s.near.similarity >= weights.closeThreshold) {
    const title = input.titleOf(s.near.paper.id);
    if (title) reasons.push(`close to “${title}”, which ${people(s.near.paper.people.size)} saved`);
  } else {
    const interest = interestReason(s, taste);
    if (interest) reasons.push(interest);
  }
  if (s.topic.matched.length > 0)
    reasons.push(`matches this channel's topics: ${s.topic.matched.join(", ")}`);
  if (s.dismissedNear && s.dismissedNear.similarity >= weights.closeThreshold) {
    const title = input.titleOf(s.dismissedNear.paper.id);
    if (title) {
      reasons.push(
        `fewer papers like “${title}”, which ${people(s.dismissedNear.paper.people.size)} marked not for us`,
      );
    }
  }
  const upvotes = s.paper.upvotes ?? 0;
  if (upvotes > 0 && s.pop > 0.5) reasons.push(`trending: ${upvotes} upvote${upvotes === 1 ? "" : "s"}`);
  if (s.paper.published && s.fresh > 0.5) reasons.push(`new: published ${s.paper.published}`);
  if (reasons.length === 0) {
    reasons.push(
      upvotes > 0
        ? `${upvotes} upvote${upvotes === 1 ? "" : "s"}`
        : s.paper.published
          ? `published ${s.paper.published}`
          : "new here",
    );
  }
  return reasons;
}
