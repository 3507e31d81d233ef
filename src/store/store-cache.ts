// Every store's in-memory read model (PostgreSQL's mirror of its rows, LowStore's of its files), so the Store port's reads are synchronous and answered by one code path.

import { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import type { MessageRef } from "../places.js";
import { channelKey, postKey } from "../places.js";
import {
  type AlertRecord,
  alertStoreKey,
  type FollowRecord,
  followStoreKey,
  type MuteKind,
  type MuteRecord,
  muteStoreKey,
} from "./follow-records.js";
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
  STATE_SCHEMA_VERSION,
  type Subscription,
  saveKey,
  type WeeklySchedule,
  type WorkspaceKey,
  type WorkspaceState,
} from "./records.js";

/**
 * One record as read from the database or a state file: what changed, or (`removed`) what is gone. The
 * database never removes posts, runs, sources, settings, TL;DRs or alerts; a LowStore takes one back when
 * its write failed.
 */
export type Change =
  | { kind: "paper"; paper: Paper }
  | { kind: "save"; save: SaveRecord; removed: boolean }
  | { kind: "dismissal"; dismissal: DismissalRecord; removed: boolean }
  | { kind: "subscription"; channel: ChannelKey; subscription: Subscription; removed: boolean }
  | { kind: "post"; post: PostedMessage; removed?: boolean }
  | { kind: "run"; run: DigestRun; removed?: boolean }
  | { kind: "source"; status: SourceStatus; removed?: boolean }
  | { kind: "channel-settings"; settings: ChannelSettings; removed?: boolean }
  | { kind: "model-tldr"; tldr: ModelTldr; removed?: boolean }
  | { kind: "weekly"; channel: ChannelKey; schedule: WeeklySchedule; removed: boolean }
  | { kind: "follow"; follow: FollowRecord; removed: boolean }
  | { kind: "mute"; mute: MuteRecord; removed: boolean }
  | { kind: "alert"; alert: AlertRecord; removed?: boolean };

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
    case "weekly":
      return `weekly\u0000${change.channel}`;
    case "follow":
      return `follow\u0000${followStoreKey(change.follow.channel, change.follow.key)}`;
    case "mute":
      return `mute\u0000${muteStoreKey(change.mute.channel, change.mute.kind, change.mute.key)}`;
    case "alert":
      return `alert\u0000${alertStoreKey(change.alert.channel, change.alert.paperId)}`;
  }
}

export class StoreCache {
  private readonly saves = new Map<string, SaveRecord>();
  private readonly dismissals = new Map<string, DismissalRecord>();
  private readonly subs = new Map<ChannelKey, Subscription>();
  private readonly posts = new Map<string, PostedMessage>();
  private readonly postsByChannel = new Map<ChannelKey, Map<string, PostedMessage>>();
  private readonly runs = new Map<ChannelKey, Map<string, DigestRun>>();
  private readonly sources = new Map<string, SourceStatus>();
  private readonly channels = new Map<ChannelKey, ChannelSettings>();
  private readonly tldrs = new Map<string, ModelTldr>();
  private readonly weeklies = new Map<ChannelKey, WeeklySchedule>();
  private readonly followsByKey = new Map<string, FollowRecord>();
  private readonly mutesByKey = new Map<string, MuteRecord>();
  private readonly alertsByKey = new Map<string, AlertRecord>();

  constructor(readonly corpus: Corpus = new Corpus()) {}

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
        const { platform, workspaceId, channelId } = change.post.ref;
        const inChannel = inner(this.postsByChannel, channelKey(platform, workspaceId, channelId));
        setOrDelete(this.posts, key, change.post, change.removed);
        setOrDelete(inChannel, key, change.post, change.removed);
        return;
      }
      case "run":
        setOrDelete(inner(this.runs, change.run.channel), change.run.day, change.run, change.removed);
        return;
      case "source":
        setOrDelete(this.sources, change.status.name, change.status, change.removed);
        return;
      case "channel-settings":
        setOrDelete(this.channels, change.settings.channel, change.settings, change.removed);
        return;
      case "model-tldr": {
        const key = modelTldrKey(change.tldr.paperId, change.tldr.language);
        setOrDelete(this.tldrs, key, change.tldr, change.removed);
        return;
      }
      case "weekly":
        if (change.removed) this.weeklies.delete(change.channel);
        else this.weeklies.set(change.channel, change.schedule);
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
      case "alert": {
        const key = alertStoreKey(change.alert.channel, change.alert.paperId);
        setOrDelete(this.alertsByKey, key, change.alert, change.removed);
        return;
      }
    }
  }

  /**
   * The change that puts the record `change` names back as the cache holds it now (what was there, or
   * its removal): applied after a failed write, it leaves memory as the disk has it.
   */
  undoOf(change: Change): Change | undefined {
    switch (change.kind) {
      case "paper":
        return undefined;
      case "save": {
        const { workspace, userId, paperId } = change.save;
        const now = this.save(workspace, userId, paperId);
        return { kind: "save", save: now ?? change.save, removed: !now };
      }
      case "dismissal": {
        const { workspace, userId, paperId } = change.dismissal;
        const now = this.dismissals.get(saveKey(workspace, userId, paperId));
        return { kind: "dismissal", dismissal: now ?? change.dismissal, removed: !now };
      }
      case "subscription": {
        const now = this.subs.get(change.channel);
        return { ...change, subscription: now ?? change.subscription, removed: !now };
      }
      case "post": {
        const now = this.findPost(change.post.ref);
        return { kind: "post", post: now ?? change.post, removed: !now };
      }
      case "run": {
        const now = this.digestRun(change.run.channel, change.run.day);
        return { kind: "run", run: now ?? change.run, removed: !now };
      }
      case "source": {
        const now = this.sources.get(change.status.name);
        return { kind: "source", status: now ?? change.status, removed: !now };
      }
      case "channel-settings": {
        const now = this.channels.get(change.settings.channel);
        return { kind: "channel-settings", settings: now ?? change.settings, removed: !now };
      }
      case "model-tldr": {
        const now = this.modelTldr(change.tldr.paperId, change.tldr.language);
        return { kind: "model-tldr", tldr: now ?? change.tldr, removed: !now };
      }
      case "weekly": {
        const now = this.weeklies.get(change.channel);
        return { ...change, schedule: now ?? change.schedule, removed: !now };
      }
      case "follow": {
        const now = this.follow(change.follow.channel, change.follow.key);
        return { kind: "follow", follow: now ?? change.follow, removed: !now };
      }
      case "mute": {
        const { channel, kind, key } = change.mute;
        const now = this.mutesByKey.get(muteStoreKey(channel, kind, key));
        return { kind: "mute", mute: now ?? change.mute, removed: !now };
      }
      case "alert": {
        const now = this.alert(change.alert.channel, change.alert.paperId);
        return { kind: "alert", alert: now ?? change.alert, removed: !now };
      }
    }
  }

  /** Every record but the papers, as a state file holds them. */
  toState(): WorkspaceState {
    return {
      schemaVersion: STATE_SCHEMA_VERSION,
      saves: [...this.saves.values()],
      dismissals: [...this.dismissals.values()],
      subscriptions: [...this.subs.values()],
      posts: [...this.posts.values()],
      digestRuns: [...this.runs.values()].flatMap((byDay) => [...byDay.values()]),
      sources: [...this.sources.values()],
      channelSettings: [...this.channels.values()],
      modelTldrs: [...this.tldrs.values()],
      weeklySchedules: [...this.weeklies.values()],
      follows: [...this.followsByKey.values()],
      mutes: [...this.mutesByKey.values()],
      alerts: [...this.alertsByKey.values()],
    };
  }

  save(workspace: WorkspaceKey, userId: string, paperId: string): SaveRecord | undefined {
    return this.saves.get(saveKey(workspace, userId, paperId));
  }

  hasDismissal(workspace: WorkspaceKey, userId: string, paperId: string): boolean {
    return this.dismissals.has(saveKey(workspace, userId, paperId));
  }

  hasMute(channel: ChannelKey, kind: MuteKind, key: string): boolean {
    return this.mutesByKey.has(muteStoreKey(channel, kind, key));
  }

  alert(channel: ChannelKey, paperId: string): AlertRecord | undefined {
    return this.alertsByKey.get(alertStoreKey(channel, paperId));
  }

  /** A channel's follows, oldest first. */
  follows(channel: ChannelKey): FollowRecord[] {
    return this.allFollows().filter((f) => f.channel === channel);
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

  weeklySchedule(channel: ChannelKey): WeeklySchedule | undefined {
    return this.weeklies.get(channel);
  }

  weeklySchedules(): WeeklySchedule[] {
    return [...this.weeklies.values()];
  }
}

/** The records of a state file as changes, to load into a cache. */
export function stateChanges(state: WorkspaceState): Change[] {
  return [
    ...state.saves.map((save): Change => ({ kind: "save", save, removed: false })),
    ...state.dismissals.map((dismissal): Change => ({ kind: "dismissal", dismissal, removed: false })),
    ...state.subscriptions.map(
      (subscription): Change => ({
        kind: "subscription",
        channel: subscription.channel,
        subscription,
        removed: false,
      }),
    ),
    ...state.posts.map((post): Change => ({ kind: "post", post })),
    ...state.digestRuns.map((run): Change => ({ kind: "run", run })),
    ...state.sources.map((status): Change => ({ kind: "source", status })),
    ...state.channelSettings.map((settings): Change => ({ kind: "channel-settings", settings })),
    ...state.modelTldrs.map((tldr): Change => ({ kind: "model-tldr", tldr })),
    ...state.weeklySchedules.map(
      (schedule): Change => ({ kind: "weekly", channel: schedule.channel, schedule, removed: false }),
    ),
    ...state.follows.map((follow): Change => ({ kind: "follow", follow, removed: false })),
    ...state.mutes.map((mute): Change => ({ kind: "mute", mute, removed: false })),
    ...state.alerts.map((alert): Change => ({ kind: "alert", alert })),
  ];
}

/** The map under `key` in `outer`, made when missing. */
function inner<K, V>(outer: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let map = outer.get(key);
  if (!map) {
    map = new Map();
    outer.set(key, map);
  }
  return map;
}

function setOrDelete<V>(map: Map<string, V>, key: string, value: V, removed: boolean | undefined): void {
  if (removed) map.delete(key);
  else map.set(key, value);
}
