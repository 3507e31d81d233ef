// The Store on lowdb: the corpus and the workspace state in two JSON files, so a save never rewrites the corpus.
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Adapter, Low, Memory } from "lowdb";
import { UserError } from "../errors.js";
import { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";
import { CachedReads } from "./cached-reads.js";
import { CORPUS_SCHEMA_VERSION, type CorpusFile, corpusFileFormat } from "./corpus-file.js";
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
} from "./follow-records.js";
import {
  type ChannelKey,
  type ChannelSettings,
  type DigestRun,
  type DismissalRecord,
  emptyState,
  type ModelTldr,
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
import type { Store } from "./store.js";
import { type Change, StoreCache, stateChanges } from "./store-cache.js";

export { CORPUS_FILE, CORPUS_SCHEMA_VERSION, type CorpusFile, JOURNAL_FILE };
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

export class LowStore extends CachedReads implements Store {
  /** Who claims digest runs from this instance; a run held by an earlier instance belongs to a gone process. */
  readonly owner = `lowdb:${randomUUID()}`;
  /**
   * Saves and un-saves being written, by save key. A second change of the same key (a double press) waits
   * for the first to reach the disk before it answers, and readers see the saves as the disk has them.
   */
  private readonly saveWrites = new Map<string, SaveWrite>();
  /** The newest change of each dismissal key on its way to the disk; the next change of that key waits for it. */
  private readonly dismissalWrites = new Map<string, Promise<boolean>>();
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
    // The same read model as PostgreSQL's store; the state file is written from it.
    super(new StoreCache(new Corpus(corpusDb.data.papers)));
    // The corpus holds the papers now; a second list of them would keep every replaced version alive.
    corpusDb.data = { ...corpusDb.data, papers: [] };
    for (const change of stateChanges(stateDb.data)) this.cache.apply(change);
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
        new DurableJsonFile<CorpusFile>(corpusPath, options.durability, corpusFileFormat),
        new DurableJsonFile<WorkspaceState>(statePath, options.durability),
        { corpus: corpusPath, state: statePath },
        { lock, journal: new CorpusJournal(join(dataDir, JOURNAL_FILE), options.durability?.fsync ?? true) },
      );
      store.openedStamp = stamp;
      if (store.corpusDb.data.layout === "whole" && store.corpus.size > 0) {
        // Written before papers.json had a paper a line: rewritten once, so later starts read it in windows.
        // A rewrite that fails leaves the old file whole (it is replaced by a rename), which still reads.
        await store.writeCorpusFile().then(
          async () => {
            store.openedStamp = await corpusStamp(dataDir);
          },
          () => undefined,
        );
      }
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
      new DurableJsonFile<CorpusFile>(corpusPath, {}, corpusFileFormat),
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
    await this.writeCorpusFile();
  }

  /** A new corpus file of everything in memory, which includes every journal append: then the journal may go. */
  private async writeCorpusFile(): Promise<void> {
    this.corpusDb.data = { schemaVersion: CORPUS_SCHEMA_VERSION, papers: [...this.corpus.all()] };
    try {
      await this.corpusDb.write();
    } finally {
      // A new object, not emptied in place: the write reads the list it was given as it goes.
      this.corpusDb.data = { schemaVersion: CORPUS_SCHEMA_VERSION, papers: [] };
    }
    await this.access.journal?.clear();
  }

  /** Writes the state file from the cache; the corpus write before it lands first. */
  private writeState(): Promise<void> {
    const write = this.corpusWrite.then(() => {
      this.stateDb.data = this.cache.toState();
      return this.stateDb.write();
    });
    this.stateWrite = write.catch(() => undefined);
    return write;
  }

  /**
   * Applies `changes` to the cache and writes them; when the write fails they are taken back, so memory
   * says what the disk has (not on disk, so not saved) and trying again writes them.
   */
  private async commit(changes: readonly Change[]): Promise<void> {
    const undos: Change[] = [];
    for (const change of changes) {
      const undo = this.cache.undoOf(change);
      if (undo) undos.push(undo);
      this.cache.apply(change);
    }
    try {
      await this.writeState();
    } catch (error) {
      for (const undo of undos.reverse()) this.cache.apply(undo);
      throw error;
    }
  }

  async addSave(save: SaveRecord): Promise<boolean> {
    const { workspace, userId, paperId } = save;
    return this.changeSave(saveKey(workspace, userId, paperId), () => {
      if (this.cache.hasSave(workspace, userId, paperId)) return undefined;
      this.cache.apply({ kind: "save", save, removed: false });
      return {
        adding: save,
        removing: [],
        undo: () => this.cache.apply({ kind: "save", save, removed: true }),
      };
    });
  }

  async removeSave(workspace: WorkspaceKey, userId: string, paperId: string): Promise<boolean> {
    return this.changeSave(saveKey(workspace, userId, paperId), () => {
      const save = this.cache.save(workspace, userId, paperId);
      if (!save) return undefined;
      this.cache.apply({ kind: "save", save, removed: true });
      return {
        removing: [save],
        undo: () => this.cache.apply({ kind: "save", save, removed: false }),
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

  /** `saves` as the disk has them: one being added is not there yet, one being removed still is. */
  private asWritten(saves: readonly SaveRecord[], keep: (save: SaveRecord) => boolean): SaveRecord[] {
    if (this.saveWrites.size === 0) return [...saves];
    const unwritten = new Set<SaveRecord>();
    const stillWritten: SaveRecord[] = [];
    for (const write of this.saveWrites.values()) {
      if (write.adding) unwritten.add(write.adding);
      stillWritten.push(...write.removing.filter(keep));
    }
    return [...saves.filter((s) => !unwritten.has(s)), ...stillWritten];
  }

  /** The saves as the disk has them (asWritten), not as the cache has them while a change is written. */
  override savesOf(workspace: WorkspaceKey, userId: string): SaveRecord[] {
    return this.asWritten(
      this.cache.savesOf(workspace, userId),
      (s) => s.workspace === workspace && s.userId === userId,
    );
  }

  override savesIn(workspace: WorkspaceKey): SaveRecord[] {
    return this.asWritten(this.cache.savesIn(workspace), (s) => s.workspace === workspace);
  }

  async addDismissal(dismissal: DismissalRecord): Promise<boolean> {
    const { workspace, userId, paperId } = dismissal;
    return this.oneDismissalChangeAtATime(saveKey(workspace, userId, paperId), async () => {
      this.assertWritable();
      if (this.cache.hasDismissal(workspace, userId, paperId)) return false;
      await this.commit([{ kind: "dismissal", dismissal, removed: false }]);
      return true;
    });
  }

  async removeDismissal(workspace: WorkspaceKey, userId: string, paperId: string): Promise<boolean> {
    return this.oneDismissalChangeAtATime(saveKey(workspace, userId, paperId), async () => {
      this.assertWritable();
      if (!this.cache.hasDismissal(workspace, userId, paperId)) return false;
      const dismissal = { workspace, userId, paperId, dismissedAt: "" };
      await this.commit([{ kind: "dismissal", dismissal, removed: true }]);
      return true;
    });
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

  async putSubscription(subscription: Subscription): Promise<void> {
    this.assertWritable();
    await this.commit([
      { kind: "subscription", channel: subscription.channel, subscription, removed: false },
    ]);
  }

  async removeSubscription(channel: ChannelKey): Promise<boolean> {
    this.assertWritable();
    const subscription = this.cache.subscription(channel);
    if (!subscription) return false;
    await this.commit([{ kind: "subscription", channel, subscription, removed: true }]);
    return true;
  }

  async putWeeklySchedule(schedule: WeeklySchedule): Promise<void> {
    this.assertWritable();
    await this.commit([{ kind: "weekly", channel: schedule.channel, schedule, removed: false }]);
  }

  async removeWeeklySchedule(channel: ChannelKey): Promise<boolean> {
    this.assertWritable();
    const schedule = this.cache.weeklySchedule(channel);
    if (!schedule) return false;
    await this.commit([{ kind: "weekly", channel, schedule, removed: true }]);
    return true;
  }

  async recordPost(post: PostedMessage): Promise<void> {
    this.assertWritable();
    await this.commit([{ kind: "post", post }]);
  }

  async putDigestRun(run: DigestRun): Promise<void> {
    this.assertWritable();
    await this.commit([{ kind: "run", run }]);
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

  async putChannelSettings(settings: ChannelSettings): Promise<void> {
    this.assertWritable();
    await this.commit([{ kind: "channel-settings", settings }]);
  }

  async putModelTldr(tldr: ModelTldr): Promise<void> {
    this.assertWritable();
    await this.commit([{ kind: "model-tldr", tldr }]);
  }

  async putFollow(follow: FollowRecord): Promise<void> {
    this.assertWritable();
    await this.commit([{ kind: "follow", follow, removed: false }]);
  }

  async removeFollow(channel: ChannelKey, key: string): Promise<boolean> {
    this.assertWritable();
    const follow = this.cache.follow(channel, key);
    if (!follow) return false;
    await this.commit([{ kind: "follow", follow, removed: true }]);
    return true;
  }

  async addMute(mute: MuteRecord): Promise<boolean> {
    this.assertWritable();
    if (this.cache.hasMute(mute.channel, mute.kind, mute.key)) return false;
    await this.commit([{ kind: "mute", mute, removed: false }]);
    return true;
  }

  async removeMute(channel: ChannelKey, kind: MuteKind, key: string): Promise<boolean> {
    this.assertWritable();
    if (!this.cache.hasMute(channel, kind, key)) return false;
    await this.commit([{ kind: "mute", mute: { channel, kind, key } as MuteRecord, removed: true }]);
    return true;
  }

  async addPendingAlerts(alerts: readonly AlertRecord[]): Promise<AlertRecord[]> {
    this.assertWritable();
    const added = new Map<string, AlertRecord>();
    for (const alert of alerts) {
      const key = alertStoreKey(alert.channel, alert.paperId);
      if (added.has(key) || this.cache.alert(alert.channel, alert.paperId)) continue;
      added.set(key, { ...alert, state: "pending" });
    }
    if (added.size === 0) return [];
    await this.commit([...added.values()].map((alert): Change => ({ kind: "alert", alert })));
    return [...added.values()];
  }

  /** Switched in memory before the write is awaited, so a second claim made meanwhile finds them taken. */
  async claimAlerts(
    channel: ChannelKey,
    paperIds: readonly string[],
    postedAt: string,
  ): Promise<AlertRecord[]> {
    this.assertWritable();
    const wanted = new Set(paperIds);
    const claimed = this.cache
      .alertsIn(channel)
      .filter((alert) => alert.state === "pending" && wanted.has(alert.paperId))
      .map((alert): AlertRecord => ({ ...alert, state: "posted", postedAt }));
    if (claimed.length === 0) return [];
    await this.commit(claimed.map((alert): Change => ({ kind: "alert", alert })));
    return claimed;
  }

  async putSourceStatus(status: SourceStatus): Promise<void> {
    this.assertWritable();
    await this.commit([{ kind: "source", status }]);
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
