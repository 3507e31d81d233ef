// The composition root and process entry: config → store → core → adapters → scheduler. Lives beside the adapters
// because it is the one module allowed to import both them and the core.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ChatPort, Place, Platform } from "../src/chat/port.js";
import { runCli } from "../src/cli.js";
import type { Config } from "../src/config.js";
import { createCore } from "../src/core.js";
import { postDigestPreview } from "../src/digest/preview.js";
import { startScheduler } from "../src/digest/scheduler.js";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { todayIso } from "../src/ingest/listing-dates.js";
import { createLogger } from "../src/log.js";
import { LowStore } from "../src/store/low-store.js";
import { CONSOLE_CHANNEL, CONSOLE_WORKSPACE, createConsoleAdapter } from "./console/index.js";

export interface RunOptions {
  config: Config;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  now?: () => Date;
}

/** Runs paperbot until its input ends (console) or it is stopped by a signal. */
export async function runPaperbot(options: RunOptions): Promise<void> {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const platformsConfigured = Boolean(config.secrets.slack || config.secrets.discord);
  // In the terminal chat, JSON logs would drown the conversation: only warnings unless asked.
  const log = createLogger({
    level: platformsConfigured || process.env.LOG_LEVEL ? config.logLevel : "warn",
  });
  const store = await LowStore.openDirectory(resolve(config.settings.dataDir));

  if (store.corpus.size === 0) {
    const report = await ingestFiles(store, [resolve(config.settings.seedsDir)], {
      asOf: todayIso(now()),
      now: now(),
    });
    log.info(
      { new: report.new, rejected: report.rejected },
      "ingested the seed listings into an empty store",
    );
  }

  const ports: Partial<Record<Platform, ChatPort>> = {};
  const checkAccess = async (place: Place) => ports[place.platform]?.checkAccess?.(place);
  const core = await createCore({ store, settings: config.settings, log, now, checkAccess });

  if (!platformsConfigured) {
    const consolePort = createConsoleAdapter({
      input: options.stdin as NodeJS.ReadableStream & import("node:stream").Readable,
      output: options.stdout as NodeJS.WritableStream & import("node:stream").Writable,
      interactive: Boolean((options.stdin as { isTTY?: boolean }).isTTY),
    });
    ports.console = consolePort;
    const write = (text: string) => options.stdout.write(`${text}\n`);
    write(
      `paperbot: ${store.corpus.size} papers. No Slack or Discord tokens set, so this is a local chat in #${CONSOLE_CHANNEL}.`,
    );
    write("Today's digest for #general:");
    await postDigestPreview(
      core.deps,
      consolePort,
      { platform: "console", workspaceId: CONSOLE_WORKSPACE, channelId: CONSOLE_CHANNEL },
      now(),
    );
    const scheduler = startScheduler({ ...core.deps, ports }, { now });
    await consolePort.start(core.bot);
    await consolePort.closed;
    await scheduler.stop();
    await store.close();
    return;
  }

  throw new Error("Slack and Discord adapters are not wired yet");
}

/** `paperbot …` with `start` wired to the adapters; the bin and `npm start` run this file. */
async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), undefined, {
    start: (config) => runPaperbot({ config, stdin: process.stdin, stdout: process.stdout }),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
