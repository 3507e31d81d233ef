// Issue 9.2: the bot and the CLI on one data directory, in both orders: the second waits or refuses; nothing is lost.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runPaperbot } from "../../adapters/main.js";
import { type CliIo, runCli } from "../../src/cli.js";
import { loadConfig } from "../../src/config.js";
import { lockOwner } from "../../src/store/data-dir-lock.js";
import { LowStore } from "../../src/store/low-store.js";
import { waitUntil } from "../app/app-harness.js";
import { seedCorpus } from "../helpers/seeds.js";
import { batchTitle, writeListingBatch } from "./kill/listing-batch.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const MAIN = join(ROOT, "adapters", "main.ts");

/** The environment without any platform token, so `start` is the console chat. */
function consoleEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(SLACK|DISCORD|PAPERBOT|PORT$|LOG_LEVEL)/.test(name)),
  );
}

function paperbot(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    cwd: ROOT,
    env: consoleEnv(),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return { child, output: () => output, exited };
}

async function cli(
  dir: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: { PAPERBOT_DATA_DIR: dir },
    now: () => new Date("2026-11-22T12:00:00Z"),
  };
  return { code: await runCli(args, io), stdout, stderr };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("one writer per data directory", () => {
  it("bot first: a CLI write refuses with the bot's pid and what to do; reads work; nothing is lost", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-one-writer-"));
    const bot = paperbot(["start", "--data-dir", dir]);
    children.push(bot.child);
    await waitUntil(() => bot.output().includes("Today's digest for #general"), "the bot's start", 20_000);
    const [first, second] = [...(await LowStore.openReadOnly(dir)).corpus.all()].map((p) => p.id);
    bot.child.stdin?.write(`save ${first}\n`);
    await waitUntil(() => /Saved "/.test(bot.output()), "the bot's save");

    const refused = await cli(dir, "save", second as string, "--workspace", "console:local", "--user", "zed");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`in use by another paperbot (paperbot start, pid ${bot.child.pid}`);
    expect(refused.stderr).toMatch(/Stop it first, or while it runs save from the chat/);
    const listed = await cli(dir, "list", "--limit", "3", "--json");
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(3);

    // The bot keeps writing after the refusal, and stops cleanly, letting go of the directory.
    bot.child.stdin?.write(`save ${second}\n`);
    await waitUntil(() => (bot.output().match(/Saved "/g) ?? []).length === 2, "the bot's second save");
    bot.child.stdin?.end();
    expect(await bot.exited).toBe(0);
    expect(await lockOwner(dir)).toBeUndefined();

    // Now the CLI may write, and every save from both is there.
    expect(
      (await cli(dir, "save", first as string, "--workspace", "console:local", "--user", "zed")).code,
    ).toBe(0);
    const saves = (await LowStore.openReadOnly(dir))
      .savesIn("console:local")
      .map((s) => `${s.userId} ${s.paperId}`);
    expect(saves.sort()).toEqual([`you ${first}`, `you ${second}`, `zed ${first}`].sort());
  }, 40_000);

  it("CLI first: the bot waits for a running ingest to finish, then starts on its result; nothing is lost", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-one-writer-"));
    const listing = await writeListingBatch(dir, 1, 1_500);
    const ingest = paperbot(["ingest", `${ROOT}/seeds`, listing, "--data-dir", dir]);
    children.push(ingest.child);
    await waitUntil(
      async () => (await lockOwner(dir))?.purpose === "paperbot ingest",
      "the ingest's lock",
      20_000,
    );

    const seedId = [...seedCorpus().all()][0]?.id as string;
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let botOutput = "";
    stdout.on("data", (chunk: Buffer) => {
      botOutput += chunk.toString();
    });
    const config = loadConfig({ env: { PAPERBOT_DATA_DIR: dir } });
    config.settings.sources = [];
    const running = runPaperbot({ config, stdin, stdout, now: () => new Date("2026-11-22T12:00:00Z") });
    stdin.end(`save ${seedId}\n`);
    await running;

    expect(await ingest.exited).toBe(0);
    expect(ingest.output()).toContain("new 1661");
    // It started while the ingest held the lock (awaited above) and reports all 1,661 papers: it waited
    // for the ingest's write. (Not timed against the ingest's exit: the lock goes before the process does.)
    expect(botOutput).toContain("paperbot: 1661 papers");
    expect(botOutput).toMatch(/Saved "/);
    const store = await LowStore.openReadOnly(dir);
    expect(store.corpus.find(batchTitle(1, 1_499))).toBeDefined();
    expect(store.sourceStatuses().map((s) => s.name)).toContain("listing files");
    expect(store.savesIn("console:local").map((s) => s.paperId)).toEqual([seedId]);
    expect(await lockOwner(dir)).toBeUndefined();
  }, 40_000);
});
