// Which newly arrived papers each alerting follow matches: the pending alerts to record, never one a channel already had.
import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import type { AlertRecord, FollowRecord } from "../store/follow-records.js";
import type { ChannelKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import { authorNamesOf, channelMutes } from "./channel-view.js";
import { followedMatches } from "./matches.js";
import { withoutMuted } from "./mutes.js";
import { PaperBatch } from "./paper-batch.js";

/** Papers first seen this long ago or less are "new" for alerts: a day of ingests, with room for a late tick. */
export const ALERT_WINDOW_MS = 2 * 86_400_000;

/** When paperbot first saw a paper (its earliest sighting), ISO. */
export function firstSeenAt(paper: Paper): string {
  let first = "";
  for (const sighting of paper.sightings)
    if (first === "" || sighting.seenAt < first) first = sighting.seenAt;
  return first;
}

/** The recent arrivals of a corpus as a batch, built again only when the corpus grew or the window moved on a day. */
const recentBatches = new WeakMap<Corpus, { size: number; since: string; batch: PaperBatch }>();

export function recentArrivals(corpus: Corpus, now: Date): PaperBatch {
  const since = new Date(now.getTime() - ALERT_WINDOW_MS).toISOString();
  const known = recentBatches.get(corpus);
  if (known && known.size === corpus.size && known.since.slice(0, 10) === since.slice(0, 10))
    return known.batch;
  const recent: Paper[] = [];
  for (const paper of corpus.all()) if (firstSeenAt(paper) >= since) recent.push(paper);
  const batch = new PaperBatch(recent);
  recentBatches.set(corpus, { size: corpus.size, since, batch });
  return batch;
}

/**
 * The alerts to record now: each channel's alerting follows matched against the papers that arrived
 * recently, leaving out papers seen before the follow was made (following is not a request for the
 * back catalogue), muted papers, and papers the channel already has an alert for.
 */
export function newAlerts(store: Store, now: Date): AlertRecord[] {
  const byChannel = new Map<ChannelKey, FollowRecord[]>();
  for (const follow of store.allFollows()) {
    if (!follow.alert) continue;
    byChannel.set(follow.channel, [...(byChannel.get(follow.channel) ?? []), follow]);
  }
  if (byChannel.size === 0) return [];
  const batch = recentArrivals(store.corpus, now);
  const names = authorNamesOf(store.corpus);
  const alerts: AlertRecord[] = [];
  for (const [channel, follows] of byChannel) {
    const had = new Set(store.alertsIn(channel).map((a) => a.paperId));
    const mutes = channelMutes(store, channel);
    for (const match of followedMatches(follows, batch, names)) {
      if (had.has(match.paper.id)) continue;
      const seen = firstSeenAt(match.paper);
      const asked = match.follows.filter((f) => f.createdAt <= seen);
      if (asked.length === 0 || withoutMuted([match.paper], mutes, names).length === 0) continue;
      alerts.push({
        channel,
        paperId: match.paper.id,
        reason:
          asked.length === match.follows.length
            ? match.reason
            : (followedMatches(asked, [match.paper], names)[0]?.reason ?? match.reason),
        state: "pending",
        matchedAt: now.toISOString(),
      });
    }
  }
  return alerts;
}
