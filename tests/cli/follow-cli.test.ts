// paperbot follow, unfollow and follows: a channel's follows from the terminal, with the chat's rules.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliRun, runCliCaptured } from "../helpers/cli.js";

let dir = "";

function cli(...args: string[]): Promise<CliRun> {
  return runCliCaptured(args, { PAPERBOT_DATA_DIR: dir }, new Date("2026-11-22T12:00:00Z"));
}

const place = ["--workspace", "slack:T1", "--channel", "C1"];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "paperbot-follow-cli-"));
});

describe("paperbot follow", () => {
  it("follows, lists as JSON, and unfollows", async () => {
    expect((await cli("follow", 'author:"Tri Dao"', ...place)).stdout).toBe(
      'slack:T1:C1 now follows author:"Tri Dao"\n',
    );
    expect((await cli("follow", "org:openbmb", "now", ...place)).stdout).toContain("(alerts on)");
    const listed = JSON.parse((await cli("follows", ...place, "--json")).stdout);
    expect(listed).toEqual([
      {
        query: 'author:"Tri Dao"',
        alert: false,
        createdBy: "cli",
        createdAt: "2026-11-22T12:00:00.000Z",
        lastMatchedAt: null,
      },
      {
        query: "org:openbmb",
        alert: true,
        createdBy: "cli",
        createdAt: "2026-11-22T12:00:00.000Z",
        lastMatchedAt: null,
      },
    ]);
    expect((await cli("follows", "--workspace", "slack:T1", "--channel", "C2")).stdout).toContain(
      "follows nothing",
    );
    expect((await cli("unfollow", "1", ...place)).stdout).toContain('no longer follows author:"Tri Dao"');
    expect(JSON.parse((await cli("follows", ...place, "--json")).stdout)).toHaveLength(1);
  });

  it("refuses a query the language refuses, and a bad workspace, with the reason", async () => {
    const bad = await cli("follow", "foo:bar", ...place);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('I don\'t know the filter "foo:"');
    const nowhere = await cli("follow", "x", "--workspace", "nowhere", "--channel", "C1");
    expect(nowhere.stderr).toContain("is not a workspace");
  });
});
