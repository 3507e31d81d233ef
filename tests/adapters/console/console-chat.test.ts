import { spawnSync } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LowStore } from "../../../src/store/low-store.js";
import { chat } from "./console-session.js";

const ROOT = resolve(import.meta.dirname, "../../..");

/** The part of the output after the line that echoes a marker command. */
function textAfter(out: string, marker: string): string {
  const index = out.indexOf(marker);
  expect(index, `marker ${marker}`).toBeGreaterThanOrEqual(0);
  return out.slice(index + marker.length);
}

describe("the console chat", () => {
  it("ingests the seeds on first start and shows the digest for #general", async () => {
    const { out } = await chat([]);
    expect(out).toContain("paperbot: 161 papers. No Slack or Discord tokens set");
    expect(out).toMatch(/#1 📚 Today's 5 paper highlights/);
    expect(out.match(/^#[2-6] /gm)).toHaveLength(5);
  });

  it("searches, pages with the More button, shows a paper, and finds similar ones", async () => {
    const { out } = await chat(["search local sgd", ":press 6", "show 2506.99999", "similar"]);
    expect(out).toMatch(
      /\(only you\) Papers for "local sgd" \(1–5 of \d+\)\n1\. The Role of Local Steps in Local SGD/,
    );
    expect(out).toMatch(/\(only you\) Papers for "local sgd" \(6–/);
    expect(out).toContain('I don\'t know a paper "2506.99999"');
    expect(out).toContain("Which paper? Type `/papers similar <paper id>`");
  });

  it("saves by reaction and by button, un-saves, lists and exports saves", async () => {
    const { out, dir } = await chat([
      ":react 2 bookmark",
      'search "role of local steps"',
      ":press 1",
      "saved",
      ":unreact 2 bookmark",
      "saved",
      "export",
      ":user ana",
      ":react 3 star",
      "saved team",
    ]);
    const firstSaved = textAfter(out, "(only you) Your saved papers (2)");
    expect(firstSaved).toMatch(/The Role of Local Steps in Local SGD/);
    expect(textAfter(out, "(removed reaction :bookmark: on #2)")).toMatch(
      /^\n\(only you\) Your saved papers \(1\)/,
    );
    expect(out).toMatch(/@misc\{qin2022role,\n {2}title = \{\{The Role of Local Steps in Local SGD\}\}/);
    expect(textAfter(out, "(you are now ana)")).toMatch(/Most saved here \(2 papers\)/);
    const store = await LowStore.openReadOnly(dir);
    expect(
      store
        .savesIn("console:local")
        .map((s) => s.userId)
        .sort(),
    ).toEqual(["ana", "you"]);
  });

  it("ignores a reaction on a message it never posted, and a non-save emoji", async () => {
    const { out, dir } = await chat([":react 99 bookmark", ":react 2 tada", "saved"]);
    expect(out).toContain("(no message #99 here");
    expect(out).toContain("You have no saved papers yet.");
    expect((await LowStore.openReadOnly(dir)).savesIn("console:local")).toEqual([]);
  });

  it("turns the digest on, reports its status and turns it off", async () => {
    const { out } = await chat([
      "digest on 08:30 Europe/Berlin merging -vision",
      "digest status",
      "digest size 3",
      "digest off",
      "digest status",
    ]);
    expect(out).toMatch(
      /Turned on this channel's digest: daily at 08:30 \(Europe\/Berlin\), 5 papers, topics: merging, excluding: vision\./,
    );
    expect(out).toMatch(/Next post: 2026-11-23 08:30 \(Europe\/Berlin\)\./);
    expect(out).toMatch(/Source listing files: last ingested 2026-11-22T12:00:00\.000Z/);
    expect(out).toContain("now posts 3 papers a day");
    expect(out).toContain("Turned off this channel's digest.");
    expect(out).toContain("This channel has no digest. Turn it on with");
  });

  it("answers help, bad input and hostile input clearly and privately, and keeps the store intact", async () => {
    const huge = "x".repeat(2 * 1024 * 1024);
    const { out, dir } = await chat([
      "help",
      "digest on 25:99",
      "digest on 09:00 Mars/Olympus",
      "digest sometimes",
      "saved everyone",
      "search",
      `search ${huge}`,
      "search author:",
      "search foo:bar",
      ":press 9",
      ":bogus",
      "search \u0007\u001b[2Jlocal\u0000 sgd",
    ]);
    expect(out).toContain("(only you) paperbot brings research papers into this channel. Commands:");
    expect(out).toContain('"25:99" is not a time of day.');
    expect(out).toContain('"Mars/Olympus" is not a time zone I know.');
    expect(out).toContain("`digest sometimes` is not something I can do.");
    expect(out).toContain('`saved` takes "mine" or "team"');
    expect(out).toContain("Search for what?");
    expect(out).toMatch(/That command is 2,097,\d{3} characters long; paperbot reads up to 1,000\./);
    expect(out).toContain("(no button 9");
    expect(out).toContain("(unknown console command :bogus");
    expect(out).not.toContain("\u001b[2J");
    expect(out).toMatch(/Papers for "local sgd"/);
    expect(out).not.toContain("something went wrong");
    const store = await LowStore.openReadOnly(dir);
    expect(store.corpus.size).toBe(161);
  });

  it("starts from `npm start`'s entry on a fresh data dir with no tokens, showing the digest and a working prompt", async () => {
    const dir = await mkdtemp(join(tmpdir(), "paperbot-start-"));
    const env: Record<string, string | undefined> = { ...process.env, PAPERBOT_DATA_DIR: dir };
    for (const name of [
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
      "SLACK_APP_TOKEN",
      "DISCORD_TOKEN",
      "DISCORD_APPLICATION_ID",
    ])
      delete env[name];
    const run = spawnSync(process.execPath, [join(ROOT, "bin/paperbot.js"), "start"], {
      input: "search model merging\n",
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Today's digest for #general:");
    expect(run.stdout).toMatch(/Papers for "model merging" \(1–5 of/);
  });
});
