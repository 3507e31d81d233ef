// A save through the full path: a reaction event into the bot, the paper found, the save written to disk (fsync) and acknowledged.
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import { createCore } from "../../src/core.js";
import { createLogger } from "../../src/log.js";
import { LowStore } from "../../src/store/low-store.js";
import { type Measure, runChild } from "../child.js";
import { copyOfFixture, corpusFixture } from "../fixture.js";
import { recordDigestMessages, timeReactionSaves } from "../reaction-saves.js";
import { percentile } from "../stats.js";

// A p99 of 300 samples is the third slowest, one fsync hiccup; 1,000 make it a tail, not an outlier.
const SAVES = 1_000;

export const measure: Measure = async ({ size, smoke }) => {
  const dir = await copyOfFixture(size);
  await copyFile(join(await corpusFixture(size), "search-index.bin"), join(dir, "search-index.bin")).catch(
    () => undefined,
  );
  const settings = loadConfig({ env: { PAPERBOT_DATA_DIR: dir } }).settings;
  const store = await LowStore.openDirectory(dir);
  const core = await createCore({
    store,
    settings,
    log: createLogger({ level: "error" }),
    indexFile: join(dir, "search-index.bin"),
  });
  // Steady state: the key phrase model's background counting after a start is done (a few seconds at 100k).
  // Its slices are unreferenced timers, so something must keep this process alive meanwhile.
  const alive = setInterval(() => undefined, 1_000);
  await core.enrich.warmed;
  clearInterval(alive);
  await recordDigestMessages(store);
  const times = await timeReactionSaves(core.bot, smoke ? 30 : SAVES);
  const saved = store.savesIn("slack:T0TEAM").length;
  await store.close();
  return {
    saves: saved,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: percentile(times, 1),
  };
};

runChild(measure, import.meta.url);
