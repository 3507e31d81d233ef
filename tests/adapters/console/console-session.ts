// The console bot run end to end for a test: a fresh data dir (or a given one), typed lines in, everything it printed out.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runPaperbot } from "../../../adapters/main.js";
import { loadConfig } from "../../../src/config.js";

/** Runs the console bot with `lines` as its input until they end; returns what it printed and its data dir. */
export async function chat(lines: string[], dataDir?: string): Promise<{ out: string; dir: string }> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), "paperbot-console-")));
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = "";
  stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  const config = loadConfig({ env: { PAPERBOT_DATA_DIR: dir } });
  const running = runPaperbot({ config, stdin, stdout, now: () => new Date("2026-11-22T12:00:00Z") });
  stdin.end(`${lines.join("\n")}\n`);
  await running;
  return { out, dir };
}
