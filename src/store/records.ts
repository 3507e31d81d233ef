// The small, often-written workspace state: saves, channel subscriptions, posted messages, digest runs, sources.
import type { ChannelKey, MessageRef, Platform, WorkspaceKey } from "../places.js";
import type { AlertRecord, FollowRecord, MuteRecord } from "./follow-records.js";

export type { ChannelKey, WorkspaceKey } from "../places.js";
// The key builders live in places.ts; re-exported so code written against records.ts before the move still builds.
export { channelKey, postKey, workspaceKey } from "../places.js";

/** A save's key: one person's save of one paper in one workspace. */
export function saveKey(workspace: WorkspaceKey, userId: string, paperId: string): string {
  return `${workspace}\u0000${userId}\u0000${paperId}`;
}

export interface SaveRecord {
  workspace: WorkspaceKey;
  userId: string;
  paperId: string;
  savedAt: string;
  /** "reaction" when a reaction made this save: only then does removing a reaction un-save it. */
  via?: "reaction";
}

/** One person's "not for us" on one paper in one workspace: the paper is never highlighted there again. */
export interface DismissalRecord {
  workspace: WorkspaceKey;
  userId: string;
  paperId: string;
  dismissedAt: string;
}

export interface Subscription {
  channel: ChannelKey;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  /** Local time of day, HH:MM. */
  time: string;
  /** IANA time zone. */
  timeZone: string;
  size: number;
  topics: string[];
  excluded: string[];
  createdBy: string;
  createdAt: string;
}

/** A channel's weekly team digest: posted once a week, on `weekday` at `time` in `timeZone`. */
export interface WeeklySchedule {
  channel: ChannelKey;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Local time of day, HH:MM. */
  time: string;
  /** IANA time zone. */
  timeZone: string;
  createdBy: string;
  createdAt: string;
}

export interface PostedMessage {
  ref: MessageRef;
  /** The papers on the message, in their numbered order. */
  paperIds: string[];
  postedAt: string;
  /**
   * "digest" and "today" (the highlights `today` posted to the channel) count as shown from the next
   * day on; a "reply" (search results, the console's start-up preview) never does; a "weekly" message is the weekly digest.
   */
  kind: "digest" | "digest-header" | "today" | "reply" | "notice" | "weekly";
}

/** One channel's digest for one local day: claimed before posting, so it is posted once. */
export interface DigestRun {
  channel: ChannelKey;
  day: string;
  state: "posting" | "posted" | "failed";
  paperIds: string[];
  /** Why each paper was chosen, by paper id. */
  reasons?: Record<string, string>;
  /** How many of `paperIds` are already posted, so a retry resumes instead of starting over. */
  postedCount: number;
  headerPosted: boolean;
  startedAt: string;
  finishedAt?: string;
  error?: string;
  /** How the last attempt failed (a PostError kind), so a vanished channel is told from a refusal. */
  errorKind?: "rate-limited" | "transient" | "channel-gone" | "forbidden" | "invalid";
  /** Not tried again before this instant (ISO): failed attempts back off instead of retrying every tick. */
  nextAttemptAt?: string;
  attempts: number;
  /** The store instance (bot replica) that claimed it last; only it may record progress. */
  owner?: string;
  /** While posting: the claim holds until this instant (ISO), then another replica may resume the run. */
  leaseUntil?: string;
}

export interface SourceStatus {
  name: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
  lastCount?: number;
  stale?: boolean;
  /** Conditional request and staleness memory, opaque to the store. */
  memo?: Record<string, string>;
}

/** A channel's settings besides its digest; kept even while its digest is off. */
export interface ChannelSettings {
  channel: ChannelKey;
  /** Model TL;DRs in this language: a BCP 47 tag, "auto" (the workspace's locale) or "off". */
  language: string;
  /** For "auto": the locale the platform gave when it was set (the server's, else the person's), if any. */
  autoLocale?: string;
  updatedBy: string;
  updatedAt: string;
}

/** A paper's TL;DR written by the language model in one language: generated once, then reused. */
export interface ModelTldr {
  paperId: string;
  /** The canonical BCP 47 tag it is written in. */
  language: string;
  text: string;
  model: string;
  createdAt: string;
}

/** The key of a model TL;DR: one paper in one language. */
export function modelTldrKey(paperId: string, language: string): string {
  return `${paperId}\u0000${language}`;
}

export interface WorkspaceState {
  schemaVersion: number;
  saves: SaveRecord[];
  /** Absent in files written before dismissals existed; read as none. */
  dismissals: DismissalRecord[];
  subscriptions: Subscription[];
  posts: PostedMessage[];
  digestRuns: DigestRun[];
  sources: SourceStatus[];
  channelSettings: ChannelSettings[];
  modelTldrs: ModelTldr[];
  /** Absent in files written before weekly digests existed; read as none. */
  weeklySchedules: WeeklySchedule[];
  /** Absent in files written before follows existed; read as none (like dismissals). */
  follows: FollowRecord[];
  mutes: MuteRecord[];
  alerts: AlertRecord[];
}

export const STATE_SCHEMA_VERSION = 1;

export function emptyState(): WorkspaceState {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    saves: [],
    dismissals: [],
    subscriptions: [],
    posts: [],
    digestRuns: [],
    sources: [],
    channelSettings: [],
    modelTldrs: [],
    weeklySchedules: [],
    follows: [],
    mutes: [],
    alerts: [],
  };
}
