// Schema migrations for the PostgreSQL store: the numbered .sql files beside this one, applied in order at open.
import { readdir, readFile } from "node:fs/promises";
import type pg from "pg";
import { UserError } from "../../errors.js";

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
/** Any constant: every replica starting at once takes the same lock, so one migrates and the others wait. */
const MIGRATION_LOCK = 4_171_942_016;

export interface Migration {
  version: string;
  sql: string;
}

/** The migrations shipped with this paperbot, in the order they apply (by file name: 001-…, 002-…). */
export async function shippedMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((name) => name.endsWith(".sql")).sort();
  return Promise.all(
    files.map(async (name) => ({
      version: name.replace(/\.sql$/, ""),
      sql: await readFile(new URL(name, MIGRATIONS_DIR), "utf8"),
    })),
  );
}

/**
 * Applies the migrations the database lacks, in one transaction under an advisory lock, and records
 * each in `schema_migrations`. Refuses a database migrated by a newer paperbot rather than guess.
 * Returns the versions it applied.
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ version: string }>("SELECT version FROM schema_migrations");
    const applied = new Set(rows.map((row) => row.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...applied].filter((version) => !known.has(version)).sort();
    if (unknown.length > 0) {
      throw new UserError(
        "store-version",
        `The PostgreSQL database has schema migration ${unknown.join(", ")}, which this paperbot does not know.`,
        "Upgrade paperbot (a newer version migrated this database), or point PAPERBOT_STORE_URL at another database.",
      );
    }
    const done: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version) VALUES ($1)", [migration.version]);
      done.push(migration.version);
    }
    await client.query("COMMIT");
    return done;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
