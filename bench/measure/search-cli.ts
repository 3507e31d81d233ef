// `paperbot search` from process start to exit, once the data directory has the bot's index file (the installed command, as a user runs it).
import { spawnSync } from "node:child_process";
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { INDEX_FILE_NAME } from "../../src/search/paper-search.js";
import { type Measure, runChild } from "../child.js";
import { copyOfFixture, corpusFixture } from "../fixture.js";
import { median } from "../stats.js";

const BIN = fileURLToPath(new URL("../../bin/paperbot.js", import.meta.url));
const QUERIES = ["local sgd", "mixture of experts routing", "quantization llm since:2024"];

function timeSearch(dataDir: string, query: string): number {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [BIN, "--data-dir", dataDir, "search", ...query.split(" "), "--limit", "5"],
    {
      encoding: "utf8",
      env: { ...process.env, LOG_LEVEL: "error" },
    },
  );
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`paperbot search failed: ${run.stderr}`);
  return ms;
}

export const measure: Measure = async ({ size }) => {
  // prepare-index.ts wrote the fixture's index file; a private copy of both is what a user's data directory holds.
  const dir = await copyOfFixture(size);
  await copyFile(join(await corpusFixture(size), INDEX_FILE_NAME), join(dir, INDEX_FILE_NAME));
  const times = QUERIES.map((query) => timeSearch(dir, query));
  return { runs: times.length, medianMs: median(times), maxMs: Math.max(...times) };
};

runChild(measure, import.meta.url);
