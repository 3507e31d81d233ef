#!/usr/bin/env node
// The `paperbot` command line: ingest, list, show, stats (and more as features land). Errors are sentences on stderr.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { paperDetails, paperLine } from "./cli/format.js";
import { formatIngestReport } from "./cli/ingest-report.js";
import { paperJson } from "./cli/paper-json.js";
import { type Config, loadConfig } from "./config.js";
import { isUserError, UserError } from "./errors.js";
import { ingestFiles } from "./ingest/ingest-files.js";
import { isoDate, todayIso } from "./ingest/listing-dates.js";
import { LowStore } from "./store/low-store.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  now: () => Date;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  now: () => new Date(),
};

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("must be a whole number above 0.");
  return n;
}

function isoDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const iso = match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  if (!iso) throw new InvalidArgumentError("must be a date written YYYY-MM-DD.");
  return iso;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function buildProgram(io: CliIo): Command {
  const program = new Command("paperbot")
    .description("Research papers for your team's Slack and Discord.")
    .option("--data-dir <dir>", "where paperbot keeps its data (env PAPERBOT_DATA_DIR; default ./data)")
    .showHelpAfterError("(run paperbot --help for the commands)")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  const config = (): Config =>
    loadConfig({
      env: io.env,
      dotEnv: io.env === process.env,
      overrides: { dataDir: program.opts().dataDir },
    });
  const openStore = (cfg: Config) => LowStore.openDirectory(resolve(cfg.settings.dataDir));

  program
    .command("ingest")
    .description("read listing files into the store (default: the seeds folder)")
    .argument("[paths...]", "listing files or folders")
    .option("--as-of <YYYY-MM-DD>", "the day yearless dates are read against (default: today)", isoDay)
    .option("--json", "print the report as JSON")
    .action(async (paths: string[], options: { asOf?: string; json?: boolean }) => {
      const cfg = config();
      const store = await openStore(cfg);
      const targets = paths.length > 0 ? paths : [resolve(cfg.settings.seedsDir)];
      const report = await ingestFiles(store, targets, {
        asOf: options.asOf ?? todayIso(io.now()),
        now: io.now(),
      });
      if (options.json) {
        const { changed: _changed, ...rest } = report;
        io.stdout(json(rest));
      } else {
        io.stdout(formatIngestReport(report));
      }
      await store.close();
      const refused = report.files.filter((file) => file.rejected).length;
      if (refused > 0) {
        throw new UserError(
          "files-rejected",
          `${refused} of ${report.files.length} file${report.files.length === 1 ? " was" : "s were"} not read (see above).`,
          "The other files were stored.",
        );
      }
    });

  program
    .command("list")
    .description("list stored papers, newest first")
    .option("--limit <n>", "how many", positiveInt, 20)
    .option("--json", "print JSON")
    .action(async (options: { limit: number; json?: boolean }) => {
      const store = await openStore(config());
      const papers = [...store.corpus.all()]
        .sort(
          (a, b) => (b.published ?? "").localeCompare(a.published ?? "") || a.title.localeCompare(b.title),
        )
        .slice(0, options.limit);
      if (options.json) io.stdout(json(papers.map(paperJson)));
      else if (papers.length === 0)
        io.stdout("No papers yet. Run `paperbot ingest` to read the seed listings.\n");
      else io.stdout(`${papers.map(paperLine).join("\n")}\n`);
    });

  program
    .command("show")
    .description("show one paper in full")
    .argument("<id>", "paper id, arXiv id or link, or exact title")
    .option("--json", "print JSON")
    .action(async (id: string, options: { json?: boolean }) => {
      const store = await openStore(config());
      const paper = store.corpus.find(id);
      if (!paper) {
        throw new UserError(
          "no-such-paper",
          `No paper with id "${id}".`,
          "Find ids with `paperbot list` or `paperbot search`.",
        );
      }
      io.stdout(options.json ? json(paperJson(paper)) : `${paperDetails(paper)}\n`);
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
        `subscriptions   ${stats.subscriptions}`,
        "seen in:",
        ...Object.entries(bySource).map(([ref, n]) => `  ${ref}  ${n}`),
      ];
      for (const source of stats.sources) {
        lines.push(
          `source ${source.name}: last success ${source.lastSuccessAt ?? "never"}` +
            (source.lastError ? `, last error ${source.lastErrorAt}: ${source.lastError}` : ""),
        );
      }
      io.stdout(`${lines.join("\n")}\n`);
    });

  return program;
}

/** Runs the CLI; resolves to the exit code. Never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
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
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
