// The Store port: everything paperbot keeps, behind one interface (lowdb by default, PostgreSQL for replicas, in memory in tests).

import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import type { MessageRef } from "../places.js";
import type { CorpusStamp } from "./corpus-stamp.js";
import type { DigestClaim, DigestLease } from "./digest-claim.js";
import type { AlertRecord, FollowRecord, MuteKind, MuteRecord } from "./follow-records.js";
import type {
  ChannelKey,
  ChannelSettings,
  DigestRun,
  DismissalRecord,
  ModelTldr,
  PostedMessage,
  SaveRecord,
  SourceStatus,
  Subscription,
  WorkspaceKey,
} from "./records.js";

export interface Store {
  /** The papers, in memory; change them through `putPapers` so they are persisted. */
  readonly corpus: Corpus;
  /** A data directory store's corpus files as they were when it read them: kept in the search index file. */
  readonly openedStamp?: CorpusStamp;
  /** Persists papers that were added or changed in `corpus` (one write for the batch). */
  putPapers(papers: readonly Paper[]): Promise<void>;

  /** Saves a paper for a person; false when it was already saved (idempotent). */
  addSave(save: SaveRecord): Promise<boolean>;
  /** Un-saves; false when it was not saved. */
  removeSave(workspace: WorkspaceKey, userId: string, paperId: string): Promise<boolean>;
  savesOf(workspace: WorkspaceKey, userId: string): SaveRecord[];
  savesIn(workspace: WorkspaceKey): SaveRecord[];

  /** Marks a paper "not for us" for a person; false when they already had (idempotent). */
  addDismissal(dismissal: DismissalRecord): Promise<boolean>;
  /** Takes a dismissal back; false when there was none. */
  removeDismissal(workspace: WorkspaceKey, userId: string, paperId: string): Promise<boolean>;
  dismissalsIn(workspace: WorkspaceKey): DismissalRecord[];

  subscription(channel: ChannelKey): Subscription | undefined;
  subscriptions(): Subscription[];
  putSubscription(subscription: Subscription): Promise<void>;
  removeSubscription(channel: ChannelKey): Promise<boolean>;

  recordPost(post: PostedMessage): Promise<void>;
  findPost(ref: MessageRef): PostedMessage | undefined;
  postsIn(channel: ChannelKey): PostedMessage[];

  digestRun(channel: ChannelKey, day: string): DigestRun | undefined;
  lastDigestRun(channel: ChannelKey): DigestRun | undefined;
  /**
   * Records a run's progress. A run claimed by another store instance since (another replica took
   * it over) is refused with `DigestLeaseLost`, so the replica that lost it stops posting.
   */
  putDigestRun(run: DigestRun): Promise<void>;
  /**
   * Claims `channel`'s digest for `day` atomically, across every process sharing the store: a day
   * nobody claimed yet is created from `plan()` (called only then); a day left half-posted whose lease
   * ran out is taken over with its progress. `claimed: false` means someone else has it, it is
   * finished, or it waits out a backoff; `run` is then the stored run.
   */
  claimDigestRun(
    channel: ChannelKey,
    day: string,
    plan: () => DigestRun,
    lease: DigestLease,
  ): Promise<DigestClaim>;

  /** A channel's own settings (its model TL;DR language), or undefined when never set. */
  channelSettings(channel: ChannelKey): ChannelSettings | undefined;
  putChannelSettings(settings: ChannelSettings): Promise<void>;

  /** The model's TL;DR of a paper in a language, when one was generated. */
  modelTldr(paperId: string, language: string): ModelTldr | undefined;
  /** Keeps a model TL;DR (replacing one of the same paper and language). */
  putModelTldr(tldr: ModelTldr): Promise<void>;

  /** A channel's follows, oldest first. */
  follows(channel: ChannelKey): FollowRecord[];
  /** Every channel's follows (alerts look at them all when papers arrive). */
  allFollows(): FollowRecord[];
  /** Adds a follow, or replaces the channel's follow of the same key (to switch its alerts). */
  putFollow(follow: FollowRecord): Promise<void>;
  /** Un-follows; false when the channel did not follow that key. */
  removeFollow(channel: ChannelKey, key: string): Promise<boolean>;

  /** A channel's mutes, oldest first. */
  mutes(channel: ChannelKey): MuteRecord[];
  /** Mutes; false when the channel had already muted it (idempotent). */
  addMute(mute: MuteRecord): Promise<boolean>;
  /** Un-mutes; false when it was not muted. */
  removeMute(channel: ChannelKey, kind: MuteKind, key: string): Promise<boolean>;

  /** A channel's alerts, pending and posted. */
  alertsIn(channel: ChannelKey): AlertRecord[];
  /** Records new pending alerts; one already recorded for its channel and paper is left alone. Resolves to those recorded now. */
  addPendingAlerts(alerts: readonly AlertRecord[]): Promise<AlertRecord[]>;
  /**
   * Switches `channel`'s pending alerts of `paperIds` to posted at `postedAt`, atomically across every
   * process sharing the store: resolves to the ones this call switched, which the caller must now post.
   */
  claimAlerts(channel: ChannelKey, paperIds: readonly string[], postedAt: string): Promise<AlertRecord[]>;

  sourceStatuses(): SourceStatus[];
  putSourceStatus(status: SourceStatus): Promise<void>;

  /**
   * Brings in what other processes wrote since the last look (a shared store also does this on a
   * timer); resolves once everything committed before the call is visible. A no-op for a sole writer.
   */
  refresh(): Promise<void>;
  /** Calls `listener` with papers another process added or changed, once `corpus` has them; returns the unsubscribe. */
  onPapersChanged(listener: (papers: readonly Paper[]) => void): () => void;

  close(): Promise<void>;
}
