// The `paperbot` command line: ingest, list, show, stats (and more as features land). Errors are sentences on stderr.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import type { Platform } from "./chat/port.js";
import { loadCommandParts, loadedCommandParts } from "./cli/command-parts.js";
import { registerFollowCommands } from "./cli/follow-commands.js";
import { formatIngestReport } from "./cli/ingest-report.js";
import { registerModelCommands } from "./cli/model-commands.js";
import { paperJson } from "./cli/paper-json.js";
import { createProgressLine } from "./cli/progress-line.js";
import type { Config, SecretReader } from "./config.js";
import { isUserError, UserError } from "./errors.js";
import { isoDate, todayIso } from "./ingest/listing-dates.js";
import { channelKey, workspaceKey } from "./places.js";
import type { SourceStatus } from "./store/records.js";
import type { Store } from "./store/store.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Read ./.env too, beneath `env` (the real process does; tests don't). */
  dotEnv?: boolean;
  now: () => Date;
  /** stderr is a terminal: long work draws a live progress line there instead of a line per stage. */
  stderrIsTTY?: boolean;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // From config.ts, the one reader of the environment, which loads with the commands' modules (not for --help).
  get env() {
    return loadedCommandParts().processEnv();
  },
  dotEnv: true,
  now: () => new Date(),
  stderrIsTTY: process.stderr.isTTY === true,
};

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("must be a whole number above 0.");
  return n;
}

function isoDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new InvalidArgumentError("must be a date written YYYY-MM-DD.");
  const iso = isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (!iso) throw new InvalidArgumentError(`is written right, but ${value} is not a day of the calendar.`);
  return iso;
}

/** What to do about a paper id the store does not hold, in command-line terms. */
const CLI_FIND_HINT = "Find ids with `paperbot search WORDS` or `paperbot list`.";

/** How many papers `paperbot list` prints to a person when not told. */
const LIST_DEFAULT = 20;

/** Says when a list was cut short, so nobody takes 20 papers for the whole store. */
function listFooter(shown: number, total: number): string {
  return shown < total ? `${shown} of ${total} papers; --limit N for more.\n` : "";
}

/** A CLI write waits this long for a short command of another process to finish, then refuses. */
const CLI_LOCK_WAIT_MS = 2_000;
const CLI_BUSY_HINT =
  "Stop it first, or while it runs save from the chat (/papers save ID); list, show, search, stats and digest work beside it.";

/** The stores a run of the program opened, closed (unlocked, disconnected) when the run ends. */
const writers = new WeakMap<Command, Store[]>();
function writersOf(program: Command): Store[] {
  let list = writers.get(program);
  if (!list) {
    list = [];
    writers.set(program, list);
  }
  return list;
}

/** The Semantic Scholar job's progress, as its status memo keeps it: papers still due, and any backoff. */
function enrichmentProgress(source: SourceStatus, scholarSource: string): string {
  const { due, nextAttemptAt } = source.memo ?? {};
  if (source.name !== scholarSource || due === undefined) return "";
  return `; ${due} papers due${nextAttemptAt ? `, waiting until ${nextAttemptAt}` : ""}`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** What the process entry (adapters/main.ts) plugs in: the core cannot import the adapters itself. */
export interface CliHooks {
  start?: (config: Config) => Promise<void>;
  /** The chat platforms (adapters/platforms.ts): their secrets are read with the config, their names make workspace ids. */
  platforms?: readonly SecretReader[];
}

export function buildProgram(io: CliIo, hooks: CliHooks = {}): Command {
  const program = new Command("paperbot")
    .description("Research papers for your team's Slack and Discord.")
    .option("--data-dir <dir>", "where paperbot keeps its data (env PAPERBOT_DATA_DIR; default ./data)")
    .showHelpAfterError("(run paperbot --help for the commands)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  // Before any command's action (never for --help or a usage error), its modules are loaded.
  program.hook("preAction", async () => {
    await loadCommandParts();
  });
  const parts = loadedCommandParts;

  const config = (): Config =>
    parts().loadConfig({
      env: io.env,
      dotEnv: io.dotEnv,
      platforms: hooks.platforms,
      overrides: { dataDir: program.opts().dataDir },
    });
  // Reading commands take no lock, so they work while the bot runs; writing ones take it, or say who has it.
  // A PostgreSQL store (PAPERBOT_STORE_URL) needs no lock: it is shared by every process by design.
  const openShared = async (url: string) => {
    // Loaded when used, as are the fetchers and the logger: `paperbot --help` starts without them.
    const { PgStore } = await import("./store/postgres/pg-store.js");
    const store = await PgStore.open(url, { pollMs: 0, poolSize: 2 });
    writersOf(program).push(store);
    return store;
  };
  const openStore = (cfg: Config): Promise<Store> =>
    cfg.secrets.storeUrl
      ? openShared(cfg.secrets.storeUrl)
      : parts().LowStore.openReadOnly(existingDataDir(cfg.settings.dataDir));
  const openWriter = async (cfg: Config, command: string): Promise<Store> => {
    if (cfg.secrets.storeUrl) return openShared(cfg.secrets.storeUrl);
    const store = await parts().LowStore.openDirectory(resolve(cfg.settings.dataDir), {
      lock: { purpose: `paperbot ${command}`, waitMs: CLI_LOCK_WAIT_MS, busyHint: CLI_BUSY_HINT },
    });
    writersOf(program).push(store);
    return store;
  };

  // Loaded when a command needs it, so `paperbot --help` does not wait for the logger.
  const cliLog = async () => (await import("./log.js")).createLogger({ level: io.env.LOG_LEVEL ?? "error" });
  const fetchSources = async (names: string[], asJson: boolean | undefined) => {
    const cfg = config();
    const store = await openWriter(cfg, "fetch");
    const enrich = parts().createEnricher(store.corpus, cfg.settings);
    const { createLiveSources } = await import("./ingest/live-sources.js");
    const live = createLiveSources({
      settings: cfg.settings,
      store,
      log: await cliLog(),
      now: io.now,
      enrich,
    });
    const reports = await live.ingest(names);
    if (asJson) io.stdout(json(reports));
    else {
      io.stdout(
        `${reports
          .map(
            (r) =>
              `${r.source}: read ${r.read}, new ${r.new}, updated ${r.updated}${r.stale ? " (stale: same batch as last time)" : ""}${r.error ? `; failed: ${r.error}` : ""}`,
          )
          .join("\n")}\n`,
      );
    }
    const failed = reports.filter((r) => r.error);
    if (failed.length > 0) {
      throw new UserError(
        "sources-failed",
        `${failed.length} of ${reports.length} source${reports.length === 1 ? "" : "s"} failed (see above).`,
        "The others were stored; `paperbot stats` shows each source's last success and error.",
      );
    }
  };

  program
    .command("fetch")
    .description("fetch the configured live sources (arXiv, Hugging Face, RSS) now")
    .option("--source <name...>", "only these sources")
    .option("--json", "print the report as JSON")
    .action(async (options: { source?: string[]; json?: boolean }) =>
      fetchSources(options.source ?? [], options.json),
    );

  program
    .command("ingest")
    .description("read listing files into the store (default: the seeds folder), or fetch a live source")
    .argument("[paths...]", "listing files or folders")
    .option(
      "--as-of <YYYY-MM-DD>",
      "the day of this ingest: new papers arrive on it (for the digest), and yearless dates are read against it (default: today)",
      isoDay,
    )
    .option("--source <name...>", "fetch these configured live sources instead of reading files")
    .option("--json", "print the report as JSON")
    .action(async (paths: string[], options: { asOf?: string; json?: boolean; source?: string[] }) => {
      if (options.source) {
        if (paths.length > 0)
          throw new UserError("bad-arguments", "Give either files or --source, not both.");
        await fetchSources(options.source, options.json);
        return;
      }
      const cfg = config();
      const store = await openWriter(cfg, "ingest");
      const targets = paths.length > 0 ? paths : [resolve(cfg.settings.seedsDir)];
      const report = await parts().ingestFiles(store, targets, {
        asOf: options.asOf ?? todayIso(io.now()),
        now: io.now(),
        // Noon of the given day, as `digest --date` reads a day: an archive loaded today can arrive last week.
        arrivedAt: options.asOf ? new Date(`${options.asOf}T12:00:00Z`) : undefined,
        enrich: parts().createEnricher(store.corpus, cfg.settings),
        // On stderr, so `--json` on stdout stays one clean document.
        progress: createProgressLine({
          write: io.stderr,
          isTTY: io.stderrIsTTY ?? false,
          clock: () => performance.now(),
        }),
      });
      if (options.json) {
        const { changed: _changed, ...rest } = report;
        io.stdout(json(rest));
      } else {
        io.stdout(formatIngestReport(report));
      }
      await store.close();
      const refused = report.files.filter((file) => file.rejected).length;
      if (refused > 0) throw filesRefused(refused, report.files.length);
    });

  program
    .command("list")
    .description("list stored papers, newest first (20 unless --limit; --json gives all)")
    .option("--limit <n>", "how many (default 20, or all with --json)", positiveInt)
    .option("--json", "print JSON")
    .action(async (options: { limit?: number; json?: boolean }) => {
      const store = await openStore(config());
      const sorted = [...store.corpus.all()].sort(
        (a, b) => (b.published ?? "").localeCompare(a.published ?? "") || a.title.localeCompare(b.title),
      );
      const papers = sorted.slice(0, options.limit ?? (options.json ? sorted.length : LIST_DEFAULT));
      if (options.json) io.stdout(json(papers.map(paperJson)));
      else if (papers.length === 0)
        io.stdout("No papers yet. Run `paperbot ingest` to read the seed listings.\n");
      else
        io.stdout(`${papers.map(parts().paperLine).join("\n")}\n${listFooter(papers.length, sorted.length)}`);
    });

  program
    .command("show")
    .description("show one paper in full")
    .argument("<id...>", "paper id, arXiv id or link, or the title or its unambiguous start")
    .option("--json", "print JSON")
    .action(async (words: string[], options: { json?: boolean }) => {
      const store = await openStore(config());
      const paper = parts().findPaper(store.corpus, words.join(" "), CLI_FIND_HINT);
      io.stdout(options.json ? json(paperJson(paper)) : `${parts().paperDetails(paper)}\n`);
    });

  program
    .command("stats")
    .description("what the store holds")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }) => {
      const store = await openStore(config());
      const papers = [...store.corpus.all()];
      const bySource: Record<string, number> = {};
      for (const paper of papers) {
        for (const ref of new Set(paper.sightings.map((s) => s.ref)))
          bySource[ref] = (bySource[ref] ?? 0) + 1;
      }
      const stats = {
        papers: papers.length,
        withArxivId: papers.filter((p) => p.arxivId).length,
        withDate: papers.filter((p) => p.published).length,
        withUpvotes: papers.filter((p) => p.upvotes !== undefined).length,
        withCitations: papers.filter((p) => p.scholar?.citationCount !== undefined).length,
        bySource,
        sources: store.sourceStatuses(),
        subscriptions: store.subscriptions().length,
      };
      if (options.json) {
        io.stdout(json(stats));
        return;
      }
      const lines = [
        `papers          ${stats.papers}`,
        `with arXiv id   ${stats.withArxivId}`,
        `with a date     ${stats.withDate}`,
        `with upvotes    ${stats.withUpvotes}`,
        `with citations  ${stats.withCitations}`,
        `subscriptions   ${stats.subscriptions}`,
        "seen in:",
        ...Object.entries(bySource).map(([ref, n]) => `  ${ref}  ${n}`),
      ];
      for (const source of stats.sources) {
        lines.push(
          `source ${source.name}: last success ${source.lastSuccessAt ?? "never"}` +
            (source.lastError ? `, last error ${source.lastErrorAt}: ${source.lastError}` : "") +
            enrichmentProgress(source, parts().SCHOLAR_SOURCE),
        );
      }
      io.stdout(`${lines.join("\n")}\n`);
    });

  /**
   * A search's hits with their papers. From the index file alone when it is current (the hits' papers
   * read out of the corpus file by id), else from the store read whole.
   */
  const searchPapers = async (cfg: Config, query: string, limit: number) => {
    const page = { limit, offset: 0 };
    if (!cfg.secrets.storeUrl) {
      const current = await parts().openCurrentCliSearch(existingDataDir(cfg.settings.dataDir));
      if (current) {
        const { hits } = await current.search.search(query, page);
        const papers = await current.papers(hits.map((hit) => hit.id));
        return hits.map((hit) => ({ paper: papers.get(hit.id), score: hit.score }));
      }
    }
    const store = await openStore(cfg);
    const search = await parts().openCliSearch(
      cfg.settings.dataDir,
      store.corpus.all(),
      await cliLog(),
      store.openedStamp,
    );
    const { hits } = await search.search(query, page);
    return hits.map((hit) => ({ paper: store.corpus.find(hit.id), score: hit.score }));
  };

  program
    .command("search")
    .description('search papers (words, "phrases", author:, org:, cat:, since:, until:, sort:, -word)')
    .argument("<query...>", "the query")
    .option("--limit <n>", "how many", positiveInt, 10)
    .option("--json", "print JSON")
    .action(async (words: string[], options: { limit: number; json?: boolean }) => {
      const results = await searchPapers(config(), words.join(" "), Math.min(options.limit, 100));
      if (options.json) {
        io.stdout(
          json(
            results.flatMap(({ paper, score }) =>
              paper ? [{ ...paperJson(paper), score: Number(score.toFixed(4)) }] : [],
            ),
          ),
        );
      } else if (results.length === 0) {
        io.stdout("No papers match. Try fewer or other words.\n");
      } else {
        io.stdout(
          `${results
            .map(({ paper }) =>
              paper
                ? `${parts().paperLine(paper)}${paper.tldr ? `\n${" ".repeat(15)}${paper.tldr}` : ""}`
                : "",
            )
            .join("\n")}\n`,
        );
      }
    });

  program
    .command("digest")
    .description("the highlights a channel's digest would post now")
    .option("--workspace <id>", "workspace (platform:id, e.g. slack:T123)", "console:local")
    .option("--channel <id>", "channel id", "general")
    .option("--limit <n>", "how many", positiveInt)
    .option("--date <YYYY-MM-DD>", "rank as of this day (default now)", isoDay)
    .option("--weekly", "the weekly team digest instead: the 7 days up to now (or --date)")
    .option("--json", "print JSON")
    .action(
      async (options: {
        workspace: string;
        channel: string;
        limit?: number;
        date?: string;
        weekly?: boolean;
        json?: boolean;
      }) => {
        const cfg = config();
        const store = await openStore(cfg);
        // The team's model reads the paper vectors, loaded from their file beside the index's.
        const search = await parts().openCliTasteSearch(
          cfg.settings.dataDir,
          store.corpus.all(),
          await cliLog(),
        );
        const [platform, workspaceId] = splitWorkspace(options.workspace, hooks.platforms);
        const channel = channelKey(platform, workspaceId, options.channel);
        const now = options.date ? new Date(`${options.date}T12:00:00Z`) : io.now();
        if (options.weekly) {
          const entries = parts()
            .weeklyPreview(
              { store, search, settings: cfg.settings },
              { workspace: workspaceKey(platform, workspaceId), channel },
              now,
            )
            .slice(0, options.limit);
          const title = (id: string) => store.corpus.find(id)?.title ?? id;
          if (options.json) {
            io.stdout(
              json(
                entries.map((e, i) => ({
                  id: e.paperId,
                  title: title(e.paperId),
                  section: e.section,
                  reason: e.reason,
                  onMessage: i < parts().WEEKLY_MESSAGE_CARDS,
                })),
              ),
            );
          } else if (entries.length === 0) {
            io.stdout("A quiet week: nobody saved a paper and nothing new arrived.\n");
          } else {
            io.stdout(
              `${entries.map((e, i) => `${i === parts().WEEKLY_MESSAGE_CARDS ? '(behind "more")\n' : ""}${i + 1}. ${title(e.paperId)} [${e.paperId}]\n   ${e.reason}`).join("\n")}\n`,
            );
          }
          return;
        }
        const highlights = parts().channelHighlights(
          { store, search, settings: cfg.settings },
          { workspace: workspaceKey(platform, workspaceId), channel, size: options.limit },
          now,
        );
        if (options.json) {
          io.stdout(
            json(
              highlights.map((h) => ({
                id: h.paper.id,
                title: h.paper.title,
                score: h.score,
                reasons: h.reasons,
              })),
            ),
          );
        } else if (highlights.length === 0) {
          io.stdout(`${parts().NOTHING_NEW}\n`);
        } else {
          io.stdout(
            `${highlights.map((h, i) => `${i + 1}. ${h.paper.title} [${h.paper.id}]\n   ${h.reasons.join(" · ")}`).join("\n")}\n`,
          );
        }
      },
    );

  for (const [name, adding] of [
    ["save", true],
    ["unsave", false],
  ] as const) {
    program
      .command(name)
      .description(
        adding ? "save a paper for a person (as a reaction would)" : "un-save a paper for a person",
      )
      .argument("<id>", "paper id")
      .requiredOption("--workspace <id>", "workspace (platform:id, e.g. slack:T123)")
      .requiredOption("--user <id>", "the person's user id")
      .action(async (id: string, options: { workspace: string; user: string }) => {
        const store = await openWriter(config(), name);
        const paper = parts().requirePaper(store, id, CLI_FIND_HINT);
        const [platform, workspaceId] = splitWorkspace(options.workspace, hooks.platforms);
        const save = {
          workspace: workspaceKey(platform, workspaceId),
          userId: options.user,
          paperId: paper.id,
        };
        const changed = adding
          ? await parts().savePaper(store, { ...save, at: io.now() })
          : await parts().unsavePaper(store, save);
        io.stdout(
          `${adding ? (changed ? "saved" : "already saved") : changed ? "un-saved" : "was not saved"}: ${paper.title}\n`,
        );
      });
  }

  registerFollowCommands(program, {
    stdout: io.stdout,
    now: io.now,
    config,
    openWriter,
    openReader: openStore,
    channelOf: (workspace, channel) => channelKey(...splitWorkspace(workspace, hooks.platforms), channel),
  });
  registerModelCommands(program, {
    stdout: io.stdout,
    stderr: io.stderr,
    now: io.now,
    // Read when a command runs: the real process's environment is there only once its modules are loaded.
    get env() {
      return io.env;
    },
    config,
    openWriter,
    openReader: openStore,
  });
  for (const [name, adding] of [
    ["dismiss", true],
    ["undismiss", false],
  ] as const) {
    program
      .command(name)
      .description(
        adding
          ? "mark a paper not for us for a person (as a 👎 would): never highlighted there again"
          : "take back a person's not-for-us",
      )
      .argument("<id>", "paper id")
      .requiredOption("--workspace <id>", "workspace (platform:id, e.g. slack:T123)")
      .requiredOption("--user <id>", "the person's user id")
      .action(async (id: string, options: { workspace: string; user: string }) => {
        const store = await openWriter(config(), name);
        const paper = parts().requirePaper(store, id);
        const [platform, workspaceId] = splitWorkspace(options.workspace, hooks.platforms);
        const dismissal = {
          workspace: workspaceKey(platform, workspaceId),
          userId: options.user,
          paperId: paper.id,
        };
        const changed = adding
          ? await parts().dismissPaper(store, { ...dismissal, at: io.now() })
          : await parts().undismissPaper(store, dismissal);
        io.stdout(
          `${adding ? (changed ? "marked not for us" : "already marked not for us") : changed ? "no longer marked not for us" : "was not marked not for us"}: ${paper.title}\n`,
        );
      });
  }

  program
    .command("start")
    .description(
      "run the bot: Slack and/or Discord when their tokens are set, else a local chat in the terminal",
    )
    .action(async () => {
      if (!hooks.start)
        throw new Error("start is wired by adapters/main.ts; run `npm start` or the paperbot bin");
      await hooks.start(config());
    });

  return program;
}

/** A reading command's data directory, which must exist: an empty answer from a mistyped path would mislead. */
function existingDataDir(dataDir: string): string {
  const dir = resolve(dataDir);
  if (!existsSync(dir)) {
    throw new UserError(
      "no-data-dir",
      `There is no data directory at ${dir}.`,
      "Give --data-dir (or PAPERBOT_DATA_DIR) the folder paperbot keeps its data in, or run `paperbot ingest` to create one.",
    );
  }
  return dir;
}

function filesRefused(refused: number, total: number): UserError {
  if (refused === total) {
    return new UserError(
      "files-rejected",
      total === 1 ? "The file was not read (see above)." : `None of the ${total} files was read (see above).`,
      "Nothing was stored; fix what is said above and ingest again.",
    );
  }
  return new UserError(
    "files-rejected",
    `${refused} of ${total} files ${refused === 1 ? "was" : "were"} not read (see above).`,
    "The other files were stored.",
  );
}

/** A platform name as workspace ids write it, when the CLI runs without the platform list (tests). */
const PLATFORM_NAME = /^[a-z][a-z0-9-]*$/;

function splitWorkspace(value: string, platforms: readonly SecretReader[] | undefined): [Platform, string] {
  const [platform = "", ...rest] = value.split(":");
  const known = platforms ? platforms.some((p) => p.name === platform) : PLATFORM_NAME.test(platform);
  if (!known || rest.length === 0 || rest.join(":") === "") {
    throw new UserError(
      "bad-workspace",
      `"${value}" is not a workspace.`,
      "Write it as platform:id, e.g. slack:T0123 or console:local.",
    );
  }
  return [platform as Platform, rest.join(":")];
}

/** Runs the CLI; resolves to the exit code. Never calls process.exit. */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo,
  hooks: CliHooks = {},
): Promise<number> {
  const program = buildProgram(io, hooks);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === "commander.helpDisplayed" ? 0 : 2;
    }
    if (isUserError(error)) {
      io.stderr(`paperbot: ${error.describe()}\n`);
      return 1;
    }
    io.stderr(`paperbot: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 70;
  } finally {
    for (const store of writersOf(program)) await store.close().catch(() => undefined);
  }
}
