// The composition root and process entry: config → store → core → adapters → scheduler. Lives beside the adapters
// because it is the one module allowed to import both them and the core.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ChatPort, Place, Platform } from "../src/chat/port.js";
import { exitQuietlyOnClosedPipe } from "../src/cli/closed-pipe.js";
import { PROGRESS_MIN_ITEMS } from "../src/cli/progress-line.js";
import { runCli } from "../src/cli.js";
import type { Config } from "../src/config.js";
import { type Core, createCore } from "../src/core.js";
import { postDigestPreview } from "../src/digest/preview.js";
import { startScheduler } from "../src/digest/scheduler.js";
import { ingestFiles } from "../src/ingest/ingest-files.js";
import { todayIso } from "../src/ingest/listing-dates.js";
import { createLiveSources } from "../src/ingest/live-sources.js";
import { createLogger } from "../src/log.js";
import { LowStore } from "../src/store/low-store.js";
import { PgStore } from "../src/store/postgres/pg-store.js";
import type { Store } from "../src/store/store.js";
import { CONSOLE_CHANNEL, CONSOLE_WORKSPACE, createConsoleAdapter } from "./console/index.js";

export interface RunOptions {
  config: Config;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  /** Where stage lines of slow start-up work go (default: the process's stderr). */
  stderr?: NodeJS.WritableStream;
  now?: () => Date;
  /** Resolves to stop a bot running on a platform (tests); signals do the same in production. */
  stopSignal?: Promise<void>;
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
  // PostgreSQL when configured: shared by every replica. Otherwise the bot is the data directory's one
  // writer while it runs; a CLI write finishing its work is waited for.
  const store: Store = config.secrets.storeUrl
    ? await PgStore.open(config.secrets.storeUrl, { log: log.child({ component: "store" }) })
    : await LowStore.openDirectory(resolve(config.settings.dataDir), {
        lock: {
          purpose: "paperbot start",
          waitMs: 10_000,
          busyHint:
            "Stop the other paperbot (or wait for its command to finish), or give this one its own data directory (PAPERBOT_DATA_DIR or --data-dir).",
        },
      });

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
  // Search and summaries exist once the core does; sources reach them through these late-bound calls.
  let core: Core | undefined;
  const live = createLiveSources({
    settings: config.settings,
    store,
    log: log.child({ component: "sources" }),
    now,
    enrich: (papers) => core?.enrich(papers) ?? papers,
    onChanged: (papers) => core?.search.index(papers),
  });
  const indexFile = join(resolve(config.settings.dataDir), "search-index.bin");
  // The first start over a big store builds the index for a while: say so rather than sit silent.
  if (!existsSync(indexFile) && store.corpus.size >= PROGRESS_MIN_ITEMS) {
    (options.stderr ?? process.stderr).write(
      `building the search index for ${store.corpus.size.toLocaleString("en-US")} papers…\n`,
    );
  }
  core = await createCore({
    store,
    settings: config.settings,
    log,
    now,
    checkAccess,
    fetchPaper: live.fetchPaper,
    // A restart loads the index instead of rebuilding it (about 37 s at 100,000 papers).
    indexFile,
  });
  // Papers other replicas added or changed reach this replica's search index as the store sees them.
  const search = core.search;
  store.onPapersChanged((papers) => search.index(papers));
  const ingestLive = async () => {
    await live.ingest();
  };

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
    // The terminal chat fetches live sources on the hourly schedule only, so starting it needs no network.
    const scheduler = startScheduler({ ...core.deps, ports }, { now, ingest: ingestLive });
    await consolePort.start(core.bot);
    await consolePort.closed;
    await scheduler.stop();
    await store.close();
    return;
  }

  if (config.secrets.discord) {
    const { createDiscordAdapter } = await import("./discord/index.js");
    const { token, applicationId, guildId, apiUrl } = config.secrets.discord;
    ports.discord = createDiscordAdapter({
      token,
      applicationId,
      guildId,
      apiUrl,
      logger: log.child({ component: "discord" }),
    });
  }
  if (config.secrets.slack) {
    const { createSlackAdapter, createFileInstallationStore } = await import("./slack/index.js");
    const { botToken, signingSecret, appToken, apiUrl, host, oauth } = config.secrets.slack;
    ports.slack = createSlackAdapter({
      botToken,
      signingSecret,
      appToken,
      apiUrl,
      host,
      port: config.secrets.port,
      logger: log.child({ component: "slack" }),
      oauth: oauth && {
        ...oauth,
        installationStore: createFileInstallationStore(
          join(resolve(config.settings.dataDir), "slack-installations.json"),
        ),
      },
    });
  }
  const started: ChatPort[] = [];
  for (const port of Object.values(ports)) {
    await port.start(core.bot);
    started.push(port);
    log.info({ platform: port.platform }, "platform connected");
  }
  const scheduler = startScheduler({ ...core.deps, ports }, { now, ingest: ingestLive });
  // Catch up on digests missed while down, and fetch sources, without waiting for the first tick.
  void scheduler.tick();
  void ingestLive().catch((error) => log.warn({ err: error }, "initial fetch of live sources failed"));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    options.stopSignal?.then(stop);
  });
  log.info("stopping");
  await scheduler.stop();
  for (const port of started) await port.stop();
  await store.close();
}

/** `paperbot …` with `start` wired to the adapters; the bin and `npm start` run this file. */
async function main(): Promise<void> {
  // The reader got what it wanted (`| head`): nothing is wrong, so nothing to say.
  exitQuietlyOnClosedPipe(process.stdout, () => process.exit(0));
  process.exitCode = await runCli(process.argv.slice(2), undefined, {
    start: (config) => runPaperbot({ config, stdin: process.stdin, stdout: process.stdout }),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
