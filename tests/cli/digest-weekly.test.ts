// `paperbot digest --weekly`: the weekly team digest a channel would get now, as text or JSON, claiming nothing.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliRun, runCliCaptured } from "../helpers/cli.js";
import { SEEDS_DIR } from "../helpers/seeds.js";

function cli(dataDir: string, ...args: string[]): Promise<CliRun> {
  return runCliCaptured(args, { PAPERBOT_DATA_DIR: dataDir }, new Date("2026-11-22T12:00:00Z"));
}

describe("paperbot digest --weekly", () => {
  it("previews the week's most saved papers with who saved them, then the best unsaved, in message order", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-weekly-cli-"));
    await cli(dir, "ingest", "--as-of", "2026-11-22", SEEDS_DIR);
    const merging = JSON.parse(
      (await cli(dir, "search", "model merging", "--limit", "2", "--json")).stdout,
    ) as {
      id: string;
    }[];
    const [first, second] = merging.map((p) => p.id) as [string, string];
    await cli(dir, "save", first, "--workspace", "slack:T1", "--user", "U0ALICE");
    await cli(dir, "save", first, "--workspace", "slack:T1", "--user", "U0BOB");
    await cli(dir, "save", second, "--workspace", "slack:T1", "--user", "U0BOB");
    const run = await cli(dir, "digest", "--weekly", "--workspace", "slack:T1", "--channel", "C1", "--json");
    expect(run.code).toBe(0);
    const entries = JSON.parse(run.stdout) as {
      id: string;
      title: string;
      section: string;
      reason: string;
      onMessage: boolean;
    }[];
    expect(entries.slice(0, 2)).toEqual([
      {
        id: first,
        title: expect.any(String),
        section: "saved",
        reason: "🔖 saved by 2 people this week: U0ALICE, U0BOB",
        onMessage: true,
      },
      expect.objectContaining({
        id: second,
        section: "saved",
        reason: "🔖 saved by 1 person this week: U0BOB",
      }),
    ]);
    expect(entries.filter((e) => e.onMessage).length).toBeLessThanOrEqual(9);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const text = await cli(
      dir,
      "digest",
      "--weekly",
      "--workspace",
      "slack:T1",
      "--channel",
      "C1",
      "--limit",
      "3",
    );
    expect(text.stdout.split("\n")[0]).toMatch(/^1\. .+ \[p?[\w.]+\]$/);
    expect(text.stdout).toContain("saved by 2 people this week: U0ALICE, U0BOB");
    // Another workspace saved nothing.
    const other = await cli(
      dir,
      "digest",
      "--weekly",
      "--workspace",
      "slack:T9",
      "--channel",
      "C1",
      "--json",
    );
    expect((JSON.parse(other.stdout) as { section: string }[]).every((e) => e.section !== "saved")).toBe(
      true,
    );
  });
});
