// The PostgreSQL store's in-memory mirror of the database, so the Store port's reads stay synchronous.

import { Corpus } from "../../papers/corpus.js";
import type { Paper } from "../../papers/paper.js";
import type { MessageRef } from "../../places.js";
import { channelKey, postKey } from "../../places.js";
import {
  type AlertRecord,
  alertStoreKey,
  type FollowRecord,
  followStoreKey,
  type MuteRecord,
  muteStoreKey,
} from "../follow-records.js";
import {
  type ChannelKey,
  type ChannelSettings,
  type DigestRun,
  type DismissalRecord,
  type ModelTldr,
  modelTldrKey,
  type PostedMessage,
  type SaveRecord,
  type SourceStatus,
  type Subscription,
  saveKey,
  type WorkspaceKey,
} from "../records.js";

/** One row as read from the database: what changed, or (`removed`) what is gone. */
export type Change =
  | { kind: "paper"; paper: Paper }
  | { kind: "save"; save: SaveRecord; removed: boolean }
  | { kind: "dismissal"; dismissal: DismissalRecord; removed: boolean }
  | { kind: "subscription"; channel: ChannelKey; subscription: Subscription; removed: boolean }
  | { kind: "post"; post: PostedMessage }
  | { kind: "run"; run: DigestRun }
  | { kind: "source"; status: SourceStatus }
  | { kind: "channel-settings"; settings: ChannelSettings }
  | { kind: "model-tldr"; tldr: ModelTldr }
  | { kind: "follow"; follow: FollowRecord; removed: boolean }
  | { kind: "mute"; mute: MuteRecord; removed: boolean }
  | { kind: "alert"; alert: AlertRecord };

/** The key a change is tracked by, so a poll never overwrites a newer local write of the same record. */
export function changeKey(change: Change): string {
  switch (change.kind) {
    case "paper":
      return `paper\u0000${change.paper.id}`;
    case "save":
      return `save\u0000${saveKey(change.save.workspace, change.save.userId, change.save.paperId)}`;
    case "dismissal":
      return `dismissal\u0000${saveKey(change.dismissal.workspace, change.dismissal.userId, change.dismissal.paperId)}`;
    case "subscription":
      return `subscription\u0000${change.channel}`;
    case "post":
      return `post\u0000${postKey(change.post.ref)}`;
    case "run":
      return `run\u0000${change.run.channel}\u0000${change.run.day}`;
    case "source":
      return `source\u0000${change.status.name}`;
    case "channel-settings":
      return `channel-settings\u0000${change.settings.channel}`;
    case "model-tldr":
      return `model-tldr\u0000${modelTldrKey(change.tldr.paperId, change.tldr.language)}`;
    case "follow":
      return `follow\u0000${followStoreKey(change.follow.channel, change.follow.key)}`;
    case "mute":
      return `mute\u0000${muteStoreKey(change.mute.channel, change.mute.kind, change.mute.key)}`;
    case "alert":
      return `alert\u0000${alertStoreKey(change.alert.channel, change.alert.paperId)}`;
  }
}

export class StoreCache {
  readonly corpus = new Corpus();
  private readonly saves = new Map<string, SaveRecord>();
  private readonly dismissals = new Map<string, DismissalRecord>();
  private readonly subs = new Map<ChannelKey, Subscription>();
  private readonly posts = new Map<string, PostedMessage>();
  private readonly postsByChannel = new Map<ChannelKey, Map<string, PostedMessage>>();
  private readonly runs = new Map<ChannelKey, Map<string, DigestRun>>();
  private readonly sources = new Map<string, SourceStatus>();
  private readonly channels = new Map<ChannelKey, ChannelSettings>();
  private readonly tldrs = new Map<string, ModelTldr>();
  private readonly followsByKey = new Map<string, FollowRecord>();
  private readonly mutesByKey = new Map<string, MuteRecord>();
  private readonly alertsByKey = new Map<string, AlertRecord>();

  apply(change: Change): void {
    switch (change.kind) {
      case "paper":
        this.corpus.replace(change.paper);
        return;
      case "save": {
        const key = saveKey(change.save.workspace, change.save.userId, change.save.paperId);
        if (change.removed) this.saves.delete(key);
        else this.saves.set(key, change.save);
        return;
      }
      case "dismissal": {
        const { workspace, userId, paperId } = change.dismissal;
        if (change.removed) this.dismissals.delete(saveKey(workspace, userId, paperId));
        else this.dismissals.set(saveKey(workspace, userId, paperId), change.dismissal);
        return;
      }
      case "subscription":
        if (change.removed) this.subs.delete(change.channel);
        else this.subs.set(change.channel, change.subscription);
        return;
      case "post": {
        const key = postKey(change.post.ref);
        this.posts.set(key, change.post);
        const { platform, workspaceId, channelId } = change.post.ref;
        const channel = channelKey(platform, workspaceId, channelId);
        let inChannel = this.postsByChannel.get(channel);
        if (!inChannel) {
          inChannel = new Map();
          this.postsByChannel.set(channel, inChannel);
        }
        inChannel.set(key, change.post);
        return;
      }
      case "run": {
        let byDay = this.runs.get(change.run.channel);
        if (!byDay) {
          byDay = new Map();
          this.runs.set(change.run.channel, byDay);
        }
        byDay.set(change.run.day, change.run);
        return;
      }
      case "source":
        this.sources.set(change.status.name, change.status);
        return;
      case "channel-settings":
        this.channels.set(change.settings.channel, change.settings);
        return;
      case "model-tldr":
        this.tldrs.set(modelTldrKey(change.tldr.paperId, change.tldr.language), change.tldr);
        return;
      case "follow": {
        const key = followStoreKey(change.follow.channel, change.follow.key);
        if (change.removed) this.followsByKey.delete(key);
        else this.followsByKey.set(key, change.follow);
        return;
      }
      case "mute": {
        const key = muteStoreKey(change.mute.channel, change.mute.kind, change.mute.key);
        if (change.removed) this.mutesByKey.delete(key);
        else this.mutesByKey.set(key, change.mute);
        return;
      }
      case "alert":
        this.alertsByKey.set(alertStoreKey(change.alert.channel, change.alert.paperId), change.alert);
        return;
    }
  }

  hasSave(workspace: WorkspaceKey, userId: string, paperId: string): boolean {
    return this.saves.has(saveKey(workspace, userId, paperId));
  }

  savesOf(workspace: WorkspaceKey, userId: string): SaveRecord[] {
    return [...this.saves.values()].filter((s) => s.workspace === workspace && s.userId === userId);
  }

  dismissalsIn(workspace: WorkspaceKey): DismissalRecord[] {
    return [...this.dismissals.values()].filter((d) => d.workspace === workspace);
  }

  savesIn(workspace: WorkspaceKey): SaveRecord[] {
    return [...this.saves.values()].filter((s) => s.workspace === workspace);
  }

  subscription(channel: ChannelKey): Subscription | undefined {
    return this.subs.get(channel);
  }

  subscriptions(): Subscription[] {
    return [...this.subs.values()];
  }

  findPost(ref: MessageRef): PostedMessage | undefined {
    return this.posts.get(postKey(ref));
  }

  postsIn(channel: ChannelKey): PostedMessage[] {
    return [...(this.postsByChannel.get(channel)?.values() ?? [])];
  }

  digestRun(channel: ChannelKey, day: string): DigestRun | undefined {
    return this.runs.get(channel)?.get(day);
  }

  lastDigestRun(channel: ChannelKey): DigestRun | undefined {
    let last: DigestRun | undefined;
    for (const run of this.runs.get(channel)?.values() ?? []) if (!last || run.day > last.day) last = run;
    return last;
  }

  sourceStatuses(): SourceStatus[] {
    return [...this.sources.values()];
  }

  channelSettings(channel: ChannelKey): ChannelSettings | undefined {
    return this.channels.get(channel);
  }

  /** Oldest first: rows arrive in no particular order. */
  allFollows(): FollowRecord[] {
    return [...this.followsByKey.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  follow(channel: ChannelKey, key: string): FollowRecord | undefined {
    return this.followsByKey.get(followStoreKey(channel, key));
  }

  mutes(channel: ChannelKey): MuteRecord[] {
    return [...this.mutesByKey.values()]
      .filter((m) => m.channel === channel)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  alertsIn(channel: ChannelKey): AlertRecord[] {
    return [...this.alertsByKey.values()].filter((a) => a.channel === channel);
  }

  modelTldr(paperId: string, language: string): ModelTldr | undefined {
    return this.tldrs.get(modelTldrKey(paperId, language));
  }
}
