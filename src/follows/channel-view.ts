// A channel's follows and mutes as the digest applies them: muted papers out, followed matches on top with why.
import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import type { MuteRecord } from "../store/follow-records.js";
import type { ChannelKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import type { Highlight } from "../taste/rank-team.js";
import { AuthorNames } from "./author-names.js";
import { followedMatches } from "./matches.js";
import { withoutMuted } from "./mutes.js";

/** Followed matches a digest carries on top of its ranked highlights, at most. */
export const MAX_FOLLOWED_IN_DIGEST = 10;

const namesByCorpus = new WeakMap<Corpus, { size: number; names: AuthorNames }>();

/** The corpus's author names, taken in again only when the corpus grew (a paper once seen is skipped). */
export function authorNamesOf(corpus: Corpus): AuthorNames {
  let known = namesByCorpus.get(corpus);
  if (!known) {
    known = { size: -1, names: new AuthorNames() };
    namesByCorpus.set(corpus, known);
  }
  if (known.size !== corpus.size) {
    known.names.add(corpus.all());
    known.size = corpus.size;
  }
  return known.names;
}

/**
 * A channel's mutes, with the `-word`s of a digest subscription made before mutes existed read as word
 * mutes (a new `digest on … -word` stores a mute instead).
 */
export function channelMutes(store: Store, channel: ChannelKey): MuteRecord[] {
  const mutes = store.mutes(channel);
  const subscription = store.subscription(channel);
  for (const word of subscription?.excluded ?? []) {
    if (mutes.some((m) => m.kind === "word" && m.key === word)) continue;
    mutes.push({
      channel,
      kind: "word",
      key: word,
      value: word,
      createdBy: subscription?.createdBy ?? "",
      createdAt: subscription?.createdAt ?? "",
    });
  }
  return mutes;
}

export interface FollowedPart {
  /** The followed matches to show first, each with "follows: …" as its reason. */
  followed: Highlight[];
  /** The other papers, for ranking. */
  rest: Paper[];
}

/**
 * Splits a digest's candidates: muted papers dropped, followed matches first (at most
 * MAX_FOLLOWED_IN_DIGEST; the last one says how many more there are), the rest left to ranking.
 */
export function followedPart(store: Store, channel: ChannelKey, candidates: readonly Paper[]): FollowedPart {
  const follows = store.follows(channel);
  const mutes = channelMutes(store, channel);
  if (follows.length === 0 && mutes.length === 0) return { followed: [], rest: [...candidates] };
  const names = authorNamesOf(store.corpus);
  const visible = withoutMuted(candidates, mutes, names);
  const matches = followedMatches(follows, visible, names);
  const shown = matches.slice(0, MAX_FOLLOWED_IN_DIGEST);
  const more = matches.length - shown.length;
  const followed = shown.map((match, i) => ({
    paper: match.paper,
    score: 1,
    reasons:
      more > 0 && i === shown.length - 1
        ? [match.reason, `and ${more} more followed: /papers follows`]
        : [match.reason],
  }));
  const matchedIds = new Set(matches.map((m) => m.paper.id));
  return { followed, rest: visible.filter((paper) => !matchedIds.has(paper.id)) };
}

/**
 * When each of a channel's follows last matched a paper the channel was shown (a digest post or an
 * alert), by follow key: read from what was posted, so nothing extra is written per digest.
 */
export function lastMatched(store: Store, channel: ChannelKey): Map<string, string> {
  const shownAt = new Map<string, string>();
  const note = (paperId: string, at: string | undefined) => {
    if (at && (shownAt.get(paperId) ?? "") < at) shownAt.set(paperId, at);
  };
  for (const post of store.postsIn(channel))
    if (post.kind === "digest") for (const id of post.paperIds) note(id, post.postedAt);
  for (const alert of store.alertsIn(channel))
    if (alert.state === "posted") note(alert.paperId, alert.postedAt);
  const papers = [...shownAt.keys()].map((id) => store.corpus.find(id)).filter((p) => p !== undefined);
  const last = new Map<string, string>();
  for (const match of followedMatches(store.follows(channel), papers, authorNamesOf(store.corpus))) {
    const at = shownAt.get(match.paper.id) as string;
    for (const follow of match.follows) if ((last.get(follow.key) ?? "") < at) last.set(follow.key, at);
  }
  return last;
}
