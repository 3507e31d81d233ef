// The protocol between the bench runner and a measurement process: arguments in, one JSON line of figures out.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

export const RESULT_PREFIX = "BENCH_RESULT ";

export interface ChildArgs {
  size: number;
  /** A smaller, faster variant for the CI smoke test: fewer queries, shorter load. */
  smoke: boolean;
}

export function childArgs(): ChildArgs {
  const { values } = parseArgs({
    options: { size: { type: "string", default: "1000" }, smoke: { type: "boolean", default: false } },
    strict: false,
  });
  return { size: Number(values.size), smoke: values.smoke === true };
}

/** Prints the figures for the runner and ends the process (open handles must not keep a child alive). */
export function report(figures: Record<string, number | string | boolean>): never {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(figures)}\n`, () => process.exit(0));
  // Exit even if stdout never drains (a runner that stopped reading).
  setTimeout(() => process.exit(0), 2_000).unref();
  return undefined as never;
}

export type Figures = Record<string, number | string | boolean>;
export type Measure = (args: ChildArgs) => Promise<Figures>;

/**
 * When `moduleUrl` is the process's entry point, runs the measurement and reports its figures (a
 * failure as a non-zero exit); when the module is imported (the smoke test), does nothing.
 */
export function runChild(main: Measure, moduleUrl: string): void {
  if (!process.argv[1] || pathToFileURL(resolve(process.argv[1])).href !== moduleUrl) return;
  main(childArgs()).then(
    (figures) => report(figures),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
