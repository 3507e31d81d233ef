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
import type { Core } from "../src/core.js";
import type { Scheduler } from "../src/digest/scheduler.js";
import { embeddingsFileName } from "../src/llm/paper-embeddings.js";
import type { Logger } from "../src/log.js";
import type { Store } from "../src/store/store.js";
import { PLATFORM_SECRET_PATTERNS, PLATFORMS, TERMINAL_PLATFORM } from "./platforms.js";

/**
 * What a running bot is made of, loaded only when it starts: `paperbot --help` and the other commands
 * do not wait for the search index, the summarizer, the store drivers or the scheduler.
 */
async function loadBotModules() {
  const [
    core,
    preview,
    scheduler,
    titleJob,
    scholarSetup,
    ingestFiles,
    dates,
    live,
    llmServices,
    log,
    lowStore,
    pgStore,
    consoleAdapter,
    alerts,
    digestTldrs,
    modelTldrs,
  ] = await Promise.all([
    import("../src/core.js"),
    import("../src/digest/preview.js"),
    import("../src/digest/scheduler.js"),
    import("../src/enrich/arxiv-title-job.js"),
    import("../src/enrich/scholar-setup.js"),
    import("../src/ingest/ingest-files.js"),
    import("../src/ingest/listing-dates.js"),
    import("../src/ingest/live-sources.js"),
    import("../src/llm/services.js"),
    import("../src/log.js"),
    import("../src/store/low-store.js"),
    import("../src/store/postgres/pg-store.js"),
    import("./console/index.js"),
    import("../src/chat/post-alerts.js"),
    import("../src/chat/digest-tldrs.js"),
    import("../src/chat/model-tldrs.js"),
  ]);
  return {
    ...core,
    ...preview,
    ...scheduler,
    ...titleJob,
    ...scholarSetup,
    ...ingestFiles,
    ...dates,
    ...live,
    ...llmServices,
    ...log,
    ...lowStore,
    ...pgStore,
    ...consoleAdapter,
    ...alerts,
    ...digestTldrs,
    ...modelTldrs,
  };
}

/** The signals that stop the bot: what systemd and Docker send (TERM), Ctrl-C (INT), a closed terminal (HUP). */
const STOP_SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"] as const;

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
  const modules = await loadBotModules();
  // In the terminal chat, JSON logs would drown the conversation: only warnings unless asked.
  const log = modules.createLogger({
    level: options.config.logLevel ?? (configuredPlatforms(options.config).length > 0 ? "info" : "warn"),
    secretPatterns: PLATFORM_SECRET_PATTERNS,
  });
  // From here on a stop request is remembered, so a signal during start-up stops the bot once it is up.
  const stop = stopRequests(log, options.stopSignal);
  // A promise nobody awaited that fails is a bug to log, not a reason to drop every user's connection.
  const onUnhandled = (reason: unknown) =>
    log.error({ err: reason }, "a promise failed with no handler; the bot carries on");
  process.on("unhandledRejection", onUnhandled);
  try {
    await runBot(options, modules, log, stop.requested);
  } finally {
    process.off("unhandledRejection", onUnhandled);
    stop.dispose();
  }
}

async function runBot(
  options: RunOptions,
  modules: Awaited<ReturnType<typeof loadBotModules>>,
  log: Logger,
  stopRequested: Promise<void>,
): Promise<void> {
  const {
    createCore,
    postDigestPreview,
    startScheduler,
    ingestFiles,
    todayIso,
    createLiveSources,
    LowStore,
    PgStore,
    CONSOLE_CHANNEL,
    CONSOLE_WORKSPACE,
    prepareDigestTldrs,
    localizedPorts,
  } = modules;
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const platforms = configuredPlatforms(config);
  const host = {
    dataDir: resolve(config.settings.dataDir),
    port: config.secrets.port,
    terminal: {
      input: options.stdin as NodeJS.ReadableStream & import("node:stream").Readable,
      output: options.stdout as NodeJS.WritableStream & import("node:stream").Writable,
      interactive: Boolean((options.stdin as { isTTY?: boolean }).isTTY),
    },
  };
  const indexFile = join(resolve(config.settings.dataDir), modules.INDEX_FILE_NAME);
  // The search files are read while the store parses its papers (a restart at 100k: seconds saved).
  // A big corpus's search thread starts here and reads the index file itself.
  const searchFiles = existsSync(indexFile)
    ? modules.readSearchFilesAhead(indexFile, config.settings.searchThread, log)
    : undefined;
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
  // Stopping aborts every fetch of the live sources in flight, so shutdown never waits on a slow server.
  const stopping = new AbortController();
  // Search and summaries exist once the core does; sources reach them through these late-bound calls.
  let core: Core | undefined;
  const live = createLiveSources({
    settings: config.settings,
    store,
    log: log.child({ component: "sources" }),
    now,
    enrich: (papers) => core?.enrich(papers) ?? papers,
    onChanged: (papers) => core?.search.index(papers),
    signal: stopping.signal,
  });
  // The optional language model: undefined unless PAPERBOT_LLM_URL is set, and then nothing calls one.
  const llm = await modules.openModelServices({
    dataDir: resolve(config.settings.dataDir),
    secrets: config.secrets.llm,
    settings: config.settings,
    store,
    log,
    now,
  });
  // The first start over a big store builds the index for a while: say so rather than sit silent.
  if (!existsSync(indexFile) && store.corpus.size >= PROGRESS_MIN_ITEMS) {
    (options.stderr ?? process.stderr).write(
      `building the search index for ${store.corpus.size.toLocaleString("en-US")} papers…\n`,
    );
  }
  core = await createCore({
    llm,
    store,
    settings: config.settings,
    log,
    now,
    checkAccess,
    fetchPaper: live.fetchPaper,
    // A restart loads the index instead of rebuilding it (tens of seconds at 100,000 papers, BENCHMARKS.md).
    indexFile,
    searchFiles,
    searchThread: config.settings.searchThread,
    ...(config.secrets.llm?.embeddingsModel
      ? {
          embeddingsFile: join(
            resolve(config.settings.dataDir),
            embeddingsFileName(config.secrets.llm.embeddingsModel),
          ),
        }
      : {}),
  });
  // With an embeddings model: the papers not embedded yet, in the background (resumes where the last run stopped).
  const embedPapers = () =>
    void core?.embeddings
      ?.embedMissing(store.corpus.all(), stopping.signal)
      .catch((error: unknown) => log.warn({ err: error }, "papers could not be embedded"));
  embedPapers();
  // Papers other replicas added or changed reach this replica's search index as the store sees them.
  const search = core.search;
  store.onPapersChanged((papers) => search.index(papers));
  const coreDeps = core.deps;
  const scholar = modules.createScholarEnrichment(config, {
    store,
    now,
    log: log.child({ component: "semantic-scholar" }),
  });
  // With live sources on, papers a listing gave without an arXiv id (the seeds) are looked up by exact title.
  const titles =
    config.settings.sources.length > 0
      ? modules.createTitleMatchJob({
          store,
          find: live.findByTitle,
          now,
          log: log.child({ component: "arxiv-titles" }),
          onChanged: (papers) => core?.search.index(papers),
        })
      : undefined;
  // Fetches in flight, waited for at shutdown: the store closes only once none can write to it.
  const fetches = new Set<Promise<void>>();
  const ingestLive = async () => {
    const fetch = live.ingest().then(
      () => undefined,
      // An abort is us stopping, not a failing source: nothing to report.
      (error: unknown) => {
        if (!stopping.signal.aborted) throw error;
      },
    );
    fetches.add(fetch);
    try {
      await fetch;
    } finally {
      fetches.delete(fetch);
    }
    if (stopping.signal.aborted) return;
    // After each fetch: the model TL;DRs of digests due within two hours, written ahead of them.
    if (llm)
      await prepareDigestTldrs(coreDeps, now()).catch((error: unknown) =>
        log.warn({ err: error }, "model TL;DRs could not be prepared ahead of the digests"),
      );
    // Then, in the background (neither job ever throws): a slow or failing arXiv or Semantic Scholar delays nothing.
    void (async () => {
      await titles?.run();
      await scholar?.run();
    })();
    embedPapers();
  };
  /** Stops fetching, waits for the fetches to let go, then for the digest tick, the platforms and the store. */
  const shutDown = async (scheduler: Scheduler | undefined, started: ChatPort[]) => {
    log.info("stopping");
    stopping.abort(new Error("paperbot is stopping"));
    await Promise.allSettled(fetches);
    await scheduler?.stop();
    for (const port of started) await port.stop();
    await search.close();
    await scholar?.stop();
    await store.close();
    log.info("stopped");
  };
  // Digests carry a channel's model TL;DRs in its language when a model is configured.
  const localize = core.localize;
  const digestPorts = () => (llm ? localizedPorts(ports, localize) : ports);
  const postAlerts = (at: Date) => modules.runAlerts({ store, log, ports: digestPorts() }, at);

  if (platforms.length === 0) {
    const consolePort = await TERMINAL_PLATFORM.create({}, host, log);
    ports.console = consolePort;
    const write = (text: string) => options.stdout.write(`${text}\n`);
    write(
      `paperbot: ${store.corpus.size} papers. No Slack or Discord tokens set, so this is a local chat in #${CONSOLE_CHANNEL}.`,
    );
    write("Today's digest for #general:");
    await postDigestPreview(
      core.deps,
      digestPorts().console ?? consolePort,
      { platform: "console", workspaceId: CONSOLE_WORKSPACE, channelId: CONSOLE_CHANNEL },
      now(),
    );
    // The terminal chat fetches live sources on the hourly schedule only, so starting it needs no network.
    const scheduler = startScheduler(
      { ...core.deps, ports: digestPorts() },
      { now, ingest: ingestLive, alerts: postAlerts },
    );
    await consolePort.start(core.bot);
    await Promise.race([consolePort.closed, stopRequested]);
    await shutDown(scheduler, [consolePort]);
    return;
  }

  for (const platform of platforms) {
    ports[platform.name] = await platform.create(
      config.secrets.platforms[platform.name],
      host,
      log.child({ component: platform.name }),
    );
  }
  const started: ChatPort[] = [];
  let scheduler: Scheduler | undefined;
  try {
    for (const port of Object.values(ports)) {
      if (!port) continue;
      await port.start(core.bot);
      started.push(port);
      log.info({ platform: port.platform }, "platform connected");
    }
    scheduler = startScheduler(
      { ...core.deps, ports: digestPorts() },
      { now, ingest: ingestLive, alerts: postAlerts },
    );
    // Catch up on digests missed while down, and fetch sources, without waiting for the first tick.
    void scheduler.tick();
    void ingestLive().catch((error) => log.warn({ err: error }, "initial fetch of live sources failed"));
    await stopRequested;
  } finally {
    // Also when a platform failed to start: the ones that did are stopped and the lock is let go.
    await shutDown(scheduler, started);
  }
}

/**
 * Stop requests: the first signal (or `stopSignal`) starts the shutdown; any later one is noted and
 * ignored, so a process manager's second SIGTERM cannot cut the shutdown short and leave the lock behind.
 */
function stopRequests(
  log: { info(obj: object, msg: string): void },
  stopSignal: Promise<void> | undefined,
): { requested: Promise<void>; dispose(): void } {
  let requested = false;
  let resolveRequested: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    resolveRequested = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal, alreadyStopping: requested }, requested ? "already stopping" : "stop requested");
    requested = true;
    resolveRequested();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  stopSignal?.then(() => {
    requested = true;
    resolveRequested();
  });
  return {
    requested: promise,
    dispose: () => {
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}

/** The platforms whose variables the environment set, in the order of the list. */
function configuredPlatforms(config: Config) {
  return PLATFORMS.filter((platform) => config.secrets.platforms[platform.name] !== undefined);
}

/** `paperbot …` with `start` wired to the adapters; the bin and `npm start` run this. */
export async function main(): Promise<void> {
  // The reader got what it wanted (`| head`): nothing is wrong, so nothing to say.
  exitQuietlyOnClosedPipe(process.stdout, () => process.exit(0));
  process.exitCode = await runCli(process.argv.slice(2), undefined, {
    platforms: PLATFORMS,
    start: async (config) => {
      await runPaperbot({ config, stdin: process.stdin, stdout: process.stdout });
      afterStopped();
    },
  });
}

/**
 * The bot has stopped and released its lock. A process manager's second signal may still arrive while the
 * last handles close: there is nothing left to stop, so it is ignored rather than killing a clean exit.
 * A handle that keeps the process up past a grace period is not worth waiting on: the process exits anyway.
 */
function afterStopped(): void {
  for (const signal of STOP_SIGNALS) process.on(signal, () => undefined);
  setTimeout(() => process.exit(), 2_000).unref();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
