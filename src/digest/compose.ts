// A channel's highlights right now: candidates not yet shown or saved here, ranked for this team and its topics.
import type { PaperSearch } from "../chat/deps.js";
import type { Settings } from "../config.js";
import type { Paper } from "../papers/paper.js";
import { freshness, type Highlight, popularity, rankHighlights } from "../rank/rank-highlights.js";
import { teamInterest } from "../rank/team-interest.js";
import type { ChannelKey, WorkspaceKey } from "../store/records.js";
import type { Store } from "../store/store.js";

export interface DigestSpec {
  workspace: WorkspaceKey;
  channel: ChannelKey;
  size: number;
  topics: readonly string[];
  excluded: readonly string[];
}

export interface ComposeDeps {
  store: Store;
  search: PaperSearch;
  settings: Settings;
}

/** How many of the generally best papers enter every channel's ranking, besides topic and team matches. */
const BASE_POOL = 400;
const TOPIC_HITS = 200;

function mentions(paper: Paper, word: string): boolean {
  const text = `${paper.title} ${paper.abstract} ${(paper.keyphrases ?? []).join(" ")}`.toLowerCase();
  return new RegExp(`\\b${word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u").test(text);
}

/** Topic match per paper, 0..1: the mean of each topic word's normalized search score. */
function topicScores(search: PaperSearch, topics: readonly string[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const topic of topics) {
    let hits: { id: string; score: number }[] = [];
    try {
      hits = search.search(topic, { limit: TOPIC_HITS, offset: 0 }).hits;
    } catch {
      continue; // a topic word the query language refuses simply matches nothing
    }
    const best = hits[0]?.score ?? 0;
    for (const hit of hits) {
      if (best > 0) scores.set(hit.id, (scores.get(hit.id) ?? 0) + hit.score / best / topics.length);
    }
  }
  return scores;
}

function basePool(papers: readonly Paper[], now: Date, settings: Settings): Paper[] {
  const maxUpvotes = Math.max(0, ...papers.map((p) => p.upvotes ?? 0));
  const { ranking } = settings;
  return papers
    .map((paper) => ({
      paper,
      base:
        ranking.popularity * popularity(paper, maxUpvotes) +
        ranking.freshness * freshness(paper, now, ranking.freshnessHalfLifeDays),
    }))
    .sort((a, b) => b.base - a.base)
    .slice(0, BASE_POOL)
    .map((entry) => entry.paper);
}

export function composeHighlights(deps: ComposeDeps, spec: DigestSpec, now: Date): Highlight[] {
  const { store, search, settings } = deps;
  const shown = new Set(store.postsIn(spec.channel).flatMap((post) => post.paperIds));
  const saves = store.savesIn(spec.workspace);
  const saved = new Set(saves.map((s) => s.paperId));
  const find = (id: string) => store.corpus.find(id);
  const interest = teamInterest(saves, (id, limit) => search.similar(id, limit), find);
  const topic = topicScores(search, spec.topics);

  const all = [...store.corpus.all()];
  const pool = new Map<string, Paper>();
  for (const paper of basePool(all, now, settings)) pool.set(paper.id, paper);
  for (const id of [...interest.keys(), ...topic.keys()]) {
    const paper = find(id);
    if (paper) pool.set(paper.id, paper);
  }
  const candidates = [...pool.values()].filter(
    (paper) =>
      !shown.has(paper.id) && !saved.has(paper.id) && !spec.excluded.some((word) => mentions(paper, word)),
  );
  return rankHighlights({
    candidates,
    now,
    weights: settings.ranking,
    size: spec.size,
    interest,
    topic,
    topicWords: spec.topics,
  });
}
