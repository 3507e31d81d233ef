// Issue 9.1: SIGKILL a child paperbot at random moments while it saves, un-saves and ingests; nothing acknowledged is lost.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKillCampaign } from "./kill/kill-campaign.js";
import { recordFigure, STRESS, sized } from "./stress.js";

async function dataDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "paperbot-kill-")), "data");
}

const seed = Number(process.env.KILL_SEED) || Date.now() % 100_000;

describe("crash safety under SIGKILL", () => {
  it(
    "after every kill the store loads, acknowledged saves are there once, un-saves stay gone, the corpus is whole",
    async () => {
      const kills = sized(3, 60);
      const result = await runKillCampaign({
        dir: await dataDir(),
        kills,
        seed,
        maxMs: sized(40_000, 600_000),
      });
      expect(result.problems).toEqual([]);
      expect(result.kills).toBeGreaterThanOrEqual(kills);
      expect(result.savesChecked + result.unsavesChecked).toBeGreaterThan(0);
      recordFigure("kills survived", result.kills);
      recordFigure("kills with writes in flight", result.killsMidWrite);
      recordFigure("kills during start-up", result.killsDuringStart);
      recordFigure("operations acknowledged", result.operationsAcknowledged);
      recordFigure("acknowledged saves checked present once", result.savesChecked);
      recordFigure("acknowledged un-saves checked absent", result.unsavesChecked);
      recordFigure("ingest batches acknowledged", result.batchesIngested);
      recordFigure("kill campaign seconds", Math.round(result.ms / 1000));
    },
    sized(60_000, 700_000),
  );

  it(
    "double presses: whichever answer comes first is on disk, so a kill after it loses nothing (issue 21.1)",
    async () => {
      const kills = sized(3, 40);
      const result = await runKillCampaign({
        dir: await dataDir(),
        kills,
        seed,
        doublePress: true,
        maxMs: sized(40_000, 600_000),
      });
      expect(result.problems).toEqual([]);
      expect(result.kills).toBeGreaterThanOrEqual(kills);
      expect(result.savesChecked + result.unsavesChecked).toBeGreaterThan(0);
      recordFigure("double-press kills survived", result.kills);
      recordFigure("double-press answers given", result.operationsAcknowledged);
      recordFigure("double-press saves checked present once", result.savesChecked);
      recordFigure("double-press un-saves checked absent", result.unsavesChecked);
      recordFigure("double-press answers lost", 0);
    },
    sized(60_000, 700_000),
  );

  it.runIf(STRESS)(
    "catches a writer that rewrites its files in place (so a pass above means something)",
    async () => {
      const result = await runKillCampaign({
        dir: await dataDir(),
        kills: 40,
        seed,
        durability: "in-place",
        maxMs: 300_000,
      });
      expect(result.problems.length).toBeGreaterThan(0);
      recordFigure("in-place writer: kills until a loss was caught", result.kills);
    },
    400_000,
  );
});
