// The weekly digest's followed matches: the week's arrivals that the channel's follows match (none when it follows nothing).
import { AuthorNames } from "../follows/author-names.js";
import { type FollowedMatch, followedMatches } from "../follows/matches.js";
import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import type { ChannelKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import { arrivals } from "./compose.js";

/** The corpus's author names, kept per corpus and topped up with the papers it gained since. */
const namesByCorpus = new WeakMap<Corpus, AuthorNames>();

function authorNames(corpus: Corpus): AuthorNames {
  let names = namesByCorpus.get(corpus);
  if (!names) {
    names = new AuthorNames();
    namesByCorpus.set(corpus, names);
  }
  names.add(corpus.all());
  return names;
}

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

/** What the channel's follows matched among the week's arrivals, in arrival order; empty when it follows nothing. */
export function weeklyFollowedMatches(
  store: Store,
  channel: ChannelKey,
  from: Date,
  to: Date,
): FollowedMatch[] {
  const follows = store.follows(channel);
  if (follows.length === 0) return [];
  return followedMatches(follows, arrivedBetween(store.corpus, from, to), authorNames(store.corpus));
}
