// A channel's highlights: the papers that arrived since its last digest, ranked for this team and its topics.

import type { Settings } from "../config.js";
import { followedPart } from "../follows/channel-view.js";
import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import type { PaperSearch } from "../search/paper-search.js";
import type { ChannelKey, WorkspaceKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import { type Highlight, rankForTeam } from "../taste/rank-team.js";
import { tasteFor } from "../taste/team-tastes.js";

export type { Highlight } from "../taste/rank-team.js";

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

const DAY_MS = 86_400_000;
/** When the papers since the last digest are fewer than its size, the window widens to this many days. */
export const WIDEST_WINDOW_DAYS = 7;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysBefore(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS));
}

/** The day paperbot first stored a paper: its earliest sighting (the ingest that brought it in). */
export function arrivedOn(paper: Paper): string {
  let first = "";
  for (const sighting of paper.sightings) {
    const day = sighting.seenAt.slice(0, 10);
    if (first === "" || day < first) first = day;
  }
  return first;
}

interface ArrivalIndex {
  size: number;
  /** Paper ids with their arrival day, newest arrivals first. */
  arrivals: { id: string; day: string }[];
}

/**
 * Every channel of a digest tick asks for the same corpus's arrivals: they are listed once per corpus
 * size (a paper's first sighting never changes; a changed paper is looked up afresh by id).
 */
const arrivalIndexes = new WeakMap<Corpus, ArrivalIndex>();

export function arrivals(corpus: Corpus): ArrivalIndex["arrivals"] {
  let index = arrivalIndexes.get(corpus);
  if (!index || index.size !== corpus.size) {
    const list: ArrivalIndex["arrivals"] = [];
    for (const paper of corpus.all()) list.push({ id: paper.id, day: arrivedOn(paper) });
    list.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
    index = { size: corpus.size, arrivals: list };
    arrivalIndexes.set(corpus, index);
  }
  return index.arrivals;
}

/** A paper's searchable text in lower case, for `-word` exclusions; papers are immutable, so it is kept. */
const lowerTexts = new WeakMap<Paper, string>();

function mentions(paper: Paper, word: string): boolean {
  let text = lowerTexts.get(paper);
  if (text === undefined) {
    text = `${paper.title} ${paper.abstract} ${(paper.keyphrases ?? []).join(" ")}`.toLowerCase();
    lowerTexts.set(paper, text);
  }
  return new RegExp(`\\b${word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u").test(text);
}

/**
 * The papers a digest on `day` may show: arrived since the channel's previous digest (widened to the
 * last WIDEST_WINDOW_DAYS days when fewer than `size`), none arrived or published after `day`, none
 * shown in an earlier digest here, saved or dismissed here, or excluded by the channel.
 */
export function digestCandidates(store: Store, spec: DigestSpec, day: string): Paper[] {
  // Only an earlier day's digest (or `today` posted to the channel) counts as shown: asked again
  // today, `today` answers the same.
  const shown = new Set<string>();
  for (const post of store.postsIn(spec.channel)) {
    if ((post.kind === "digest" || post.kind === "today") && post.postedAt.slice(0, 10) < day)
      for (const id of post.paperIds) shown.add(id);
  }
  const taken = new Set(store.savesIn(spec.workspace).map((s) => s.paperId));
  for (const d of store.dismissalsIn(spec.workspace)) taken.add(d.paperId);
  const previous = store.lastDigestRun(spec.channel);
  const widest = daysBefore(day, WIDEST_WINDOW_DAYS);
  const since = previous && previous.day < day && previous.day > widest ? previous.day : widest;
  const eligible = (paper: Paper) =>
    !shown.has(paper.id) &&
    !taken.has(paper.id) &&
    (!paper.published || paper.published <= day) &&
    !spec.excluded.some((word) => mentions(paper, word));
  const pick = (from: string): Paper[] => {
    const out: Paper[] = [];
    for (const { id, day: arrived } of arrivals(store.corpus)) {
      if (arrived > day) continue;
      if (arrived < from) break;
      const paper = store.corpus.find(id);
      if (paper && eligible(paper)) out.push(paper);
    }
    return out;
  };
  const recent = pick(since);
  return recent.length >= spec.size || since === widest ? recent : pick(widest);
}

export function composeHighlights(deps: ComposeDeps, spec: DigestSpec, now: Date): Highlight[] {
  const { store, search, settings } = deps;
  const { followed, rest: candidates } = followedPart(
    store,
    spec.channel,
    digestCandidates(store, spec, isoDay(now)),
  );
  if (candidates.length === 0) return followed;
  const taste = tasteFor(store, search.vectors, spec.workspace, now);
  const ranked = rankForTeam({
    candidates,
    vectors: search.vectors,
    taste,
    topics: spec.topics,
    now,
    weights: settings.ranking,
    size: spec.size,
    titleOf: (id) => store.corpus.find(id)?.title,
  });
  return [...followed, ...ranked];
}

/** The highlights for a channel now, with its subscription's size, topics and exclusions (or the defaults). */
export function channelHighlights(
  deps: ComposeDeps,
  place: { workspace: WorkspaceKey; channel: ChannelKey; size?: number },
  now: Date,
): Highlight[] {
  const subscription = deps.store.subscription(place.channel);
  return composeHighlights(
    deps,
    {
      workspace: place.workspace,
      channel: place.channel,
      size: place.size ?? subscription?.size ?? deps.settings.digest.defaultSize,
      topics: subscription?.topics ?? [],
      excluded: subscription?.excluded ?? [],
    },
    now,
  );
}

/** The one sentence every surface (chat, `paperbot digest`) gives for an empty digest. */
export const NOTHING_NEW =
  "Nothing new to highlight: no paper arrived in the last week that this channel has not seen, saved or set aside.";
