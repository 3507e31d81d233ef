// The Store on lowdb: the corpus and the workspace state in two JSON files, so a save never rewrites the corpus.
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Adapter, Low, Memory } from "lowdb";
import { UserError } from "../errors.js";
import { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import type { MessageRef } from "../places.js";
import { channelKey, postKey } from "../places.js";
import { CorpusJournal } from "./corpus-journal.js";
import { CORPUS_FILE, type CorpusStamp, corpusStamp, JOURNAL_FILE } from "./corpus-stamp.js";
import { DataDirLock, type LockOptions } from "./data-dir-lock.js";
import { claimExisting, claimNew, type DigestClaim, type DigestLease, mayClaim } from "./digest-claim.js";
import { type DurableFileOptions, DurableJsonFile, removeStaleTempFiles } from "./durable-json-file.js";
import {
  type AlertRecord,
  alertStoreKey,
  type FollowRecord,
  type MuteKind,
  type MuteRecord,
  muteStoreKey,
} from "./follow-records.js";
import {
  type ChannelKey,
  type ChannelSettings,
  type DigestRun,
  type DismissalRecord,
  emptyState,
  type ModelTldr,
  modelTldrKey,
  type PostedMessage,
  type SaveRecord,
  type SourceStatus,
  STATE_SCHEMA_VERSION,
  type Subscription,
  saveKey,
  type WorkspaceKey,
  type WorkspaceState,
} from "./records.js";
import type { Store } from "./store.js";

export interface CorpusFile {
  schemaVersion: number;
  papers: Paper[];
}

export const CORPUS_SCHEMA_VERSION = 1;
export { CORPUS_FILE, JOURNAL_FILE };
export const STATE_FILE = "state.json";

/**
 * When the journal is folded into a new papers.json: past a tenth of the corpus, so a restart replays
 * at most that much and the journal never outweighs the file; a batch that size (a bulk import, the
 * first ingest) writes the corpus file at once.
 */
export function journalLimit(corpusSize: number): number {
  return Math.floor(corpusSize / 10);
}

async function readChecked<T extends { schemaVersion: number }>(
  db: Low<T>,
  name: string,
  supported: number,
): Promise<void> {
  try {
    await db.read();
  } catch (error) {
    throw new UserError(
      "store-unreadable",
      `${name} could not be read (${(error as Error).message}).`,
      "Restore it from a backup or move it away; paperbot will not overwrite it.",
    );
  }
  const version = db.data.schemaVersion;
  if (typeof version !== "number" || version > supported) {
    throw new UserError(
      "store-version",
      `${name} has schema version ${String(version)}, and this paperbot reads up to ${supported}.`,
      "Upgrade paperbot, or point --data-dir at another directory.",
    );
  }
}

/** How a store may change its files: as the lock holder, read-only, or freely (memory, tests). */
export interface StoreAccess {
  lock?: DataDirLock;
  readOnly?: boolean;
  /** Where small paper batches go instead of a whole new corpus file (data directories only). */
  journal?: CorpusJournal;
}

export interface OpenDirectoryOptions {
  /** Who is opening it and how long to wait for another writer (default: "paperbot", refuse at once). */
  lock?: Partial<LockOptions>;
  /** Write durability (default: fsync before a write resolves). */
  durability?: DurableFileOptions;
}

/** A save or un-save made in memory, on its way to the disk. */
interface SaveChange {
  adding?: SaveRecord;
  removing: SaveRecord[];
  undo: () => void;
}

interface SaveWrite extends Omit<SaveChange, "undo"> {
  done: Promise<void>;
}

export class LowStore implements Store {
  readonly corpus: Corpus;
  /** Who claims digest runs from this instance; a run held by an earlier instance belongs to a gone process. */
  readonly owner = `lowdb:${randomUUID()}`;
  private readonly saveKeys = new Set<string>();
  /**
   * Saves and un-saves being written, by save key. A second change of the same key (a double press) waits
   * for the first to reach the disk before it answers, and readers see the saves as the disk has them.
   */
  private readonly saveWrites = new Map<string, SaveWrite>();
  /** The newest change of each dismissal key on its way to the disk; the next change of that key waits for it. */
  private readonly dismissalWrites = new Map<string, Promise<boolean>>();
  private readonly postsByRef = new Map<string, PostedMessage>();
  private readonly modelTldrs = new Map<string, ModelTldr>();
  /**
   * The newest corpus write (journal append or new corpus file), each after the one before: state writes
   * wait for it, so saved state never names a paper not on disk, and a journal is never emptied under
   * an append the new corpus file does not hold.
   */
  private corpusWrite: Promise<void> = Promise.resolve();
  /** The newest state write: it settles after every earlier one (the file adapter writes in order). */
  private stateWrite: Promise<void> = Promise.resolve();
  /** The data directory's corpus files as they were just before this store read them (a directory store only). */
  openedStamp?: CorpusStamp;

  private constructor(
    private readonly corpusDb: Low<CorpusFile>,
    private readonly stateDb: Low<WorkspaceState>,
    private readonly names: { corpus: string; state: string },
    private readonly access: StoreAccess,
  ) {
    this.corpus = new Corpus(corpusDb.data.papers);
    for (const save of stateDb.data.saves)
      this.saveKeys.add(saveKey(save.workspace, save.userId, save.paperId));
    for (const post of stateDb.data.posts) this.postsByRef.set(postKey(post.ref), post);
    for (const tldr of stateDb.data.modelTldrs)
      this.modelTldrs.set(modelTldrKey(tldr.paperId, tldr.language), tldr);
  }

  static async open(
    corpusAdapter: Adapter<CorpusFile>,
    stateAdapter: Adapter<WorkspaceState>,
    names = { corpus: CORPUS_FILE, state: STATE_FILE },
    access: StoreAccess = {},
  ): Promise<LowStore> {
    const corpusDb = new Low<CorpusFile>(corpusAdapter, { schemaVersion: CORPUS_SCHEMA_VERSION, papers: [] });
    const stateDb = new Low<WorkspaceState>(stateAdapter, emptyState());
    const [, , journal] = await Promise.all([
      readChecked(corpusDb, names.corpus, CORPUS_SCHEMA_VERSION),
      readChecked(stateDb, names.state, STATE_SCHEMA_VERSION),
      access.journal?.read(),
    ]);
    stateDb.data = { ...emptyState(), ...stateDb.data };
    const store = new LowStore(corpusDb, stateDb, names, access);
    for (const paper of journal?.papers ?? []) store.corpus.replace(paper);
    return store;
  }

  /**
   * The default store: two JSON files in `dataDir`, created on first write. Takes the data directory's
   * lock (released by `close`), so a second process cannot write beside this one and lose its updates;
   * every write is on the disk before it resolves.
   */
  static async openDirectory(dataDir: string, options: OpenDirectoryOptions = {}): Promise<LowStore> {
    await mkdir(dataDir, { recursive: true });
    const lock = await DataDirLock.acquire(dataDir, { purpose: "paperbot", ...options.lock });
    try {
      const corpusPath = join(dataDir, CORPUS_FILE);
      const statePath = join(dataDir, STATE_FILE);
      await Promise.all([removeStaleTempFiles(corpusPath), removeStaleTempFiles(statePath)]);
      const stamp = await corpusStamp(dataDir);
      const store = await LowStore.open(
        new DurableJsonFile<CorpusFile>(corpusPath, options.durability),
        new DurableJsonFile<WorkspaceState>(statePath, options.durability),
        { corpus: corpusPath, state: statePath },
        { lock, journal: new CorpusJournal(join(dataDir, JOURNAL_FILE), options.durability?.fsync ?? true) },
      );
      store.openedStamp = stamp;
      return store;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /**
   * The store in `dataDir` as it is on disk now, for looking at while another process (the bot) holds
   * the lock: takes no lock, and refuses every change. Files are replaced whole, so a read never sees half a write.
   */
  static async openReadOnly(dataDir: string): Promise<LowStore> {
    const corpusPath = join(dataDir, CORPUS_FILE);
    const statePath = join(dataDir, STATE_FILE);
    const stamp = await corpusStamp(dataDir);
    const store = await LowStore.open(
      new DurableJsonFile<CorpusFile>(corpusPath),
      new DurableJsonFile<WorkspaceState>(statePath),
      { corpus: corpusPath, state: statePath },
      { readOnly: true, journal: new CorpusJournal(join(dataDir, JOURNAL_FILE)) },
    );
    store.openedStamp = stamp;
    return store;
  }

  static async inMemory(papers: Paper[] = []): Promise<LowStore> {
    const corpus = new Memory<CorpusFile>();
    await corpus.write({ schemaVersion: CORPUS_SCHEMA_VERSION, papers });
    return LowStore.open(corpus, new Memory<WorkspaceState>(), { corpus: "memory", state: "memory" });
  }

  /** Refuses a change before it touches memory: read-only, superseded, or closed stores never write. */
  private assertWritable(): void {
    if (this.access.readOnly) {
      throw new UserError(
        "store-read-only",
        `${this.names.state} was opened read-only, for inspection.`,
        "Open it with LowStore.openDirectory, which takes the data directory's lock, to change it.",
      );
    }
    if (this.access.lock && !this.access.lock.current) {
      throw new UserError(
        "store-superseded",
        `This store of ${this.names.state} was closed or reopened, so it may no longer write.`,
        "Use the store from the latest open.",
      );
    }
  }

  async putPapers(papers: readonly Paper[]): Promise<void> {
    this.assertWritable();
    if (papers.length === 0) return;
    for (const paper of papers) this.corpus.replace(paper);
    const batch = [...papers];
    const write = this.corpusWrite.then(() => this.writePapers(batch));
    this.corpusWrite = write.catch(() => undefined);
    await write;
  }

  /** A small batch is appended to the journal; a large one, or a full journal, gets a new corpus file. */
  private async writePapers(batch: Paper[]): Promise<void> {
    const journal = this.access.journal;
    if (journal && journal.size + batch.length <= journalLimit(this.corpus.size)) {
      await journal.append(batch);
      return;
    }
    // Everything in memory now, which includes every append before this one: then the journal may go.
    this.corpusDb.data = { schemaVersion: CORPUS_SCHEMA_VERSION, papers: [...this.corpus.all()] };
    await this.corpusDb.write();
    await journal?.clear();
  }

  private get state(): WorkspaceState {
    return this.stateDb.data;
  }

  private writeState(): Promise<void> {
    const write = this.corpusWrite.then(() => this.stateDb.write());
    this.stateWrite = write.catch(() => undefined);
    return write;
  }

  async addSave(save: SaveRecord): Promise<boolean> {
    const key = saveKey(save.workspace, save.userId, save.paperId);
    return this.changeSave(key, () => {
      if (this.saveKeys.has(key)) return undefined;
      this.saveKeys.add(key);
      this.state.saves.push(save);
      return {
        adding: save,
        removing: [],
        // Not on disk, so not saved: memory says so too, and trying again will write it.
        undo: () => {
          this.saveKeys.delete(key);
          this.state.saves = this.state.saves.filter((s) => s !== save);
        },
      };
    });
  }

  async removeSave(workspace: WorkspaceKey, userId: string, paperId: string): Promise<boolean> {
    const key = saveKey(workspace, userId, paperId);
    return this.changeSave(key, () => {
      if (!this.saveKeys.delete(key)) return undefined;
      const removed = this.state.saves.filter((s) => saveKey(s.workspace, s.userId, s.paperId) === key);
      this.state.saves = this.state.saves.filter((s) => saveKey(s.workspace, s.userId, s.paperId) !== key);
      return {
        removing: removed,
        undo: () => {
          this.saveKeys.add(key);
          this.state.saves.push(...removed);
        },
      };
    });
  }

  /**
   * Changes one save once no earlier change of it is being written, so the answer (true: changed, false:
   * already so) is what the disk holds. `change` looks and changes memory in one synchronous step, so two
   * presses waiting on the same write cannot both decide from the state before either changed it.
   */
  private async changeSave(key: string, change: () => SaveChange | undefined): Promise<boolean> {
    for (let write = this.saveWrites.get(key); write; write = this.saveWrites.get(key)) {
      await write.done.catch(() => undefined);
    }
    this.assertWritable();
    const changed = change();
    if (!changed) return false;
    const done = this.writeState();
    this.saveWrites.set(key, { done, adding: changed.adding, removing: changed.removing });
    try {
      await done;
    } catch (error) {
      // Undone before the entry goes, so a press waiting on this write looks at memory as the disk has it.
      changed.undo();
      throw error;
    } finally {
      this.saveWrites.delete(key);
    }
    return true;
  }

  /** The saves as the disk has them: one being added is not there yet, one being removed still is. */
  private writtenSaves(): readonly SaveRecord[] {
    if (this.saveWrites.size === 0) return this.state.saves;
    const unwritten = new Set<SaveRecord>();
    const stillWritten: SaveRecord[] = [];
    for (const write of this.saveWrites.values()) {
      if (write.adding) unwritten.add(write.adding);
      stillWritten.push(...write.removing);
    }
    return [...this.state.saves.filter((s) => !unwritten.has(s)), ...stillWritten];
  }

  async addDismissal(dismissal: DismissalRecord): Promise<boolean> {
    const key = saveKey(dismissal.workspace, dismissal.userId, dismissal.paperId);
    return this.oneDismissalChangeAtATime(key, () => this.writeDismissal(key, dismissal));
  }

  /**
   * Runs a change of one person's dismissal of one paper after any earlier change of it has reached the
   * disk (or failed), so a double press answers "already" only about a dismissal that is written.
   */
  private async oneDismissalChangeAtATime(key: string, change: () => Promise<boolean>): Promise<boolean> {
    const run = (this.dismissalWrites.get(key) ?? Promise.resolve(false)).catch(() => false).then(change);
    this.dismissalWrites.set(key, run);
    try {
      return await run;
    } finally {
      if (this.dismissalWrites.get(key) === run) this.dismissalWrites.delete(key);
    }
  }

  private async writeDismissal(key: string, dismissal: DismissalRecord): Promise<boolean> {
    this.assertWritable();
    const dismissals = this.state.dismissals;
    if (dismissals.some((d) => saveKey(d.workspace, d.userId, d.paperId) === key)) return false;
    dismissals.push(dismissal);
    try {
      await this.writeState();
    } catch (error) {
      // Not on disk, so not dismissed: memory says so too.
      this.state.dismissals = this.state.dismissals.filter((d) => d !== dismissal);
      throw error;
    }
    return true;
  }

  async removeDismissal(workspace: WorkspaceKey, userId: string, paperId: string): Promise<boolean> {
    const key = saveKey(workspace, userId, paperId);
    return this.oneDismissalChangeAtATime(key, () => this.eraseDismissal(key));
  }

  private async eraseDismissal(key: string): Promise<boolean> {
    this.assertWritable();
    const removed = this.state.dismissals.filter((d) => saveKey(d.workspace, d.userId, d.paperId) === key);
    if (removed.length === 0) return false;
    this.state.dismissals = this.state.dismissals.filter((d) => !removed.includes(d));
    try {
      await this.writeState();
    } catch (error) {
      this.state.dismissals.push(...removed);
      throw error;
    }
    return true;
  }

  dismissalsIn(workspace: WorkspaceKey): DismissalRecord[] {
    return this.state.dismissals.filter((d) => d.workspace === workspace);
  }

  savesOf(workspace: WorkspaceKey, userId: string): SaveRecord[] {
    return this.writtenSaves().filter((s) => s.workspace === workspace && s.userId === userId);
  }

  savesIn(workspace: WorkspaceKey): SaveRecord[] {
    return this.writtenSaves().filter((s) => s.workspace === workspace);
  }

  subscription(channel: ChannelKey): Subscription | undefined {
    return this.state.subscriptions.find((s) => s.channel === channel);
  }

  subscriptions(): Subscription[] {
    return [...this.state.subscriptions];
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    this.assertWritable();
    this.state.subscriptions = [
      ...this.state.subscriptions.filter((s) => s.channel !== subscription.channel),
      subscription,
    ];
    await this.writeState();
  }

  async removeSubscription(channel: ChannelKey): Promise<boolean> {
    this.assertWritable();
    const before = this.state.subscriptions.length;
    this.state.subscriptions = this.state.subscriptions.filter((s) => s.channel !== channel);
    if (this.state.subscriptions.length === before) return false;
    await this.writeState();
    return true;
  }

  async recordPost(post: PostedMessage): Promise<void> {
    this.assertWritable();
    this.postsByRef.set(postKey(post.ref), post);
    this.state.posts.push(post);
    await this.writeState();
  }

  findPost(ref: MessageRef): PostedMessage | undefined {
    return this.postsByRef.get(postKey(ref));
  }

  postsIn(channel: ChannelKey): PostedMessage[] {
    return this.state.posts.filter(
      (p) => channelKey(p.ref.platform, p.ref.workspaceId, p.ref.channelId) === channel,
    );
  }

  digestRun(channel: ChannelKey, day: string): DigestRun | undefined {
    return this.state.digestRuns.find((r) => r.channel === channel && r.day === day);
  }

  lastDigestRun(channel: ChannelKey): DigestRun | undefined {
    let last: DigestRun | undefined;
    for (const run of this.state.digestRuns) {
      if (run.channel === channel && (!last || run.day > last.day)) last = run;
    }
    return last;
  }

  async putDigestRun(run: DigestRun): Promise<void> {
    this.assertWritable();
    this.state.digestRuns = [
      ...this.state.digestRuns.filter((r) => !(r.channel === run.channel && r.day === run.day)),
      run,
    ];
    await this.writeState();
  }

  /**
   * The only writer of its data directory claims in-process: the run is updated in memory before the
   * write is awaited, so a second claim made meanwhile sees it. Leases of earlier instances are void.
   */
  async claimDigestRun(
    channel: ChannelKey,
    day: string,
    plan: () => DigestRun,
    lease: DigestLease,
  ): Promise<DigestClaim> {
    this.assertWritable();
    const existing = this.digestRun(channel, day);
    if (existing && !mayClaim(existing, this.owner, lease, { othersLeases: false })) {
      return { run: existing, claimed: false };
    }
    const run = existing
      ? claimExisting(existing, this.owner, lease)
      : claimNew({ ...plan(), channel, day }, this.owner, lease);
    await this.putDigestRun(run);
    return { run, claimed: true };
  }

  channelSettings(channel: ChannelKey): ChannelSettings | undefined {
    return this.state.channelSettings.find((s) => s.channel === channel);
  }

  async putChannelSettings(settings: ChannelSettings): Promise<void> {
    this.assertWritable();
    this.state.channelSettings = [
      ...this.state.channelSettings.filter((s) => s.channel !== settings.channel),
      settings,
    ];
    await this.writeState();
  }

  modelTldr(paperId: string, language: string): ModelTldr | undefined {
    return this.modelTldrs.get(modelTldrKey(paperId, language));
  }

  async putModelTldr(tldr: ModelTldr): Promise<void> {
    this.assertWritable();
    const key = modelTldrKey(tldr.paperId, tldr.language);
    this.modelTldrs.set(key, tldr);
    this.state.modelTldrs = [
      ...this.state.modelTldrs.filter((t) => modelTldrKey(t.paperId, t.language) !== key),
      tldr,
    ];
    await this.writeState();
  }

  follows(channel: ChannelKey): FollowRecord[] {
    return this.state.follows.filter((f) => f.channel === channel);
  }

  allFollows(): FollowRecord[] {
    return [...this.state.follows];
  }

  async putFollow(follow: FollowRecord): Promise<void> {
    this.assertWritable();
    const before = this.state.follows;
    const at = before.findIndex((f) => f.channel === follow.channel && f.key === follow.key);
    // Replaced in place, so a channel's list keeps the order its follows were made in.
    this.state.follows = at < 0 ? [...before, follow] : before.map((f, i) => (i === at ? follow : f));
    await this.writeOrUndo(() => {
      this.state.follows = before;
    });
  }

  async removeFollow(channel: ChannelKey, key: string): Promise<boolean> {
    this.assertWritable();
    const before = this.state.follows;
    this.state.follows = before.filter((f) => !(f.channel === channel && f.key === key));
    if (this.state.follows.length === before.length) return false;
    await this.writeOrUndo(() => {
      this.state.follows = before;
    });
    return true;
  }

  mutes(channel: ChannelKey): MuteRecord[] {
    return this.state.mutes.filter((m) => m.channel === channel);
  }

  async addMute(mute: MuteRecord): Promise<boolean> {
    this.assertWritable();
    const key = muteStoreKey(mute.channel, mute.kind, mute.key);
    const before = this.state.mutes;
    if (before.some((m) => muteStoreKey(m.channel, m.kind, m.key) === key)) return false;
    this.state.mutes = [...before, mute];
    await this.writeOrUndo(() => {
      this.state.mutes = before;
    });
    return true;
  }

  async removeMute(channel: ChannelKey, kind: MuteKind, key: string): Promise<boolean> {
    this.assertWritable();
    const gone = muteStoreKey(channel, kind, key);
    const before = this.state.mutes;
    this.state.mutes = before.filter((m) => muteStoreKey(m.channel, m.kind, m.key) !== gone);
    if (this.state.mutes.length === before.length) return false;
    await this.writeOrUndo(() => {
      this.state.mutes = before;
    });
    return true;
  }

  alertsIn(channel: ChannelKey): AlertRecord[] {
    return this.state.alerts.filter((a) => a.channel === channel);
  }

  async addPendingAlerts(alerts: readonly AlertRecord[]): Promise<AlertRecord[]> {
    this.assertWritable();
    const known = new Set(this.state.alerts.map((a) => alertStoreKey(a.channel, a.paperId)));
    const added: AlertRecord[] = [];
    for (const alert of alerts) {
      const key = alertStoreKey(alert.channel, alert.paperId);
      if (known.has(key)) continue;
      known.add(key);
      added.push({ ...alert, state: "pending" });
    }
    if (added.length === 0) return [];
    const before = this.state.alerts;
    this.state.alerts = [...before, ...added];
    await this.writeOrUndo(() => {
      this.state.alerts = before;
    });
    return added;
  }

  /** Switched in memory before the write is awaited, so a second claim made meanwhile finds them taken. */
  async claimAlerts(
    channel: ChannelKey,
    paperIds: readonly string[],
    postedAt: string,
  ): Promise<AlertRecord[]> {
    this.assertWritable();
    const wanted = new Set(paperIds);
    const before = this.state.alerts;
    const claimed: AlertRecord[] = [];
    this.state.alerts = before.map((alert) => {
      if (alert.channel !== channel || alert.state !== "pending" || !wanted.has(alert.paperId)) return alert;
      const posted: AlertRecord = { ...alert, state: "posted", postedAt };
      claimed.push(posted);
      return posted;
    });
    if (claimed.length === 0) return [];
    await this.writeOrUndo(() => {
      this.state.alerts = before;
    });
    return claimed;
  }

  /** Writes the state; when the write fails, `undo` puts memory back as the disk has it. */
  private async writeOrUndo(undo: () => void): Promise<void> {
    try {
      await this.writeState();
    } catch (error) {
      undo();
      throw error;
    }
  }

  sourceStatuses(): SourceStatus[] {
    return [...this.state.sources];
  }

  async putSourceStatus(status: SourceStatus): Promise<void> {
    this.assertWritable();
    this.state.sources = [...this.state.sources.filter((s) => s.name !== status.name), status];
    await this.writeState();
  }

  /** Nothing to bring in: this store is its data's only writer. */
  async refresh(): Promise<void> {}

  onPapersChanged(_listener: (papers: readonly Paper[]) => void): () => void {
    return () => undefined;
  }

  /** Waits for writes in flight, then lets go of the data directory for the next process. */
  async close(): Promise<void> {
    await this.corpusWrite;
    await this.stateWrite;
    await this.access.lock?.release();
  }

  describe(): string {
    return `${this.names.corpus}, ${this.names.state}`;
  }
}
