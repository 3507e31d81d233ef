// The Store port: everything paperbot keeps, behind one interface (lowdb by default, in memory in tests).
import type { MessageRef } from "../chat/port.js";
import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import type {
  ChannelKey,
  DigestRun,
  PostedMessage,
  SaveRecord,
  SourceStatus,
  Subscription,
  WorkspaceKey,
} from "./records.js";

export interface Store {
  /** The papers, in memory; change them through `putPapers` so they are persisted. */
  readonly corpus: Corpus;
  /** Persists papers that were added or changed in `corpus` (one write for the batch). */
  putPapers(papers: readonly Paper[]): Promise<void>;

  /** Saves a paper for a person; false when it was already saved (idempotent). */
  addSave(save: SaveRecord): Promise<boolean>;
  /** Un-saves; false when it was not saved. */
  removeSave(workspace: WorkspaceKey, userId: string, paperId: string): Promise<boolean>;
  savesOf(workspace: WorkspaceKey, userId: string): SaveRecord[];
  savesIn(workspace: WorkspaceKey): SaveRecord[];

  subscription(channel: ChannelKey): Subscription | undefined;
  subscriptions(): Subscription[];
  putSubscription(subscription: Subscription): Promise<void>;
  removeSubscription(channel: ChannelKey): Promise<boolean>;

  recordPost(post: PostedMessage): Promise<void>;
  findPost(ref: MessageRef): PostedMessage | undefined;
  postsIn(channel: ChannelKey): PostedMessage[];

  digestRun(channel: ChannelKey, day: string): DigestRun | undefined;
  lastDigestRun(channel: ChannelKey): DigestRun | undefined;
  putDigestRun(run: DigestRun): Promise<void>;

  sourceStatuses(): SourceStatus[];
  putSourceStatus(status: SourceStatus): Promise<void>;

  close(): Promise<void>;
}
