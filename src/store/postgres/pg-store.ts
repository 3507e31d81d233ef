// The Store on PostgreSQL, shared by several bot replicas: writes go to the database first, reads come from a
// cache that follows the other replicas' writes by polling a change cursor.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import { UserError } from "../../errors.js";
import type { Logger } from "../../log.js";
import type { Paper } from "../../papers/paper.js";
import { channelKey, postKey } from "../../places.js";
import { CachedReads } from "../cached-reads.js";
import {
  claimExisting,
  claimNew,
  type DigestClaim,
  type DigestLease,
  DigestLeaseLost,
  mayClaim,
} from "../digest-claim.js";
import type { AlertRecord, FollowRecord, MuteKind, MuteRecord } from "../follow-records.js";
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
} from "../records.js";
import type { Store } from "../store.js";
import { type Change, changeKey, StoreCache } from "../store-cache.js";
import { migrate, shippedMigrations } from "./migrate.js";

export interface PgStoreOptions {
  /** How often other replicas' writes are pulled in, in ms (default 1000); 0: only on `refresh()`. */
  pollMs?: number;
  /** Connections to the database (default 10). */
  poolSize?: number;
  /** This replica's name in digest claims (default: host, pid and a random suffix). */
  owner?: string;
  log?: Logger;
}

/** Papers per INSERT when a batch is written: keeps each statement's parameters a few megabytes. */
const PAPER_CHUNK = 1_000;

/** What one poll reads: the rows changed since the cursor, and the next cursor. */
interface Snapshot {
  xmin: string;
  changes: { change: Change; txid: string }[];
}

type Queryable = Pick<pg.PoolClient, "query">;

async function readChanges(client: Queryable, since: string): Promise<Snapshot> {
  const { rows } = await client.query<{ xmin: string }>(
    "SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin",
  );
  const changes: Snapshot["changes"] = [];
  const where = "WHERE txid >= $1::xid8";
  const papers = await client.query<{ data: Paper; txid: string }>(
    `SELECT data, txid::text FROM papers ${where}`,
    [since],
  );
  for (const row of papers.rows) changes.push({ change: { kind: "paper", paper: row.data }, txid: row.txid });
  const saves = await client.query<{
    workspace: string;
    user_id: string;
    paper_id: string;
    saved_at: string;
    via: "reaction" | null;
    removed: boolean;
    txid: string;
  }>(`SELECT workspace, user_id, paper_id, saved_at, via, removed, txid::text FROM saves ${where}`, [since]);
  for (const row of saves.rows) {
    const save: SaveRecord = {
      workspace: row.workspace,
      userId: row.user_id,
      paperId: row.paper_id,
      savedAt: row.saved_at,
      ...(row.via ? { via: row.via } : {}),
    };
    changes.push({ change: { kind: "save", save, removed: row.removed }, txid: row.txid });
  }
  const dismissals = await client.query<{
    workspace: string;
    user_id: string;
    paper_id: string;
    dismissed_at: string;
    removed: boolean;
    txid: string;
  }>(`SELECT workspace, user_id, paper_id, dismissed_at, removed, txid::text FROM dismissals ${where}`, [
    since,
  ]);
  for (const row of dismissals.rows) {
    const dismissal = {
      workspace: row.workspace,
      userId: row.user_id,
      paperId: row.paper_id,
      dismissedAt: row.dismissed_at,
    };
    changes.push({ change: { kind: "dismissal", dismissal, removed: row.removed }, txid: row.txid });
  }
  const subs = await client.query<{ channel: string; data: Subscription; removed: boolean; txid: string }>(
    `SELECT channel, data, removed, txid::text FROM subscriptions ${where}`,
    [since],
  );
  for (const row of subs.rows) {
    changes.push({
      change: { kind: "subscription", channel: row.channel, subscription: row.data, removed: row.removed },
      txid: row.txid,
    });
  }
  const posts = await client.query<{ data: PostedMessage; txid: string }>(
    `SELECT data, txid::text FROM posts ${where}`,
    [since],
  );
  for (const row of posts.rows) changes.push({ change: { kind: "post", post: row.data }, txid: row.txid });
  const runs = await client.query<{ data: DigestRun; txid: string }>(
    `SELECT data, txid::text FROM digest_runs ${where}`,
    [since],
  );
  for (const row of runs.rows) changes.push({ change: { kind: "run", run: row.data }, txid: row.txid });
  const sources = await client.query<{ data: SourceStatus; txid: string }>(
    `SELECT data, txid::text FROM source_statuses ${where}`,
    [since],
  );
  for (const row of sources.rows)
    changes.push({ change: { kind: "source", status: row.data }, txid: row.txid });
  const channels = await client.query<{ data: ChannelSettings; txid: string }>(
    `SELECT data, txid::text FROM channel_settings ${where}`,
    [since],
  );
  for (const row of channels.rows)
    changes.push({ change: { kind: "channel-settings", settings: row.data }, txid: row.txid });
  const tldrs = await client.query<{ data: ModelTldr; txid: string }>(
    `SELECT data, txid::text FROM model_tldrs ${where}`,
    [since],
  );
  for (const row of tldrs.rows)
    changes.push({ change: { kind: "model-tldr", tldr: row.data }, txid: row.txid });
  const weeklies = await client.query<{
    channel: string;
    data: WeeklySchedule;
    removed: boolean;
    txid: string;
  }>(`SELECT channel, data, removed, txid::text FROM weekly_schedules ${where}`, [since]);
  for (const row of weeklies.rows) {
    changes.push({
      change: { kind: "weekly", channel: row.channel, schedule: row.data, removed: row.removed },
      txid: row.txid,
    });
  }
  const follows = await client.query<{ data: FollowRecord; removed: boolean; txid: string }>(
    `SELECT data, removed, txid::text FROM follows ${where}`,
    [since],
  );
  for (const row of follows.rows)
    changes.push({ change: { kind: "follow", follow: row.data, removed: row.removed }, txid: row.txid });
  const mutes = await client.query<{ data: MuteRecord; removed: boolean; txid: string }>(
    `SELECT data, removed, txid::text FROM mutes ${where}`,
    [since],
  );
  for (const row of mutes.rows)
    changes.push({ change: { kind: "mute", mute: row.data, removed: row.removed }, txid: row.txid });
  const alerts = await client.query<{ data: AlertRecord; txid: string }>(
    `SELECT data, txid::text FROM alerts ${where}`,
    [since],
  );
  for (const row of alerts.rows) changes.push({ change: { kind: "alert", alert: row.data }, txid: row.txid });
  return { xmin: rows[0]?.xmin ?? since, changes };
}

/** Reads rows changed since `since` in one consistent snapshot, and the cursor the next read starts from. */
async function snapshot(pool: pg.Pool, since: string): Promise<Snapshot> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const result = await readChanges(client, since);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * Every write goes to PostgreSQL and, once committed, into the cache the synchronous reads use. Other
 * replicas' writes arrive by polling: each row records the transaction that wrote it, and a poll reads
 * every row whose transaction is not older than the oldest one still running at the previous poll
 * (`pg_snapshot_xmin`), so a slow transaction that commits late is still seen. Changed papers are
 * handed to `onPapersChanged` listeners (the search index).
 */
export class PgStore extends CachedReads implements Store {
  readonly owner: string;
  private cursor = "0";
  /** Transactions this store wrote (at or after the cursor): their rows are already in the cache. */
  private readonly ownTxids = new Set<string>();
  /** Local writes in flight, and when each record was last written locally, so a poll never rolls one back. */
  private readonly writing = new Map<string, number>();
  private readonly writtenAt = new Map<string, number>();
  private writeClock = 0;
  private polls: Promise<void> = Promise.resolve();
  private pending = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(papers: readonly Paper[]) => void>();
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger | undefined,
    owner: string,
  ) {
    super(new StoreCache());
    this.owner = owner;
  }

  /**
   * Connects, brings the schema up to date, loads everything into memory and starts following the
   * other replicas. The URL is a secret (it may hold a password): it is never logged or shown.
   */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection the server dropped is replaced by the pool; without a listener it would crash us.
    pool.on("error", (error) =>
      options.log?.warn({ err: error.message }, "a PostgreSQL connection failed; it will be replaced"),
    );
    const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const store = new PgStore(pool, options.log, owner);
    try {
      const applied = await migrate(pool, await shippedMigrations());
      if (applied.length > 0) options.log?.info({ migrations: applied }, "PostgreSQL schema migrated");
      const loaded = await snapshot(pool, "0");
      for (const { change } of loaded.changes)
        if (!("removed" in change && change.removed)) store.cache.apply(change);
      store.cursor = loaded.xmin;
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw PgStore.explain(error);
    }
    const pollMs = options.pollMs ?? 1_000;
    if (pollMs > 0) {
      store.timer = setInterval(() => {
        // A slow poll is not queued behind: the next one would read the same rows.
        if (store.pending > 0) return;
        store
          .refresh()
          .catch((error: unknown) =>
            store.log?.warn(
              { err: (error as Error).message },
              "could not read other replicas' changes; retrying",
            ),
          );
      }, pollMs);
      store.timer.unref();
    }
    return store;
  }

  /** A connection failure at start, in words that say what to check (and never the URL itself). */
  private static explain(error: unknown): unknown {
    if (error instanceof UserError) return error;
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "28P01" || code === "3D000") {
      return new UserError(
        "store-unreachable",
        `Could not open the PostgreSQL store (${message}).`,
        "Check PAPERBOT_STORE_URL (host, port, user, password, database) and that the server is running.",
      );
    }
    return error;
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new UserError(
        "store-closed",
        "This PostgreSQL store was closed.",
        "Open a new one with PgStore.open.",
      );
    }
  }

  /** Runs a write of `keys`, noting it so a poll that read older rows does not undo it in the cache. */
  private async tracked<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    this.assertOpen();
    for (const key of keys) this.writing.set(key, (this.writing.get(key) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const at = ++this.writeClock;
      for (const key of keys) {
        const left = (this.writing.get(key) ?? 1) - 1;
        if (left > 0) this.writing.set(key, left);
        else this.writing.delete(key);
        this.writtenAt.set(key, at);
      }
    }
  }

  private wrote(txid: string | undefined): void {
    if (txid !== undefined) this.ownTxids.add(txid);
  }

  /** Writes one record with `sql`, an upsert that returns its row's txid, then puts it in the cache. */
  private async upsert(change: Change, sql: string, params: unknown[]): Promise<void> {
    await this.tracked([changeKey(change)], async () => {
      const { rows } = await this.pool.query<{ txid: string }>(sql, params);
      this.wrote(rows[0]?.txid);
      this.cache.apply(change);
    });
  }

  /**
   * Adds a record with `sql`, which returns a row only when the record was absent or a tombstone (then
   * revived): false when it was already there (idempotent), and the cache is left alone.
   */
  private async add(change: Change, sql: string, params: unknown[]): Promise<boolean> {
    return this.tracked([changeKey(change)], async () => {
      const { rows } = await this.pool.query<{ txid: string }>(sql, params);
      const row = rows[0];
      if (!row) return false;
      this.wrote(row.txid);
      this.cache.apply(change);
      return true;
    });
  }

  /**
   * Marks a record removed with `sql` (`… AND NOT removed RETURNING txid`): false when it was not there.
   * The cache forgets it either way: if it still had it, another replica's removal just beat this one.
   */
  private async remove(change: Change, sql: string, params: unknown[]): Promise<boolean> {
    return this.tracked([changeKey(change)], async () => {
      const { rows } = await this.pool.query<{ txid: string }>(sql, params);
      this.cache.apply(change);
      const row = rows[0];
      if (!row) return false;
      this.wrote(row.txid);
      return true;
    });
  }

  async putPapers(papers: readonly Paper[]): Promise<void> {
    this.assertOpen();
    // The last version of each paper wins, as in the corpus; one row may change once per statement.
    const latest = new Map(papers.map((paper) => [paper.id, paper]));
    for (const paper of latest.values()) this.cache.corpus.replace(paper);
    if (latest.size === 0) return;
    const all = [...latest.values()];
    const keys = all.map((paper) => changeKey({ kind: "paper", paper }));
    await this.tracked(keys, async () => {
      const client = await this.pool.connect();
      try {
        await client.query("BEGIN");
        let txid: string | undefined;
        for (let start = 0; start < all.length; start += PAPER_CHUNK) {
          const chunk = all.slice(start, start + PAPER_CHUNK);
          const { rows } = await client.query<{ txid: string }>(
            `WITH written AS (
               INSERT INTO papers (id, data) SELECT * FROM unnest($1::text[], $2::json[])
               ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data RETURNING txid)
             SELECT min(txid::text) AS txid FROM written`,
            [chunk.map((p) => p.id), chunk.map(json)],
          );
          txid = rows[0]?.txid ?? txid;
        }
        await client.query("COMMIT");
        this.wrote(txid);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  async addSave(save: SaveRecord): Promise<boolean> {
    const change: Change = { kind: "save", save, removed: false };
    // A new row, or a tombstone revived: either way this call saved it. An existing save is left alone.
    return this.add(
      change,
      `INSERT INTO saves (workspace, user_id, paper_id, saved_at, via) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (workspace, user_id, paper_id)
       DO UPDATE SET saved_at = EXCLUDED.saved_at, via = EXCLUDED.via, removed = false WHERE saves.removed
       RETURNING txid::text`,
      [save.workspace, save.userId, save.paperId, save.savedAt, save.via ?? null],
    );
  }

  async removeSave(workspace: WorkspaceKey, userId: string, paperId: string): Promise<boolean> {
    const change: Change = { kind: "save", save: { workspace, userId, paperId, savedAt: "" }, removed: true };
    return this.remove(
      change,
      `UPDATE saves SET removed = true
       WHERE workspace = $1 AND user_id = $2 AND paper_id = $3 AND NOT removed RETURNING txid::text`,
      [workspace, userId, paperId],
    );
  }

  async addDismissal(dismissal: DismissalRecord): Promise<boolean> {
    const change: Change = { kind: "dismissal", dismissal, removed: false };
    return this.add(
      change,
      `INSERT INTO dismissals (workspace, user_id, paper_id, dismissed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace, user_id, paper_id)
       DO UPDATE SET dismissed_at = EXCLUDED.dismissed_at, removed = false WHERE dismissals.removed
       RETURNING txid::text`,
      [dismissal.workspace, dismissal.userId, dismissal.paperId, dismissal.dismissedAt],
    );
  }

  async removeDismissal(workspace: WorkspaceKey, userId: string, paperId: string): Promise<boolean> {
    const dismissal = { workspace, userId, paperId, dismissedAt: "" };
    const change: Change = { kind: "dismissal", dismissal, removed: true };
    return this.remove(
      change,
      `UPDATE dismissals SET removed = true
       WHERE workspace = $1 AND user_id = $2 AND paper_id = $3 AND NOT removed RETURNING txid::text`,
      [workspace, userId, paperId],
    );
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    const change: Change = {
      kind: "subscription",
      channel: subscription.channel,
      subscription,
      removed: false,
    };
    await this.upsert(
      change,
      `INSERT INTO subscriptions (channel, data) VALUES ($1, $2::json)
       ON CONFLICT (channel) DO UPDATE SET data = EXCLUDED.data, removed = false RETURNING txid::text`,
      [subscription.channel, json(subscription)],
    );
  }

  async removeSubscription(channel: ChannelKey): Promise<boolean> {
    const existing = this.cache.subscription(channel);
    const change: Change = {
      kind: "subscription",
      channel,
      subscription: existing ?? ({ channel } as Subscription),
      removed: true,
    };
    return this.remove(
      change,
      "UPDATE subscriptions SET removed = true WHERE channel = $1 AND NOT removed RETURNING txid::text",
      [channel],
    );
  }

  async putWeeklySchedule(schedule: WeeklySchedule): Promise<void> {
    const change: Change = { kind: "weekly", channel: schedule.channel, schedule, removed: false };
    await this.upsert(
      change,
      `INSERT INTO weekly_schedules (channel, data) VALUES ($1, $2::json)
       ON CONFLICT (channel) DO UPDATE SET data = EXCLUDED.data, removed = false RETURNING txid::text`,
      [schedule.channel, json(schedule)],
    );
  }

  async removeWeeklySchedule(channel: ChannelKey): Promise<boolean> {
    const existing = this.cache.weeklySchedule(channel);
    const change: Change = {
      kind: "weekly",
      channel,
      schedule: existing ?? ({ channel } as WeeklySchedule),
      removed: true,
    };
    return this.remove(
      change,
      "UPDATE weekly_schedules SET removed = true WHERE channel = $1 AND NOT removed RETURNING txid::text",
      [channel],
    );
  }

  async recordPost(post: PostedMessage): Promise<void> {
    const change: Change = { kind: "post", post };
    const { platform, workspaceId, channelId } = post.ref;
    await this.upsert(
      change,
      `INSERT INTO posts (ref_key, channel, data) VALUES ($1, $2, $3::json)
       ON CONFLICT (ref_key) DO UPDATE SET data = EXCLUDED.data RETURNING txid::text`,
      [postKey(post.ref), channelKey(platform, workspaceId, channelId), json(post)],
    );
  }

  /** Records progress only while the run is unowned or ours: a replica that lost its claim is refused. */
  async putDigestRun(run: DigestRun): Promise<void> {
    const change: Change = { kind: "run", run };
    await this.tracked([changeKey(change)], async () => {
      const { rows } = await this.pool.query<{ txid: string }>(
        `INSERT INTO digest_runs (channel, day, data) VALUES ($1, $2, $3::json)
         ON CONFLICT (channel, day) DO UPDATE SET data = EXCLUDED.data
         WHERE digest_runs.data->>'owner' IS NULL OR digest_runs.data->>'owner' = $4
         RETURNING txid::text`,
        [run.channel, run.day, json(run), this.owner],
      );
      const row = rows[0];
      if (!row) throw new DigestLeaseLost(run.channel, run.day);
      this.wrote(row.txid);
      this.cache.apply(change);
    });
  }

  /**
   * The claim is one transaction: the run's row is locked (FOR UPDATE) and checked, then created or
   * taken over. Two replicas inserting a new day at once race on the primary key; the loser retries
   * and finds the winner's row.
   */
  async claimDigestRun(
    channel: ChannelKey,
    day: string,
    plan: () => DigestRun,
    lease: DigestLease,
  ): Promise<DigestClaim> {
    const key = changeKey({ kind: "run", run: { channel, day } as DigestRun });
    return this.tracked([key], async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const client = await this.pool.connect();
        try {
          await client.query("BEGIN");
          const { rows } = await client.query<{ data: DigestRun }>(
            "SELECT data FROM digest_runs WHERE channel = $1 AND day = $2 FOR UPDATE",
            [channel, day],
          );
          const existing = rows[0]?.data;
          if (existing && !mayClaim(existing, this.owner, lease, { othersLeases: true })) {
            await client.query("ROLLBACK");
            this.cache.apply({ kind: "run", run: existing });
            return { run: existing, claimed: false };
          }
          const run = existing
            ? claimExisting(existing, this.owner, lease)
            : claimNew({ ...plan(), channel, day }, this.owner, lease);
          const written = await client.query<{ txid: string }>(
            existing
              ? "UPDATE digest_runs SET data = $3::json WHERE channel = $1 AND day = $2 RETURNING txid::text"
              : `INSERT INTO digest_runs (channel, day, data) VALUES ($1, $2, $3::json)
                 ON CONFLICT (channel, day) DO NOTHING RETURNING txid::text`,
            [channel, day, json(run)],
          );
          const row = written.rows[0];
          if (!row) {
            await client.query("ROLLBACK");
            continue;
          }
          await client.query("COMMIT");
          this.wrote(row.txid);
          this.cache.apply({ kind: "run", run });
          return { run, claimed: true };
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      }
      throw new Error(`the digest of ${channel} for ${day} could not be claimed after 3 tries`);
    });
  }

  async putFollow(follow: FollowRecord): Promise<void> {
    const change: Change = { kind: "follow", follow, removed: false };
    await this.upsert(
      change,
      `INSERT INTO follows (channel, key, data) VALUES ($1, $2, $3::json)
       ON CONFLICT (channel, key) DO UPDATE SET data = EXCLUDED.data, removed = false RETURNING txid::text`,
      [follow.channel, follow.key, json(follow)],
    );
  }

  async removeFollow(channel: ChannelKey, key: string): Promise<boolean> {
    const follow = this.cache.follow(channel, key) ?? ({ channel, key } as FollowRecord);
    const change: Change = { kind: "follow", follow, removed: true };
    return this.remove(
      change,
      "UPDATE follows SET removed = true WHERE channel = $1 AND key = $2 AND NOT removed RETURNING txid::text",
      [channel, key],
    );
  }

  async addMute(mute: MuteRecord): Promise<boolean> {
    const change: Change = { kind: "mute", mute, removed: false };
    return this.add(
      change,
      `INSERT INTO mutes (channel, kind, key, data) VALUES ($1, $2, $3, $4::json)
       ON CONFLICT (channel, kind, key) DO UPDATE SET data = EXCLUDED.data, removed = false WHERE mutes.removed
       RETURNING txid::text`,
      [mute.channel, mute.kind, mute.key, json(mute)],
    );
  }

  async removeMute(channel: ChannelKey, kind: MuteKind, key: string): Promise<boolean> {
    const mute = { channel, kind, key } as MuteRecord;
    const change: Change = { kind: "mute", mute, removed: true };
    return this.remove(
      change,
      `UPDATE mutes SET removed = true WHERE channel = $1 AND kind = $2 AND key = $3 AND NOT removed
       RETURNING txid::text`,
      [channel, kind, key],
    );
  }

  async addPendingAlerts(alerts: readonly AlertRecord[]): Promise<AlertRecord[]> {
    const pending = [
      ...new Map(
        alerts.map((a) => [`${a.channel}\u0000${a.paperId}`, { ...a, state: "pending" as const }]),
      ).values(),
    ];
    if (pending.length === 0) return [];
    const keys = pending.map((alert) => changeKey({ kind: "alert", alert }));
    return this.tracked(keys, async () => {
      // Only the rows this statement inserted come back: an alert another replica recorded stays as it is.
      const { rows } = await this.pool.query<{ data: AlertRecord; txid: string }>(
        `INSERT INTO alerts (channel, paper_id, state, data)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::json[])
         ON CONFLICT (channel, paper_id) DO NOTHING RETURNING data, txid::text`,
        [
          pending.map((a) => a.channel),
          pending.map((a) => a.paperId),
          pending.map(() => "pending"),
          pending.map(json),
        ],
      );
      for (const row of rows) {
        this.wrote(row.txid);
        this.cache.apply({ kind: "alert", alert: row.data });
      }
      return rows.map((row) => row.data);
    });
  }

  /** One UPDATE … WHERE state = 'pending': of two replicas claiming the same alert, only one gets its row back. */
  async claimAlerts(
    channel: ChannelKey,
    paperIds: readonly string[],
    postedAt: string,
  ): Promise<AlertRecord[]> {
    if (paperIds.length === 0) return [];
    const keys = paperIds.map((paperId) =>
      changeKey({ kind: "alert", alert: { channel, paperId } as AlertRecord }),
    );
    return this.tracked(keys, async () => {
      const { rows } = await this.pool.query<{ data: AlertRecord; txid: string }>(
        `UPDATE alerts SET state = 'posted',
           data = json_build_object('channel', channel, 'paperId', paper_id, 'reason', data->>'reason',
             'state', 'posted', 'matchedAt', data->>'matchedAt', 'postedAt', $3::text)
         WHERE channel = $1 AND paper_id = ANY($2::text[]) AND state = 'pending'
         RETURNING data, txid::text`,
        [channel, [...paperIds], postedAt],
      );
      for (const row of rows) {
        this.wrote(row.txid);
        this.cache.apply({ kind: "alert", alert: row.data });
      }
      if (rows.length < paperIds.length) {
        // Claimed elsewhere: the cache learns they are posted, so this replica stops offering them.
        const taken = await this.pool.query<{ data: AlertRecord }>(
          "SELECT data FROM alerts WHERE channel = $1 AND paper_id = ANY($2::text[]) AND state = 'posted'",
          [channel, [...paperIds]],
        );
        for (const row of taken.rows) this.cache.apply({ kind: "alert", alert: row.data });
      }
      return rows.map((row) => row.data);
    });
  }

  async putSourceStatus(status: SourceStatus): Promise<void> {
    const change: Change = { kind: "source", status };
    await this.upsert(
      change,
      `INSERT INTO source_statuses (name, data) VALUES ($1, $2::json)
       ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data RETURNING txid::text`,
      [status.name, json(status)],
    );
  }

  async putChannelSettings(settings: ChannelSettings): Promise<void> {
    const change: Change = { kind: "channel-settings", settings };
    await this.upsert(
      change,
      `INSERT INTO channel_settings (channel, data) VALUES ($1, $2::json)
       ON CONFLICT (channel) DO UPDATE SET data = EXCLUDED.data RETURNING txid::text`,
      [settings.channel, json(settings)],
    );
  }

  async putModelTldr(tldr: ModelTldr): Promise<void> {
    const change: Change = { kind: "model-tldr", tldr };
    await this.upsert(
      change,
      `INSERT INTO model_tldrs (paper_id, language, data) VALUES ($1, $2, $3::json)
       ON CONFLICT (paper_id, language) DO UPDATE SET data = EXCLUDED.data RETURNING txid::text`,
      [tldr.paperId, tldr.language, json(tldr)],
    );
  }

  /** Pulls other replicas' writes committed before this call into the cache; polls run one at a time. */
  refresh(): Promise<void> {
    this.pending += 1;
    const next = this.polls.then(() => this.poll());
    this.polls = next.then(
      () => {
        this.pending -= 1;
      },
      () => {
        this.pending -= 1;
      },
    );
    return next;
  }

  private async poll(): Promise<void> {
    if (this.closed) return;
    const startedAt = this.writeClock;
    const read = await snapshot(this.pool, this.cursor);
    const papers: Paper[] = [];
    let cursor = BigInt(read.xmin);
    for (const { change, txid } of read.changes) {
      if (this.ownTxids.has(txid)) continue;
      const key = changeKey(change);
      if (this.writing.has(key) || (this.writtenAt.get(key) ?? 0) > startedAt) {
        // A local write of this record raced the read. Read the row again next time: if that write
        // failed, this row is the newest version and must not be stepped over.
        if (BigInt(txid) < cursor) cursor = BigInt(txid);
        continue;
      }
      this.cache.apply(change);
      if (change.kind === "paper") papers.push(change.paper);
    }
    this.cursor = cursor.toString();
    for (const txid of this.ownTxids) if (BigInt(txid) < cursor) this.ownTxids.delete(txid);
    for (const [key, at] of this.writtenAt) if (at <= startedAt) this.writtenAt.delete(key);
    if (papers.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(papers);
      } catch (error) {
        this.log?.error({ err: error }, "a listener for changed papers failed");
      }
    }
  }

  onPapersChanged(listener: (papers: readonly Paper[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Stops following, waits for a poll in flight, and closes the connections. Claims are not released. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.polls;
    await this.pool.end();
  }

  describe(): string {
    return "PostgreSQL (PAPERBOT_STORE_URL)";
  }
}
