// Measures the PostgreSQL store for the benchmark table: save latency through the whole path, and search right
// after a replica restart. Run: npx tsx tests/scale/pg-bench.ts [1000 10000]
import pg from "pg";
import { generateCorpus } from "../../bench/corpus.js";
import { generateQueries } from "../../bench/queries.js";
import { recordDigestMessages, timeReactionSaves } from "../../bench/reaction-saves.js";
import { percentile } from "../../bench/stats.js";
import { loadConfig } from "../../src/config.js";
import { createCore } from "../../src/core.js";
import { createLogger } from "../../src/log.js";
import { PgStore } from "../../src/store/postgres/pg-store.js";
import { startTestPostgres } from "../helpers/postgres.js";

const SAVES = 300;
const QUERIES = 500;

const ms = (value: number) => Number(value.toFixed(2));

async function measure(url: string, size: number): Promise<Record<string, number>> {
  const settings = loadConfig({ env: {} }).settings;
  const log = createLogger({ level: "error" });
  const papers = generateCorpus(size);
  const seeding = await PgStore.open(url, { pollMs: 0 });
  let started = performance.now();
  await seeding.putPapers(papers);
  const corpusWriteMs = performance.now() - started;
  // The first start summarizes the papers (one more corpus write); later replicas find them summarized.
  await createCore({ store: seeding, settings, log });
  await seeding.close();
  // Measure a replica in steady state, not while the bulk load is still being flushed or vacuumed: on
  // ext4 each commit's fsync also waits for other dirty data, which made saves 5-20x slower after a load.
  const admin = new pg.Client(url);
  await admin.connect();
  // Autovacuum would otherwise visit the freshly loaded tables during the measurement.
  await admin.query("VACUUM ANALYZE");
  await admin.query("CHECKPOINT");
  await admin.end();

  // One replica takes saves: a reaction on a digest message → the bot → a committed, fsync'd row.
  const store = await PgStore.open(url, { pollMs: 1_000 });
  const core = await createCore({ store, settings, log });
  const all = [...store.corpus.all()];
  await recordDigestMessages(store);
  const reactionSaves = (round: number) => timeReactionSaves(core.bot, SAVES, `U${round}-`);
  // Right after start the core still warms its key-phrase model in 8 ms slices on the event loop, and
  // every save waits behind a slice; measured apart from the steady state.
  const afterStart = await reactionSaves(0);
  // The store's part alone: one INSERT, committed and flushed.
  const storeSaves: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    started = performance.now();
    await store.addSave({
      workspace: "slack:T1BENCH",
      userId: `U${i}`,
      paperId: all[i % all.length]?.id ?? "",
      savedAt: "2025-11-01T09:00:00.000Z",
    });
    storeSaves.push(performance.now() - started);
  }
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const saves = await reactionSaves(1);
  await store.close();

  // A replica restarts: it loads the database into memory, builds its index, and answers at once.
  started = performance.now();
  const restarted = await PgStore.open(url, { pollMs: 1_000 });
  const loadMs = performance.now() - started;
  const again = await createCore({ store: restarted, settings, log });
  const restartMs = performance.now() - started;
  const searches: number[] = [];
  for (const query of generateQueries(papers, QUERIES)) {
    started = performance.now();
    await again.search.search(query, { limit: 5, offset: 0 });
    searches.push(performance.now() - started);
  }
  const saved = restarted.savesIn("slack:T0TEAM").length;
  await restarted.close();
  return {
    papers: size,
    corpusWriteMs: ms(corpusWriteMs),
    saves: saved,
    saveP50: ms(percentile(saves, 0.5)),
    saveP99: ms(percentile(saves, 0.99)),
    saveRightAfterStartP50: ms(percentile(afterStart, 0.5)),
    saveRightAfterStartP99: ms(percentile(afterStart, 0.99)),
    storeSaveP50: ms(percentile(storeSaves, 0.5)),
    storeSaveP99: ms(percentile(storeSaves, 0.99)),
    restartLoadMs: ms(loadMs),
    restartReadyMs: ms(restartMs),
    searchAfterRestartP50: ms(percentile(searches, 0.5)),
    searchAfterRestartP99: ms(percentile(searches, 0.99)),
  };
}

const sizes = process.argv.slice(2).map(Number);
for (const size of sizes.length > 0 ? sizes : [1_000, 10_000]) {
  // A durable cluster (fsync and synchronous commit on, PostgreSQL's defaults) per size, on 127.0.0.1.
  const server = await startTestPostgres({ durable: true });
  try {
    console.log(JSON.stringify(await measure(server.url, size)));
  } finally {
    await server.stop();
  }
}
