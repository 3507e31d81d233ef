// Long work says how far it is: stage lines when stderr is not a terminal, a live line when it is.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runPaperbot } from "../../adapters/main.js";
import { generateCorpus } from "../../bench/corpus.js";
import { createProgressLine } from "../../src/cli/progress-line.js";
import { loadConfig } from "../../src/config.js";
import { runCliCaptured } from "../helpers/cli.js";

function recorder(isTTY: boolean) {
  let text = "";
  let clock = 0;
  const progress = createProgressLine({ write: (t) => (text += t), isTTY, clock: () => clock }, 100);
  return { progress, text: () => text, tick: (ms: number) => (clock += ms) };
}

describe("the progress line", () => {
  it("writes one line a stage when not on a terminal, and nothing for small stages", () => {
    const r = recorder(false);
    r.progress.stage("summarizing", 97_169);
    r.progress.advance(50_000);
    r.progress.stage("saving", 10);
    r.progress.done();
    expect(r.text()).toBe("summarizing 97,169 papers…\n");
  });

  it("redraws one line with the rate and the time left on a terminal", () => {
    const r = recorder(true);
    r.progress.stage("summarizing", 1_000);
    r.tick(1_000);
    r.progress.advance(250);
    r.progress.done();
    const frames = r.text().split("\r\u001b[2K").filter(Boolean);
    expect(frames).toContain("summarizing 250/1,000 papers · 250 papers/s · 3s left");
    expect(r.text().endsWith("\n")).toBe(true);
    expect(r.text().split("\n")).toHaveLength(2);
  });
});

describe("paperbot ingest of a big listing", () => {
  it("tells its stages on stderr and keeps --json clean", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-progress-"));
    const lines = generateCorpus(2_200).flatMap((paper, i) => [
      "LGMay 26, 2025",
      `Listing paper ${i} ${paper.title.replace(/[^A-Za-z0-9 ]/g, " ").toLowerCase()}Ada Lovelace`,
      paper.abstract,
    ]);
    const file = join(dir, "big.txt");
    await writeFile(file, `${lines.join("\n")}\n`);
    const run = await runCliCaptured(
      ["ingest", file, "--json"],
      { PAPERBOT_DATA_DIR: join(dir, "data") },
      new Date("2026-11-22T12:00:00Z"),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).new).toBeGreaterThanOrEqual(2_000);
    expect(run.stderr).toMatch(
      /^merging [\d,]+ papers…\nsummarizing [\d,]+ papers…\nsaving [\d,]+ papers…\n$/,
    );

    // The first start over that store builds its search index: it says so before the chat opens.
    const stdin = new PassThrough();
    const stderr = new PassThrough();
    let said = "";
    stderr.on("data", (chunk: Buffer) => {
      said += chunk.toString("utf8");
    });
    const config = loadConfig({ env: { PAPERBOT_DATA_DIR: join(dir, "data") } });
    const running = runPaperbot({
      config,
      stdin,
      stdout: new PassThrough(),
      stderr,
      now: () => new Date("2026-11-22T12:00:00Z"),
    });
    stdin.end();
    await running;
    expect(said).toMatch(/^building the search index for 2,\d{3} papers…\n$/);
  }, 60_000);
});
