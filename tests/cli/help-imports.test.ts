// `paperbot --help` loads only the command line itself: the settings schema, the store, the index and the SDKs wait for a command.
import { spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The URL of every module `paperbot ARGS` loads (from the TypeScript sources), by a module hook that prints them. */
async function modulesLoadedBy(args: string[]): Promise<{ modules: string[]; stdout: string }> {
  const dir = await mkdtemp(join(tmpdir(), "paperbot-imports-"));
  const hook = join(dir, "hook.mjs");
  await writeFile(
    hook,
    `export async function load(url, context, next) { process._rawDebug("LOADED " + url); return next(url, context); }\n`,
  );
  const register = join(dir, "register.mjs");
  await writeFile(
    register,
    `import { register } from "node:module"; register(${JSON.stringify(pathToFileURL(hook).href)});\n`,
  );
  const run = spawnSync(process.execPath, ["--import", register, join(ROOT, "bin/paperbot.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PAPERBOT_FROM_SOURCE: "1" },
  });
  expect(run.status).toBe(0);
  const modules = run.stderr
    .split("\n")
    .filter((line) => line.startsWith("LOADED "))
    .map((line) => line.slice("LOADED ".length));
  return { modules, stdout: run.stdout };
}

const HEAVY = [
  /node_modules\/(zod|lowdb|ky|natural|pino|discord\.js|@slack|pg|openai)\//,
  /\/src\/(config|core|log)\.ts$/,
  /\/src\/(search|taste|store\/postgres|summarize)\//,
  /\/src\/store\/low-store\.ts$/,
];

describe("paperbot --help", () => {
  it("lists the commands without loading what the commands run on", async () => {
    const { modules, stdout } = await modulesLoadedBy(["--help"]);
    expect(stdout).toContain("search");
    expect(modules.some((url) => url.endsWith("/src/cli.ts"))).toBe(true);
    const heavy = modules.filter((url) => HEAVY.some((pattern) => pattern.test(url)));
    expect(heavy).toEqual([]);
  }, 60_000);
});
