// Multi-workspace install end to end: OAuth against the fake Slack, tokens kept in a JSON file, events per team.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFileInstallationStore,
  createSlackAdapter,
  type SlackAdapter,
} from "../../../adapters/slack/index.js";
import { createFakeBot, type FakeBot } from "../../fakes/fake-bot.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { localAdapterOptions, sendSigned, slashCommandBody } from "../../fakes/slack-requests.js";
import { slackReplies } from "./canned-replies.js";

let api: FakeSlackApi;
let adapter: SlackAdapter;
let bot: FakeBot;
let dataDir: string;

beforeEach(async () => {
  api = await startFakeSlackApi();
  // auth.test answers for the newly installed bot.
  api.setAuth({ team_id: "T0OTHER", user_id: "U0BOT2", bot_id: "B0BOT2", user: "paperbot" });
  dataDir = await mkdtemp(join(tmpdir(), "paperbot-slack-"));
  bot = createFakeBot(slackReplies);
  adapter = createSlackAdapter({
    ...localAdapterOptions(api),
    processBeforeResponse: true,
    oauth: {
      clientId: "123.456",
      clientSecret: "client-secret",
      stateSecret: "state-secret-long-enough",
      installationStore: createFileInstallationStore(join(dataDir, "slack-installations.json")),
    },
  });
  await adapter.start(bot);
});

afterEach(async () => {
  await adapter.stop();
  await api.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function install(): Promise<Response> {
  const start = await fetch(`${adapter.url}/slack/install`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const location = new URL(start.headers.get("location") ?? "");
  expect(location.origin + location.pathname).toBe("https://slack.com/oauth/v2/authorize");
  expect(location.searchParams.get("scope")).toBe(
    "commands,chat:write,reactions:read,channels:read,groups:read,users:read,app_mentions:read",
  );
  const state = location.searchParams.get("state") ?? "";
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return fetch(`${adapter.url}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: "manual",
  });
}

describe("Slack adapter with OAuth (multi-workspace)", () => {
  it("installs into a workspace, stores its token privately, and serves that workspace", async () => {
    const done = await install();
    expect(done.status).toBe(200);
    expect(api.callsTo("oauth.v2.access")).toHaveLength(1);

    const file = join(dataDir, "slack-installations.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, "utf8")) as Record<string, { bot: { token: string } }>;
    expect(stored["T::T0OTHER"]?.bot.token).toBe("xoxb-installed-token");

    const body = slashCommandBody({
      text: "search local sgd",
      teamId: "T0OTHER",
      responseUrl: api.responseUrl("o1"),
    });
    expect(
      (await sendSigned(`${adapter.url}/slack/events`, body, "application/x-www-form-urlencoded")).status,
    ).toBe(200);
    expect(bot.events[0]).toMatchObject({ type: "command", actor: { workspaceId: "T0OTHER" } });
    expect(api.callsTo("chat.postMessage")[0]?.token).toBe("xoxb-installed-token");

    const ref = await adapter.post(
      { platform: "slack", workspaceId: "T0OTHER", channelId: "C9" },
      { text: "Digest" },
    );
    expect(ref.workspaceId).toBe("T0OTHER");
    expect(api.callsTo("chat.postMessage")[1]?.token).toBe("xoxb-installed-token");
  });

  it("refuses to post to a workspace it was never installed in", async () => {
    await expect(
      adapter.post({ platform: "slack", workspaceId: "T0NOPE", channelId: "C1" }, { text: "x" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("acks but ignores events from a workspace without an installation", async () => {
    const body = slashCommandBody({ text: "help", teamId: "T0NOPE", responseUrl: api.responseUrl("o2") });
    const res = await sendSigned(`${adapter.url}/slack/events`, body, "application/x-www-form-urlencoded");
    // Bolt acks (so Slack does not retry) and calls no listener.
    expect(res.status).toBe(200);
    expect(bot.events).toHaveLength(0);
    expect(api.responses).toHaveLength(0);
  });
});
