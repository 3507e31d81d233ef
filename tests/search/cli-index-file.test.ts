// The command line's search reuses the bot's index file: written when missing or unreadable, left alone while another paperbot holds the directory.
import { mkdtemp, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readIndexFile } from "../../src/search/index-file.js";
import { INDEX_FILE_NAME } from "../../src/search/paper-search.js";
import { DataDirLock } from "../../src/store/data-dir-lock.js";
import { type CliRun, runCliCaptured } from "../helpers/cli.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

function cli(dataDir: string, ...args: string[]): Promise<CliRun> {
  return runCliCaptured(args, { PAPERBOT_DATA_DIR: dataDir }, new Date("2026-11-22T12:00:00Z"));
}

async function seededDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "paperbot-cli-index-"));
  expect((await cli(dir, "ingest", "--as-of", "2026-11-22", SEEDS_DIR)).code).toBe(0);
  return dir;
}

const searchIds = async (dir: string, ...query: string[]): Promise<string[]> => {
  const run = await cli(dir, "search", ...query, "--limit", "5", "--json");
  expect(run).toMatchObject({ code: 0, stderr: "" });
  return (JSON.parse(run.stdout) as { id: string }[]).map((paper) => paper.id);
};

describe("paperbot search and the index file", () => {
  it("writes the index file on its first search and answers the same from it afterwards", async () => {
    const dir = await seededDir();
    const file = join(dir, INDEX_FILE_NAME);
    const built = await searchIds(dir, "local", "sgd");
    const snapshot = await readIndexFile(file);
    expect(snapshot?.live).toBe(161);
    const written = (await stat(file)).mtimeMs;
    expect(await searchIds(dir, "local", "sgd")).toEqual(built);
    expect(await searchIds(dir, "model", "merging")).toHaveLength(5);
    // Up to date: nothing to write again.
    expect((await stat(file)).mtimeMs).toBe(written);
  });

  it("replaces an unreadable index file with a good one", async () => {
    const dir = await seededDir();
    const file = join(dir, INDEX_FILE_NAME);
    await writeFile(file, "not an index");
    expect(await searchIds(dir, "lip", "sync")).not.toEqual([]);
    expect((await readIndexFile(file))?.live).toBe(161);
  });

  it("writes nothing while another paperbot holds the data directory, and still answers", async () => {
    const dir = await seededDir();
    const lock = await DataDirLock.acquire(dir, { purpose: "bot" });
    try {
      expect(await searchIds(dir, "local", "sgd")).toHaveLength(5);
      await expect(stat(join(dir, INDEX_FILE_NAME))).rejects.toThrow(/ENOENT/);
      expect(lock.current).toBe(true);
    } finally {
      await lock.release();
    }
  });
});
