import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliRun, runCliCaptured } from "../helpers/cli.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

function cli(dataDir: string, ...args: string[]): Promise<CliRun> {
  return runCliCaptured(args, { PAPERBOT_DATA_DIR: dataDir }, new Date("2026-11-22T12:00:00Z"));
}

async function freshDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "paperbot-cli-"));
}

describe("paperbot CLI", () => {
  it("ingests the seeds into 161 papers, and a second run adds and changes nothing", async () => {
    const dir = await freshDir();
    const first = await cli(dir, "ingest", "--as-of", "2026-11-22", SEEDS_DIR);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain("read 168, new 161, updated 0, unchanged 0, rejected 0");
    const corpus = await readFile(join(dir, "papers.json"), "utf8");
    const second = await cli(dir, "ingest", "--as-of", "2026-11-22", SEEDS_DIR, "--json");
    expect(JSON.parse(second.stdout)).toMatchObject({
      read: 168,
      new: 0,
      updated: 0,
      unchanged: 168,
      rejected: 0,
    });
    expect(await readFile(join(dir, "papers.json"), "utf8")).toBe(corpus);
  });

  it("lists, shows and counts what it stored", async () => {
    const dir = await freshDir();
    await cli(dir, "ingest", "--as-of", "2026-11-22", SEEDS_DIR);
    const list = JSON.parse((await cli(dir, "list", "--limit", "5", "--json")).stdout);
    expect(list).toHaveLength(5);
    expect(list[0]).toHaveProperty("id");
    const all = JSON.parse((await cli(dir, "list", "--limit", "1000", "--json")).stdout) as {
      id: string;
      title: string;
    }[];
    const minimax = all.find((p) => p.title.startsWith("MiniMax-M1"));
    const shown = JSON.parse((await cli(dir, "show", minimax?.id ?? "", "--json")).stdout);
    expect(shown).toMatchObject({ upvotes: 6, published: "2025-06-16", authorCount: 127 });
    const text = (await cli(dir, "show", minimax?.id ?? "")).stdout;
    expect(text).toContain("MiniMax-M1: Scaling Test-Time Compute");
    const stats = JSON.parse((await cli(dir, "stats", "--json")).stdout);
    expect(stats.papers).toBe(161);
  });

  it("answers mistakes with a sentence on stderr and a non-zero exit code", async () => {
    const dir = await freshDir();
    const missing = await cli(dir, "show", "2406.99999");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/I don't know a paper "2406.99999"\. Find ids with `paperbot search/);
    const badLimit = await cli(dir, "list", "--limit", "x");
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toMatch(/whole number/);
    const badDate = await cli(dir, "ingest", "--as-of", "2026-02-30");
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/YYYY-MM-DD/);
    const noPath = await cli(dir, "ingest", join(dir, "nope.txt"));
    expect(noPath).toMatchObject({ code: 1 });
    expect(noPath.stderr).toMatch(/does not exist/);
  });

  it("rejects a file in neither layout, keeps the rest, and leaves stored papers intact", async () => {
    const dir = await freshDir();
    await cli(dir, "ingest", "--as-of", "2026-11-22", SEEDS_DIR);
    const before = await readFile(join(dir, "papers.json"), "utf8");
    const garbage = join(dir, "garbage.txt");
    await writeFile(garbage, "<html>\n<body>not a listing</body>\n");
    const run = await cli(dir, "ingest", garbage);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/rejected: garbage\.txt is not a paper listing/);
    expect(run.stderr).toMatch(/The file was not read/);
    expect(await readFile(join(dir, "papers.json"), "utf8")).toBe(before);
  });

  it("refuses an unreadable store instead of overwriting it", async () => {
    const dir = await freshDir();
    await writeFile(join(dir, "papers.json"), "{broken");
    const run = await cli(dir, "ingest", SEEDS_DIR);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/papers\.json could not be read/);
    expect(await readFile(join(dir, "papers.json"), "utf8")).toBe("{broken");
  });

  it("searches with JSON in rank order, with TL;DRs and key phrases", async () => {
    const dir = await freshDir();
    await cli(dir, "ingest", "--as-of", "2026-11-22", SEEDS_DIR);
    const results = JSON.parse((await cli(dir, "search", "local", "sgd", "--limit", "3", "--json")).stdout);
    expect(results).toHaveLength(3);
    for (const key of ["id", "title", "authors", "published", "upvotes", "tldr", "keyphrases", "score"]) {
      expect(results[0]).toHaveProperty(key);
    }
    expect(results[0].title).toMatch(/Local SGD/);
    expect(results[0].score).toBeGreaterThanOrEqual(results[1].score);
    expect(results[0].tldr.length).toBeLessThanOrEqual(280);
    const bad = await cli(dir, "search", "foo:bar");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/I don't know the filter "foo:"/);
  });

  it("saves and un-saves through the reaction's code path, and the digest follows the team", async () => {
    const dir = await freshDir();
    await cli(dir, "ingest", "--as-of", "2026-11-22", SEEDS_DIR);
    const before = JSON.parse(
      (await cli(dir, "digest", "--workspace", "slack:T1", "--channel", "C1", "--json")).stdout,
    );
    expect(before).toHaveLength(5);
    expect(before[0]).toEqual({
      id: expect.any(String),
      title: expect.any(String),
      score: expect.any(Number),
      reasons: expect.any(Array),
    });
    const merging = JSON.parse(
      (await cli(dir, "search", "model merging", "--limit", "3", "--json")).stdout,
    ) as { id: string }[];
    for (const [i, paper] of merging.entries()) {
      expect((await cli(dir, "save", paper.id, "--workspace", "slack:T1", "--user", `U${i}`)).stdout).toMatch(
        /^saved: /,
      );
    }
    expect(
      (await cli(dir, "save", merging[0]?.id ?? "", "--workspace", "slack:T1", "--user", "U0")).stdout,
    ).toMatch(/^already saved/);
    const after = JSON.parse(
      (await cli(dir, "digest", "--workspace", "slack:T1", "--channel", "C1", "--json")).stdout,
    ) as {
      title: string;
      reasons: string[];
    }[];
    expect(after.filter((h) => /merg/i.test(h.title)).length).toBeGreaterThanOrEqual(2);
    expect(after.some((h) => h.reasons.some((r) => /people here saved|someone here/.test(r)))).toBe(true);
    expect(
      (await cli(dir, "unsave", merging[0]?.id ?? "", "--workspace", "slack:T1", "--user", "U0")).stdout,
    ).toMatch(/^un-saved/);
    const badWorkspace = await cli(
      dir,
      "save",
      merging[0]?.id ?? "",
      "--workspace",
      "nowhere",
      "--user",
      "U",
    );
    expect(badWorkspace.stderr).toMatch(/Write it as platform:id/);
  });
});
