// The process the crash test SIGKILLs: the real locked, durable store and the real chat core, driven by stdin lines.
// Usage: node --import tsx kill-child.ts DATA_DIR [fsync|no-fsync|lowdb|in-place] (see child-writers.ts)
// In:  "<seq> save <user> <paper id>" | "<seq> unsave <user> <paper id>" | "<seq> ingest <listing file>"
// Out: "ready <papers>" once open, then "<seq> <reply text>" for each line, only after its write resolved.
import { mkdir } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Reply } from "../../../src/chat/port.js";
import { loadConfig } from "../../../src/config.js";
import { createCore } from "../../../src/core.js";
import { ingestFiles } from "../../../src/ingest/ingest-files.js";
import { createLogger } from "../../../src/log.js";
import { type ChildWriter, openChildStore } from "./child-writers.js";

const KILL_WORKSPACE = "kill";
const NOW = new Date("2026-11-22T12:00:00Z");

const [dataDir, writer = "fsync"] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: kill-child.ts DATA_DIR [fsync|no-fsync|lowdb|in-place]");
const settings = loadConfig({ env: {} }).settings;
await mkdir(dataDir, { recursive: true });
const store = await openChildStore(dataDir, writer as ChildWriter);
if (store.corpus.size === 0) await ingestFiles(store, [settings.seedsDir], { asOf: "2026-11-22", now: NOW });
const core = await createCore({ store, settings, log: createLogger({ level: "silent" }), now: () => NOW });
const write = (line: string) => process.stdout.write(`${line}\n`);
write(`ready ${store.corpus.size}`);

async function handle(line: string): Promise<string> {
  const [op, ...args] = line.split(" ");
  if (op === "ingest") {
    const report = await ingestFiles(store, [args[0] ?? ""], {
      asOf: "2026-11-22",
      now: NOW,
      enrich: core.enrich,
    });
    core.search.index(report.changed);
    return `ingested ${report.new}`;
  }
  const [user = "", paper = ""] = args;
  let text = "(no reply)";
  await core.bot.handle(
    {
      type: "command",
      text: `${op} ${paper}`,
      actor: { platform: "console", workspaceId: KILL_WORKSPACE, userId: user },
      place: { platform: "console", workspaceId: KILL_WORKSPACE, channelId: "c" },
    },
    async (reply: Reply) => {
      text = reply.text;
      return undefined;
    },
  );
  return text;
}

// Lines are handled concurrently, as a busy bot handles events: the harness keeps one in flight per save.
createInterface({ input: process.stdin }).on("line", (line) => {
  const space = line.indexOf(" ");
  const seq = line.slice(0, space);
  handle(line.slice(space + 1)).then(
    (text) => write(`${seq} ${text.replace(/\n/g, " ")}`),
    (error: unknown) => write(`${seq} error ${(error as Error).message}`),
  );
});
