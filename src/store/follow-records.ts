// What a channel follows, mutes and was alerted about: the records the store keeps for src/follows.
import type { ChannelKey } from "./records.js";

/** A query a channel follows: its matches among new papers always reach the channel. */
export interface FollowRecord {
  channel: ChannelKey;
  /** The query's canonical form (lower case, single spaces): one follow per key and channel. */
  key: string;
  /** The query as typed, for lists and reasons. */
  query: string;
  /** Post a match as soon as it is ingested, besides the digest. */
  alert: boolean;
  createdBy: string;
  createdAt: string;
}

export type MuteKind = "word" | "author" | "cat";

/** What a channel never wants to see: a word, an author or a category. */
export interface MuteRecord {
  channel: ChannelKey;
  kind: MuteKind;
  /** The muted value's canonical form (lower case, accent-free words): one mute per kind, key and channel. */
  key: string;
  /** The value as typed, for lists. */
  value: string;
  createdBy: string;
  createdAt: string;
}

/**
 * One paper's alert in one channel. Recorded "pending" when a followed match is ingested and switched
 * to "posted" by exactly one claim before the message goes out, so no restart or replica posts it twice.
 */
export interface AlertRecord {
  channel: ChannelKey;
  paperId: string;
  /** Why: the follows it matched ("follows: author Tri Dao"). */
  reason: string;
  state: "pending" | "posted";
  matchedAt: string;
  /** The claim's instant: alerts claimed together share it and went out as one message. */
  postedAt?: string;
}

export function followStoreKey(channel: ChannelKey, key: string): string {
  return `${channel}\u0000${key}`;
}

export function muteStoreKey(channel: ChannelKey, kind: MuteKind, key: string): string {
  return `${channel}\u0000${kind}\u0000${key}`;
}

export function alertStoreKey(channel: ChannelKey, paperId: string): string {
  return `${channel}\u0000${paperId}`;
}
