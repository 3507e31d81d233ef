// A save through the full path: a reaction event into the bot, the paper found, the save written to disk (fsync) and acknowledged.
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import type { BotEvent } from "../../src/chat/port.js";
import { loadConfig } from "../../src/config.js";
import { createCore } from "../../src/core.js";
import { createLogger } from "../../src/log.js";
import { LowStore } from "../../src/store/low-store.js";
import { type Measure, runChild } from "../child.js";
import { copyOfFixture, corpusFixture } from "../fixture.js";
import { percentile, since } from "../stats.js";

const SAVES = 300;
const NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "keycap_ten"];

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
  // Ten digest-like messages listing ten papers each, as the bot records what it posts.
  const papers = [...store.corpus.all()];
  for (let m = 0; m < 10; m++) {
    await store.recordPost({
      ref: {
        platform: "slack",
        workspaceId: "T0TEAM",
        channelId: "C0CHAN",
        messageId: `17000000${m}.000100`,
      },
      paperIds: Array.from({ length: 10 }, (_, i) => papers[(m * 10 + i) % papers.length]?.id as string),
      postedAt: "2025-11-01T09:00:00.000Z",
      kind: "digest",
    });
  }
  const count = smoke ? 30 : SAVES;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const event: BotEvent = {
      type: "reaction",
      emoji: NUMBERS[i % 10] as string,
      added: true,
      target: {
        platform: "slack",
        workspaceId: "T0TEAM",
        channelId: "C0CHAN",
        messageId: `17000000${Math.floor(i / 10) % 10}.000100`,
      },
      actor: { platform: "slack", workspaceId: "T0TEAM", userId: `U${i}` },
    };
    const started = performance.now();
    await core.bot.handle(event, async () => undefined);
    times.push(since(started));
  }
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
