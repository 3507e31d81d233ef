// `npm run bench`: runs every measurement in its own process at each size, and prints the table of medians.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { RESULT_PREFIX } from "./child.js";
import { PLAN, SIZES } from "./plan.js";
import { median } from "./stats.js";
import { type Results, renderTable } from "./table.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
/** No measurement may run away: a child still running after this is stopped and reported as failed. */
const CHILD_TIMEOUT_MS = 20 * 60_000;

type Figures = Record<string, number | string | boolean>;

/** Runs one measurement process and returns its figures (or an error message). */
export function runMeasurement(
  script: string,
  args: string[],
  timeoutMs = CHILD_TIMEOUT_MS,
  env: Record<string, string> = {},
): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx/esm", `bench/measure/${script}`, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, LOG_LEVEL: "error", ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as Figures);
      else
        reject(
          new Error(
            `${script} ${args.join(" ")} exited ${code}: ${err.trim().split("\n").slice(-5).join("\n")}`,
          ),
        );
    });
  });
}

/** Median of each numeric figure across runs; other values from the first run. */
export function medianFigures(runs: readonly Figures[]): Figures {
  const merged: Figures = { runs: runs.length };
  for (const key of Object.keys(runs[0] ?? {})) {
    const values = runs.map((run) => run[key]);
    merged[key] = values.every((v) => typeof v === "number")
      ? median(values as number[])
      : (values[0] as string);
  }
  return merged;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string" },
      only: { type: "string" },
      runs: { type: "string" },
      smoke: { type: "boolean", default: false },
      json: { type: "string" },
    },
  });
  const sizes = values.sizes ? values.sizes.split(",").map(Number) : [...SIZES];
  const only = values.only ? new Set(values.only.split(",")) : undefined;
  const results: Results = {};
  const started = Date.now();
  for (const size of sizes) {
    for (const measurement of PLAN) {
      if (only && !only.has(measurement.name) && measurement.name !== "prepare-index") continue;
      if (measurement.sizes && !measurement.sizes.includes(size)) continue;
      const runs = values.runs ? Number(values.runs) : measurement.runs(size);
      const args = [
        "--size",
        String(size),
        ...(measurement.args ?? []),
        ...(values.smoke ? ["--smoke"] : []),
      ];
      const figures: Figures[] = [];
      for (let run = 0; run < runs; run++) {
        process.stderr.write(
          `[${Math.round((Date.now() - started) / 1000)} s] ${measurement.name} N=${size} run ${run + 1}/${runs}\n`,
        );
        try {
          figures.push(await runMeasurement(measurement.script, args, CHILD_TIMEOUT_MS, measurement.env));
        } catch (error) {
          process.stderr.write(`${(error as Error).message}\n`);
        }
      }
      if (figures.length === 0) continue;
      const bySize = results[measurement.name] ?? {};
      bySize[size] = medianFigures(figures);
      results[measurement.name] = bySize;
    }
  }
  if (values.json) await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${renderTable(results, sizes)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
