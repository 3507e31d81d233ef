// A channel's highlights right now: candidates not yet shown or saved here, ranked for this team and its topics.
import type { PaperSearch } from "../chat/deps.js";
import type { Settings } from "../config.js";
import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import {
  freshness,
  type Highlight,
  type Interest,
  popularity,
  rankHighlights,
} from "../rank/rank-highlights.js";
import { teamInterest } from "../rank/team-interest.js";
import { TopK } from "../search/top-k.js";
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
  let text = lowerTexts.get(paper);
  if (text === undefined) {
    text = `${paper.title} ${paper.abstract} ${(paper.keyphrases ?? []).join(" ")}`.toLowerCase();
    lowerTexts.set(paper, text);
  }
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

/**
 * The BASE_POOL generally best papers, as a stable sort by base score would list them (ties keep
 * corpus order), selected with a small heap rather than a sort of the whole corpus.
 */
function basePool(papers: readonly Paper[], now: Date, settings: Settings): Paper[] {
  let maxUpvotes = 0;
  for (const paper of papers) maxUpvotes = Math.max(maxUpvotes, paper.upvotes ?? 0);
  const { ranking } = settings;
  const base = Float64Array.from(
    papers,
    (paper) =>
      ranking.popularity * popularity(paper, maxUpvotes) +
      ranking.freshness * freshness(paper, now, ranking.freshnessHalfLifeDays),
  );
  const top = new TopK(
    BASE_POOL,
    (a, b) => (base[a] as number) > (base[b] as number) || (base[a] === base[b] && a < b),
  );
  for (let i = 0; i < papers.length; i++) top.offer(i);
  return top.sorted().map((i) => papers[i] as Paper);
}

interface PoolMemo {
  at: number;
  /** When the corpus was last checked against `papers` (performance.now()). */
  checkedAt: number;
  ranking: Settings["ranking"];
  papers: Paper[];
  pool: Paper[];
  /** "More like this" per saved paper: channels of one team (and teams saving the same paper) share them. */
  neighbors: Map<string, { id: string; score: number }[]>;
  /** Team interest per workspace, with the saves it was computed from: every channel of a team shares it. */
  interest: Map<string, { saves: string; value: Map<string, Interest> }>;
}

/**
 * One digest tick composes every subscribed channel at the same `now`, and the base pool depends only
 * on the corpus, the clock and the weights: at 100k papers and 1,000 channels, sorting the corpus per
 * channel would take minutes. So the pool is kept per corpus and reused while the clock reading and
 * every stored paper object are the same (papers are replaced, never changed in place, so a changed
 * paper is a different object); checking that is a pass of pointer comparisons. The neighbours of
 * saved papers are kept with it, as the index changes only with the papers.
 */
const poolMemos = new WeakMap<Corpus, PoolMemo>();
const RECHECK_MS = 1_000;

/** A paper's searchable text in lower case, for `-word` exclusions; papers are immutable, so it is kept. */
const lowerTexts = new WeakMap<Paper, string>();

/** The tick's shared work for this corpus and clock reading, computed on the first channel. */
function tickMemo(corpus: Corpus, now: Date, settings: Settings): PoolMemo {
  const memo = poolMemos.get(corpus);
  if (memo && memo.at === now.getTime() && memo.ranking === settings.ranking) {
    // The identity pass costs ~5 ms at 100k papers, too much per channel: once a second is enough
    // for a tick, where a paper changed meanwhile joins the pool at most a second late.
    const fresh = performance.now() - memo.checkedAt < RECHECK_MS && corpus.size === memo.papers.length;
    if (fresh || unchanged(corpus, memo.papers)) {
      if (!fresh) memo.checkedAt = performance.now();
      return memo;
    }
  }
  const papers = [...corpus.all()];
  const fresh: PoolMemo = {
    at: now.getTime(),
    checkedAt: performance.now(),
    ranking: settings.ranking,
    papers,
    pool: basePool(papers, now, settings),
    neighbors: new Map(),
    interest: new Map(),
  };
  poolMemos.set(corpus, fresh);
  return fresh;
}

function unchanged(corpus: Corpus, papers: readonly Paper[]): boolean {
  if (corpus.size !== papers.length) return false;
  let i = 0;
  for (const paper of corpus.all()) if (paper !== papers[i++]) return false;
  return true;
}

export function composeHighlights(deps: ComposeDeps, spec: DigestSpec, now: Date): Highlight[] {
  const { store, search, settings } = deps;
  const shown = new Set(store.postsIn(spec.channel).flatMap((post) => post.paperIds));
  const saves = store.savesIn(spec.workspace);
  const saved = new Set(saves.map((s) => s.paperId));
  const find = (id: string) => store.corpus.find(id);
  const memo = tickMemo(store.corpus, now, settings);
  const similar = (id: string, limit: number) => {
    const key = `${limit}\u0000${id}`;
    let hits = memo.neighbors.get(key);
    if (!hits) {
      hits = search.similar(id, limit);
      memo.neighbors.set(key, hits);
    }
    return hits;
  };
  // A save made during the tick changes the key, so the team's later channels see it.
  const savesKey = saves.map((save) => `${save.userId}\u0000${save.paperId}`).join("\u0001");
  let known = memo.interest.get(spec.workspace);
  if (!known || known.saves !== savesKey) {
    known = { saves: savesKey, value: teamInterest(saves, similar, find) };
    memo.interest.set(spec.workspace, known);
  }
  const interest = known.value;
  const topic = topicScores(search, spec.topics);

  const pool = new Map<string, Paper>();
  for (const paper of memo.pool) pool.set(paper.id, paper);
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
