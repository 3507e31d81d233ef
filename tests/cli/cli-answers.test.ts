// What the CLI tells a new user: no hidden limits, errors that point the right way.
import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliRun, runCliCaptured } from "../helpers/cli.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

const ROOT = resolve(import.meta.dirname, "../..");
let dir = "";

function cli(...args: string[]): Promise<CliRun> {
  return runCliCaptured(args, { PAPERBOT_DATA_DIR: dir }, new Date("2026-11-22T12:00:00Z"));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "paperbot-cli-answers-"));
  const ingested = await cli("ingest", "--as-of", "2026-11-22", SEEDS_DIR);
  expect(ingested.code).toBe(0);
}, 60_000);

describe("paperbot list", () => {
  it("gives every paper as JSON when no --limit is given", async () => {
    const all = JSON.parse((await cli("list", "--json")).stdout) as unknown[];
    expect(all).toHaveLength(161);
    expect(JSON.parse((await cli("list", "--json", "--limit", "3")).stdout)).toHaveLength(3);
  });

  it("tells a person reading it how many more there are", async () => {
    const run = await cli("list");
    expect(run.stdout.trim().split("\n")).toHaveLength(21);
    expect(run.stdout).toMatch(/20 of 161 papers; --limit N for more\.\n$/);
    expect((await cli("list", "--limit", "500")).stdout).not.toContain("for more");
  });
});

describe("paperbot show and save", () => {
  it("show takes the unambiguous start of a title, unquoted", async () => {
    const run = await cli("show", "The", "Role", "of", "Local", "Steps");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^The Role of Local Steps in Local SGD/);
  });

  it("an unknown paper is answered in command-line terms, not chat syntax", async () => {
    const run = await cli("save", "nosuch", "--workspace", "console:local", "--user", "ana");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("paperbot search");
    expect(run.stderr).not.toContain("/papers");
  });
});

describe("paperbot in a pipe", () => {
  it("stops quietly when the reader closes the pipe early (| head)", async () => {
    const child = spawn(
      join(ROOT, "node_modules/.bin/tsx"),
      [join(ROOT, "adapters/main.ts"), "list", "--json"],
      {
        env: { ...process.env, PAPERBOT_DATA_DIR: dir },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    // Like `head -c 1`: read the first chunk, then close the read end.
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  }, 30_000);
});

describe("errors that point the right way", () => {
  it("--date on a day the calendar lacks says so, not that the format is wrong", async () => {
    const run = await cli("digest", "--date", "2026-02-30");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("2026-02-30 is not a day of the calendar");
    expect(run.stderr).not.toContain("must be a date written");
    expect((await cli("digest", "--date", "30/02/2026")).stderr).toContain(
      "must be a date written YYYY-MM-DD",
    );
  });

  it("a data directory that is not there is named, with exit 1", async () => {
    for (const command of ["list", "stats", "search"]) {
      const run = await runCliCaptured(
        [command, ...(command === "search" ? ["sgd"] : []), "--data-dir", "/no/such/dir"],
        {},
        new Date("2026-11-22T12:00:00Z"),
      );
      expect(run.code, command).toBe(1);
      expect(run.stderr).toMatch(/^paperbot: There is no data directory at \/no\/such\/dir\./);
      expect(run.stdout).toBe("");
    }
  });

  it("a malformed PAPERBOT_STORE_URL is one sentence and exit 1, without its password", async () => {
    const run = await runCliCaptured(
      ["stats"],
      { PAPERBOT_STORE_URL: "postgres://u:pw-s3cret@127.0.0.1:notaport/db" },
      new Date(),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^paperbot: PAPERBOT_STORE_URL is not a valid URL/);
    expect(run.stderr).not.toContain("s3cret");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("an unreachable PostgreSQL store does not say paperbot twice", async () => {
    const run = await runCliCaptured(
      ["stats"],
      { PAPERBOT_STORE_URL: "postgres://u:pw-s3cret@127.0.0.1:1/db" },
      new Date(),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^paperbot: Could not open the PostgreSQL store/);
    expect(run.stderr).not.toContain("s3cret");
  });

  it("one refused file is not told about other files", async () => {
    const bad = join(dir, "not-a-listing.txt");
    await writeFile(bad, "this is not a paper listing\n");
    const run = await cli("ingest", bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("The file was not read (see above). Nothing was stored");
    expect(run.stderr).not.toMatch(/1 of 1|other files/);
  });
});
