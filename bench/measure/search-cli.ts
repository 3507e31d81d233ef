// `paperbot search`, `paperbot digest` and `paperbot --help` from process start to exit, as a user runs the installed command, once the data directory has its index and vectors files.
import { spawnSync } from "node:child_process";
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compiledIsCurrent } from "../../bin/compiled.js";
import { INDEX_FILE_NAME } from "../../src/search/paper-search.js";
import { PAPER_VECTORS_FILE_NAME } from "../../src/search/paper-vectors-file.js";
import { type Measure, runChild } from "../child.js";
import { copyOfFixture, corpusFixture, fixtureIndexFile, fixtureVectorsFile } from "../fixture.js";
import { median } from "../stats.js";

const BIN = fileURLToPath(new URL("../../bin/paperbot.js", import.meta.url));
const QUERIES = ["local sgd", "mixture of experts routing", "quantization llm since:2024"];
const HELP_RUNS = 5;

/** Wall time of one run of the installed command, from spawning it to its exit. */
function timeRun(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "error" },
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`paperbot ${args.join(" ")} failed: ${run.stderr}`);
  return ms;
}

export const measure: Measure = async ({ size }) => {
  const compiled = compiledIsCurrent();
  if (!compiled)
    console.error(
      "search-cli: dist/ is older than the sources, so this measures tsx; run `npm run build` first",
    );
  // prepare-index.ts wrote the fixture's index file; a private copy of both is what a user's data directory holds.
  const dir = await copyOfFixture(size);
  const fixture = await corpusFixture(size);
  await copyFile(fixtureIndexFile(fixture), join(dir, INDEX_FILE_NAME));
  await copyFile(fixtureVectorsFile(fixture), join(dir, PAPER_VECTORS_FILE_NAME));
  // Outside the clock: the first search reads the store and rewrites the file with the stamp of this
  // copy's corpus file, as the bot's start does; from then on searches read the index file alone.
  const firstMs = timeRun(["--data-dir", dir, "search", "local", "sgd", "--limit", "5"]);
  const times = QUERIES.map((query) =>
    timeRun(["--data-dir", dir, "search", ...query.split(" "), "--limit", "5"]),
  );
  const help = Array.from({ length: HELP_RUNS }, () => timeRun(["--help"]));
  // A digest ranks every paper that arrived, so it reads the whole store (and the vectors file).
  const digestMs = timeRun(["--data-dir", dir, "digest", "--limit", "5"]);
  return {
    runs: times.length,
    medianMs: median(times),
    maxMs: Math.max(...times),
    firstMs,
    helpMs: median(help),
    digestMs,
    compiled: compiled ? 1 : 0,
  };
};

runChild(measure, import.meta.url);
