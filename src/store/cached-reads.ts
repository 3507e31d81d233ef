// The Store port's reads, answered from a StoreCache: the file store and the PostgreSQL store both extend it, so a query has one code path.
import type { Corpus } from "../papers/corpus.js";
import type { MessageRef } from "../places.js";
import type { AlertRecord, FollowRecord, MuteRecord } from "./follow-records.js";
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
  WeeklySchedule,
  WorkspaceKey,
} from "./records.js";
import type { StoreCache } from "./store-cache.js";

export abstract class CachedReads {
  protected constructor(protected readonly cache: StoreCache) {}

  /** The papers, in memory; change them through `putPapers` so they are persisted. */
  get corpus(): Corpus {
    return this.cache.corpus;
  }

  savesOf(workspace: WorkspaceKey, userId: string): SaveRecord[] {
    return this.cache.savesOf(workspace, userId);
  }

  savesIn(workspace: WorkspaceKey): SaveRecord[] {
    return this.cache.savesIn(workspace);
  }

  dismissalsIn(workspace: WorkspaceKey): DismissalRecord[] {
    return this.cache.dismissalsIn(workspace);
  }

  subscription(channel: ChannelKey): Subscription | undefined {
    return this.cache.subscription(channel);
  }

  subscriptions(): Subscription[] {
    return this.cache.subscriptions();
  }

  weeklySchedule(channel: ChannelKey): WeeklySchedule | undefined {
    return this.cache.weeklySchedule(channel);
  }

  weeklySchedules(): WeeklySchedule[] {
    return this.cache.weeklySchedules();
  }

  findPost(ref: MessageRef): PostedMessage | undefined {
    return this.cache.findPost(ref);
  }

  postsIn(channel: ChannelKey): PostedMessage[] {
    return this.cache.postsIn(channel);
  }

  digestRun(channel: ChannelKey, day: string): DigestRun | undefined {
    return this.cache.digestRun(channel, day);
  }

  lastDigestRun(channel: ChannelKey): DigestRun | undefined {
    return this.cache.lastDigestRun(channel);
  }

  channelSettings(channel: ChannelKey): ChannelSettings | undefined {
    return this.cache.channelSettings(channel);
  }

  modelTldr(paperId: string, language: string): ModelTldr | undefined {
    return this.cache.modelTldr(paperId, language);
  }

  follows(channel: ChannelKey): FollowRecord[] {
    return this.cache.follows(channel);
  }

  allFollows(): FollowRecord[] {
    return this.cache.allFollows();
  }

  mutes(channel: ChannelKey): MuteRecord[] {
    return this.cache.mutes(channel);
  }

  alertsIn(channel: ChannelKey): AlertRecord[] {
    return this.cache.alertsIn(channel);
  }

  sourceStatuses(): SourceStatus[] {
    return this.cache.sourceStatuses();
  }
}
