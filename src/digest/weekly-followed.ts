// The weekly digest's followed matches: the week's arrivals that the channel's follows match (none when it follows nothing).
import { authorNamesOf, channelMutes } from "../follows/channel-view.js";
import { type FollowedMatch, followedMatches } from "../follows/matches.js";
import { withoutMuted } from "../follows/mutes.js";
import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import type { ChannelKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import { arrivals } from "./compose.js";

/** The papers that arrived on the UTC days from `from` up to (not including) `to`'s instant. */
function arrivedBetween(corpus: Corpus, from: Date, to: Date): Paper[] {
  const first = from.toISOString().slice(0, 10);
  const last = new Date(to.getTime() - 1).toISOString().slice(0, 10);
  const out: Paper[] = [];
  for (const { id, day } of arrivals(corpus)) {
    if (day > last) continue;
    if (day < first) break;
    const paper = corpus.find(id);
    if (paper) out.push(paper);
  }
  return out;
}

/**
 * What the channel's follows matched among the week's arrivals, muted papers left out, in arrival
 * order; empty when it follows nothing.
 */
export function weeklyFollowedMatches(
  store: Store,
  channel: ChannelKey,
  from: Date,
  to: Date,
): FollowedMatch[] {
  const follows = store.follows(channel);
  if (follows.length === 0) return [];
  const names = authorNamesOf(store.corpus);
  const papers = withoutMuted(arrivedBetween(store.corpus, from, to), channelMutes(store, channel), names);
  return followedMatches(follows, papers, names);
}
