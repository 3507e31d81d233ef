// The two sizes of the reliability tests: short in `npm test`, long behind `npm run test:stress` (STRESS=1).
import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const STRESS = process.env.STRESS === "1";

/** The short size in `npm test`, the long one in the stress run. */
export function sized(short: number, stress: number): number {
  return STRESS ? stress : short;
}

/** fast-check runs per property: FUZZ_RUNS when set, else the size for this run. */
export function fuzzRuns(short: number, stress = 10_000): number {
  const fromEnv = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : sized(short, stress);
}

/** Where a stress run notes its figures (kills survived, cases fuzzed) for docs/reliability.md. */
export const FIGURES_FILE = process.env.STRESS_FIGURES ?? join(tmpdir(), "paperbot-stress-figures.jsonl");

/** Notes a figure of this run; only the stress run keeps them. */
export function recordFigure(name: string, value: number | string): void {
  if (!STRESS && !process.env.STRESS_FIGURES) return;
  appendFileSync(FIGURES_FILE, `${JSON.stringify({ name, value, at: new Date().toISOString() })}\n`);
}
