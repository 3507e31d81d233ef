// Following and unfollowing a query in a channel, with the per-channel cap: what chat and the command line share.
import { UserError } from "../errors.js";
import type { FollowRecord } from "../store/follow-records.js";
import type { ChannelKey } from "../store/records.js";
import type { Store } from "../store/store.js";
import { followKey, MAX_FOLLOWS_PER_CHANNEL, parseFollow } from "./follow-query.js";

export interface FollowChange {
  follow: FollowRecord;
  /** "same": nothing changed; "alerts": the follow existed and its alerts were switched. */
  outcome: "added" | "alerts" | "same";
}

/** Follows `args` (a query, optionally ending in `now`) in `channel`; refuses a bad query or a full list. */
export async function followQuery(
  store: Store,
  channel: ChannelKey,
  args: string,
  by: { userId: string; now: Date },
): Promise<FollowChange> {
  const request = parseFollow(args);
  const follows = store.follows(channel);
  const same = follows.find((f) => f.key === request.key);
  if (same && same.alert === request.alert) return { follow: same, outcome: "same" };
  if (!same && follows.length >= MAX_FOLLOWS_PER_CHANNEL) {
    throw new UserError(
      "too-many-follows",
      `This channel already follows ${follows.length} queries, the most one channel can.`,
      "Unfollow one first (`follows` lists them), or follow a broader query.",
    );
  }
  const follow: FollowRecord = {
    channel,
    key: request.key,
    query: request.query,
    alert: request.alert,
    createdBy: same?.createdBy ?? by.userId,
    createdAt: same?.createdAt ?? by.now.toISOString(),
  };
  await store.putFollow(follow);
  return { follow, outcome: same ? "alerts" : "added" };
}

/** A follow named by its number in the list or by its query (as typed, or as autocomplete gave it). */
export function findFollow(follows: readonly FollowRecord[], args: string): FollowRecord {
  const text = args.trim().replace(/\s+now$/i, "");
  if (text === "") throw new UserError("missing-follow", "Unfollow what?", "Give its number or its query.");
  const byNumber = /^\d+$/.test(text) ? follows[Number(text) - 1] : undefined;
  const found = byNumber ?? follows.find((f) => f.key === followKey(text));
  if (found) return found;
  throw new UserError(
    "not-following",
    `This channel does not follow ${text.slice(0, 80)}.`,
    follows.length > 0 ? "`follows` lists what it follows." : "It follows nothing yet.",
  );
}

/** Unfollows; resolves to the follow that was removed. */
export async function unfollowQuery(store: Store, channel: ChannelKey, args: string): Promise<FollowRecord> {
  const follow = findFollow(store.follows(channel), args);
  await store.removeFollow(channel, follow.key);
  return follow;
}
