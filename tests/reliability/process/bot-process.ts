// Test harness: the installed `paperbot start` (bin/paperbot.js) as its own process group, on Slack over HTTP
// against the fake Slack API, so tests can send it signed requests and signals and watch how it ends.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LOCK_FILE } from "../../../src/store/data-dir-lock.js";
import { freePort, waitUntil } from "../../app/app-harness.js";
import { SIGNING_SECRET } from "../../fakes/slack-requests.js";

export const PROJECT_ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const BIN = join(PROJECT_ROOT, "bin", "paperbot.js");

export interface BotProcess {
  readonly child: ChildProcess;
  /** The Slack receiver, e.g. http://127.0.0.1:PORT. */
  readonly url: string;
  readonly dataDir: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with how it ended: its exit code, or the signal that killed it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  lockHeld(): boolean;
  /** Sends a signal to the process group, as a terminal, systemd (KillMode=control-group) or Docker would. */
  signalGroup(signal: NodeJS.Signals): void;
  /** Kills whatever is left (end of a test). */
  kill(): Promise<void>;
}

export interface StartOptions {
  slackApiUrl: string;
  /** Settings merged over config/default.json (default: no live sources and no Semantic Scholar, so nothing leaves 127.0.0.1). */
  settings?: Record<string, unknown>;
  /** Run the TypeScript sources through tsx in-process instead of dist/, even when dist/ is current. */
  fromSource?: boolean;
  /** How long to wait for /healthz (start-up is slow on a busy machine). */
  readyMs?: number;
}

export async function startBotProcess(options: StartOptions): Promise<BotProcess> {
  const base = await mkdtemp(join(tmpdir(), "paperbot-process-"));
  const dataDir = join(base, "data");
  const configFile = join(base, "config.json");
  await writeFile(
    configFile,
    JSON.stringify(options.settings ?? { sources: [], semanticScholar: { enabled: false } }),
  );
  const port = await freePort();
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD|PAPERBOT|LOG_LEVEL)/.test(k)),
  );
  const child = spawn(process.execPath, [BIN, "start"], {
    cwd: base,
    env: {
      ...env,
      SLACK_BOT_TOKEN: "xoxb-process-test",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: options.slackApiUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      PAPERBOT_DATA_DIR: dataDir,
      PAPERBOT_CONFIG: configFile,
      ...(options.fromSource ? { PAPERBOT_FROM_SOURCE: "1" } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((done) =>
    child.on("exit", (code, signal) => done({ code, signal, atMs: Date.now() })),
  );
  const url = `http://127.0.0.1:${port}`;
  const bot: BotProcess = {
    child,
    url,
    dataDir,
    output: () => output,
    exited,
    lockHeld: () => existsSync(join(dataDir, LOCK_FILE)),
    signalGroup(signal) {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await exited;
    },
  };
  try {
    await Promise.race([
      waitUntil(
        async () => (await fetch(`${url}/healthz`)).ok,
        "the bot's /healthz",
        options.readyMs ?? 60_000,
      ),
      exited.then(({ code, signal }) => {
        throw new Error(`paperbot exited (${code ?? signal}) before it was up:\n${output.slice(-3000)}`);
      }),
    ]);
  } catch (error) {
    await bot.kill();
    throw error;
  }
  return bot;
}

/** The structured log lines the bot wrote, parsed (other lines skipped). */
export function logLines(output: string): { level?: string; msg?: string; [key: string]: unknown }[] {
  return output.split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}
