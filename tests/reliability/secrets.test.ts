// Issue 9.8: with recognisable fake tokens, exercise the error paths of the whole app (a child process on Slack and
// Discord fakes) and scan every log line and every reply: no token or signing secret appears.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_SECRET_PATTERNS } from "../../adapters/platforms.js";
import { scrubSecrets } from "../../src/log.js";
import { freePort, waitUntil } from "../app/app-harness.js";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/fake-discord.js";
import { commandPayload } from "../fakes/discord/payloads.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import {
  blockActionsBody,
  reactionEventBody,
  sendSigned,
  slashCommandBody,
} from "../fakes/slack-requests.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const SECRETS = {
  SLACK_BOT_TOKEN: "xoxb-4242-4242-SEKRETslackBotTokenValue",
  SLACK_SIGNING_SECRET: "SEKRETsigningSecret0123456789abcdef",
  DISCORD_TOKEN: "MTEwMDAwMDAwMDAwMDAwMDAwMQ.SEKRET.SEKRETdiscordTokenValue0123456789ab",
};
/** What would betray a leak: each secret whole, and the marker every one of them carries. */
const NEEDLES = [...Object.values(SECRETS), "SEKRET"];
const APP = "1100000000000000001";
const GUILD = "2200000000000000002";
const CHANNEL = "3300000000000000003";
const ALICE = { id: "5500000000000000005", username: "alice" };
const FORM = "application/x-www-form-urlencoded";

let slack: FakeSlackApi;
let discord: FakeDiscord;
let child: ChildProcess;
let output = "";
let url = "";

beforeAll(async () => {
  slack = await startFakeSlackApi();
  slack.setChannel("C0CHAN", { id: "C0CHAN", is_member: true, name: "papers" });
  discord = await startFakeDiscord({
    applicationId: APP,
    bot: { id: "4400000000000000004", username: "paperbot" },
    guilds: [{ id: GUILD, name: "ml-lab", channels: [{ id: CHANNEL, name: "papers" }] }],
  });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD|PAPERBOT)/.test(k)),
  );
  child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "adapters", "main.ts"), "start"], {
    cwd: ROOT,
    env: {
      ...env,
      ...SECRETS,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_APPLICATION_ID: APP,
      DISCORD_API_URL: discord.apiUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "trace", // every line the app can write
      PAPERBOT_DATA_DIR: await mkdtemp(join(tmpdir(), "paperbot-secrets-")),
      PAPERBOT_CONFIG: join(ROOT, "tests", "reliability", "no-live-sources.json"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitUntil(async () => (await fetch(`${url}/healthz`)).ok, "the Slack receiver", 20_000);
}, 30_000);

afterAll(async () => {
  child?.kill("SIGTERM");
  await new Promise((done) => (child?.exitCode !== null ? done(undefined) : child.on("exit", done)));
  await slack?.close();
  await discord?.close();
});

describe("secrets stay secret", () => {
  it("never appear in a log line or a reply, through every error path", async () => {
    const events = `${url}/slack/events`;
    // A forged request (wrong secret), and a stale one.
    expect(
      (
        await sendSigned(
          events,
          slashCommandBody({ text: "help", responseUrl: slack.responseUrl("x") }),
          FORM,
          { secret: "wrong" },
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await sendSigned(
          events,
          slashCommandBody({ text: "help", responseUrl: slack.responseUrl("x") }),
          FORM,
          { secret: SECRETS.SLACK_SIGNING_SECRET, timestamp: 1 },
        )
      ).status,
    ).toBe(401);
    // Slack refuses our token when posting, and the response_url fails too.
    slack.fail("chat.postMessage", { kind: "error", error: "invalid_auth" }, 5);
    slack.failResponseUrl("t1", 500);
    await sendSigned(
      events,
      slashCommandBody({ text: "today", responseUrl: slack.responseUrl("t1") }),
      FORM,
      { secret: SECRETS.SLACK_SIGNING_SECRET },
    );
    // Slack's API answers 500 to the admin lookup behind a button, and to the channel check behind digest on.
    slack.fail("users.info", { kind: "http", status: 500 }, 5);
    slack.fail("conversations.info", { kind: "error", error: "token_revoked" }, 5);
    await sendSigned(
      events,
      blockActionsBody({
        actionId: "paperbot:save:card0",
        value: "2506.13585",
        responseUrl: slack.responseUrl("b1"),
      }),
      FORM,
      { secret: SECRETS.SLACK_SIGNING_SECRET },
    );
    await sendSigned(
      events,
      slashCommandBody({ text: "digest on 09:00", responseUrl: slack.responseUrl("d1") }),
      FORM,
      { secret: SECRETS.SLACK_SIGNING_SECRET },
    );
    await sendSigned(
      events,
      reactionEventBody({ eventId: "EvS", added: true, reaction: "bookmark" }),
      "application/json",
      { secret: SECRETS.SLACK_SIGNING_SECRET },
    );
    // Discord says 401 to the interaction callback, and 500 to the follow-up of another.
    discord.rest.failNext({
      method: "POST",
      path: /\/interactions\//,
      status: 401,
      body: { message: "401: Unauthorized", code: 0 },
    });
    discord.interact(
      commandPayload(discord.world, { guildId: GUILD, channelId: CHANNEL, user: ALICE, subcommand: "help" }),
    );
    discord.rest.failNext({
      method: "PATCH",
      path: /@original/,
      status: 500,
      body: { message: "Internal Server Error", code: 0 },
    });
    discord.interact(
      commandPayload(discord.world, { guildId: GUILD, channelId: CHANNEL, user: ALICE, subcommand: "today" }),
    );
    discord.react({
      added: true,
      guildId: GUILD,
      channelId: CHANNEL,
      messageId: "7700000000000000099",
      user: ALICE,
      emoji: "🔖",
    });
    await waitUntil(
      () =>
        slack.responses.length >= 2 &&
        /invalid_auth|token_revoked|refused|did not let me/i.test(output + JSON.stringify(slack.responses)),
      "the error paths",
      15_000,
    );
    await new Promise((done) => setTimeout(done, 1_000));

    const lines = output.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    const replies = [
      ...slack.responses.map((r) => JSON.stringify(r.body)),
      // What we sent Slack, minus the credentials Slack itself must get (the header, or a `token` form field).
      ...slack.calls.map((c) => JSON.stringify({ ...c.params, token: undefined })),
      ...discord.rest.requests.map((r) => JSON.stringify(r.body ?? null)),
    ];
    const leaks = [...lines, ...replies].filter((text) => NEEDLES.some((needle) => text.includes(needle)));
    expect(leaks).toEqual([]);
    // The app did reach its error paths (so the scan above means something).
    expect(output).toMatch(/"level":"(warn|error)"/);
  }, 40_000);

  it("scrubs a token that slips into free text", () => {
    for (const secret of [
      SECRETS.SLACK_BOT_TOKEN,
      SECRETS.DISCORD_TOKEN,
      "xapp-1-A0-SEKRET",
      `Bearer ${"a".repeat(30)}`,
    ])
      expect(scrubSecrets(`failed with ${secret} today`, PLATFORM_SECRET_PATTERNS)).not.toContain(secret);
  });
});
