// Test harness: runs the whole app (adapters/main.ts) in-process on a temp data dir, and stops it after the test.
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runPaperbot } from "../../adapters/main.js";
import { PLATFORMS } from "../../adapters/platforms.js";
import { loadConfig } from "../../src/config.js";

export interface RunningApp {
  dir: string;
  stop(): Promise<void>;
}

export async function tempDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "paperbot-app-"));
}

/** Starts paperbot with these environment variables (no live sources and no Semantic Scholar, so nothing leaves 127.0.0.1). */
export function startApp(env: Record<string, string>, dir: string): RunningApp {
  const config = loadConfig({ env: { PAPERBOT_DATA_DIR: dir, ...env }, platforms: PLATFORMS });
  config.settings.sources = [];
  config.settings.semanticScholar.enabled = false;
  let stop: () => void = () => {};
  const running = runPaperbot({
    config,
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stopSignal: new Promise((resolve) => {
      stop = resolve;
    }),
  });
  return {
    dir,
    async stop() {
      stop();
      await running;
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits for the app to be ready: a start ingests the seeds and builds the index, which takes ~3 s alone and 10 s+ on a loaded 2-core runner. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not there yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
