// A workspace removes paperbot: the real Bolt app receives signed app_uninstalled / tokens_revoked events over HTTP,
// the real core turns that workspace's digests off, and its token leaves the installations file.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFileInstallationStore,
  createSlackAdapter,
  type SlackAdapter,
} from "../../../adapters/slack/index.js";
import type { Core } from "../../../src/core.js";
import { runDueDigests } from "../../../src/digest/scheduler.js";
import { channelKey, workspaceKey } from "../../../src/places.js";
import type { Subscription } from "../../../src/store/records.js";
import type { Store } from "../../../src/store/store.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { localAdapterOptions, sendSigned } from "../../fakes/slack-requests.js";
import { memoryLogger, seededCore, testSettings } from "../../helpers/core.js";

const JSON_TYPE = "application/json";
/** Installed through the OAuth flow (the fake's oauth.v2.access answers for this team). */
const LEAVING = "T0OTHER";
const LEAVING_TOKEN = "xoxb-installed-token";
/** Another workspace, installed too, that stays. */
const STAYING = "T0KEEP";
const STAYING_TOKEN = "xoxb-keep-token";
/** Every subscription below posts at 09:00 UTC; this tick is five minutes after. */
const DIGEST_TICK = new Date("2026-11-22T09:05:00Z");

let api: FakeSlackApi;
let adapter: SlackAdapter;
let core: Core & { store: Store };
let dataDir: string;
let installationsFile: string;
let logs: () => string[];
let eventCounter = 0;

function subscription(workspaceId: string, channelId: string): Subscription {
  return {
    channel: channelKey("slack", workspaceId, channelId),
    platform: "slack",
    workspaceId,
    channelId,
    time: "09:00",
    timeZone: "UTC",
    size: 2,
    topics: [],
    excluded: [],
    createdBy: "U0ALICE",
    createdAt: "2026-01-01T00:00:00Z",
  };
}

/** An Events API envelope as Slack sends it for app_uninstalled / tokens_revoked. */
function removalBody(
  type: "app_uninstalled" | "tokens_revoked",
  teamId: string,
  tokens?: { oauth?: string[]; bot?: string[] },
): string {
  eventCounter += 1;
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: teamId,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: `Ev0REMOVE${eventCounter}`,
    event_time: 1700000100,
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: "U0BOT2", is_bot: true, is_enterprise_install: false },
    ],
    event: { type, ...(tokens ? { tokens } : {}), event_ts: "1700000100.000100" },
  });
}

async function send(body: string, options: Parameters<typeof sendSigned>[3] = {}): Promise<Response> {
  const res = await sendSigned(`${adapter.url}/slack/events`, body, JSON_TYPE, options);
  await adapter.idle();
  return res;
}

async function install(): Promise<void> {
  const start = await fetch(`${adapter.url}/slack/install`, { redirect: "manual" });
  const state = new URL(start.headers.get("location") ?? "").searchParams.get("state") ?? "";
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const done = await fetch(
    `${adapter.url}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`,
    { headers: { cookie }, redirect: "manual" },
  );
  expect(done.status).toBe(200);
}

async function installedTeams(): Promise<string[]> {
  const stored = JSON.parse(await readFile(installationsFile, "utf8")) as Record<string, unknown>;
  return Object.keys(stored).sort();
}

function subscribedChannels(): string[] {
  return core.store
    .subscriptions()
    .map((s) => s.channel)
    .sort();
}

/** One scheduler tick at the digest time, posting through the real adapter. */
async function digestTick(): Promise<void> {
  const { store, search, settings, log } = core.deps;
  await runDueDigests({ store, search, settings, log, ports: { slack: adapter } }, DIGEST_TICK);
}

function postsTo(channelId: string) {
  return api.callsTo("chat.postMessage").filter((call) => call.params.channel === channelId);
}

beforeEach(async () => {
  api = await startFakeSlackApi();
  api.setAuth({ team_id: LEAVING, user_id: "U0BOT2", bot_id: "B0BOT2", user: "paperbot" });
  dataDir = await mkdtemp(join(tmpdir(), "paperbot-slack-uninstall-"));
  installationsFile = join(dataDir, "slack-installations.json");
  core = await seededCore({ settings: testSettings(), now: () => DIGEST_TICK });
  const memory = memoryLogger();
  logs = memory.lines;
  const installationStore = createFileInstallationStore(installationsFile);
  adapter = createSlackAdapter({
    ...localAdapterOptions(api),
    processBeforeResponse: true,
    logger: memory.log,
    oauth: {
      clientId: "123.456",
      clientSecret: "client-secret",
      stateSecret: "state-secret-long-enough",
      installationStore,
    },
  });
  await adapter.start(core.bot);
  await install();
  await installationStore.storeInstallation({
    team: { id: STAYING, name: "Keep Team" },
    enterprise: undefined,
    isEnterpriseInstall: false,
    bot: { token: STAYING_TOKEN, scopes: ["chat:write"], id: "B0KEEP", userId: "U0BOTK" },
    user: { id: "U0KEEPER", token: undefined, scopes: undefined },
    appId: "A0APP",
    authVersion: "v2",
  });
  for (const [team, channel] of [
    [LEAVING, "C0LEAVE1"],
    [LEAVING, "C0LEAVE2"],
    [STAYING, "C0KEEP"],
  ] as const) {
    await core.store.putSubscription(subscription(team, channel));
  }
  const paperId = core.store.corpus.all().next().value?.id ?? "";
  await core.store.addSave({
    workspace: workspaceKey("slack", LEAVING),
    userId: "U0ALICE",
    paperId,
    savedAt: "2026-11-20T10:00:00Z",
  });
  expect(await installedTeams()).toEqual([`T::${STAYING}`, `T::${LEAVING}`]);
});

afterEach(async () => {
  await adapter.stop();
  await api.close();
  await core.store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("a Slack workspace removing paperbot", () => {
  it("app_uninstalled forgets that workspace's token and turns its digests off; another workspace is untouched", async () => {
    expect((await send(removalBody("app_uninstalled", LEAVING))).status).toBe(200);

    expect(await installedTeams()).toEqual([`T::${STAYING}`]);
    expect(subscribedChannels()).toEqual([channelKey("slack", STAYING, "C0KEEP")]);
    // Saves stay, for a reinstall.
    expect(core.store.savesIn(workspaceKey("slack", LEAVING))).toHaveLength(1);

    // The next digest tick posts in the staying workspace only, with its own token.
    await digestTick();
    expect(postsTo("C0LEAVE1")).toHaveLength(0);
    expect(postsTo("C0LEAVE2")).toHaveLength(0);
    expect(postsTo("C0KEEP").length).toBeGreaterThan(0);
    for (const call of api.callsTo("chat.postMessage")) expect(call.token).toBe(STAYING_TOKEN);

    // One line says what happened, with ids and counts and no token.
    const removed = logs().filter((line) => line.includes("removed from a Slack workspace"));
    expect(removed).toHaveLength(1);
    expect(JSON.parse(removed[0] as string)).toMatchObject({
      event: "app_uninstalled",
      workspaceId: LEAVING,
      installationDeleted: true,
      digestsTurnedOff: 2,
    });
    expect(logs().join("\n")).not.toMatch(/xoxb-/);
  });

  it("tokens_revoked after app_uninstalled, and a re-delivery, change nothing more and fail nothing", async () => {
    await send(removalBody("app_uninstalled", LEAVING));
    await send(removalBody("app_uninstalled", LEAVING), {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(
      (await send(removalBody("tokens_revoked", LEAVING, { oauth: ["U0INSTALLER"], bot: ["U0BOT2"] })))
        .status,
    ).toBe(200);

    expect(await installedTeams()).toEqual([`T::${STAYING}`]);
    expect(subscribedChannels()).toEqual([channelKey("slack", STAYING, "C0KEEP")]);
    expect(logs().filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });

  it("tokens_revoked for the bot token alone does what app_uninstalled does", async () => {
    await send(removalBody("tokens_revoked", LEAVING, { bot: ["U0BOT2"] }));

    expect(await installedTeams()).toEqual([`T::${STAYING}`]);
    expect(subscribedChannels()).toEqual([channelKey("slack", STAYING, "C0KEEP")]);
  });

  it("tokens_revoked for user tokens only leaves the bot installed and its digests on", async () => {
    expect((await send(removalBody("tokens_revoked", LEAVING, { oauth: ["U0INSTALLER"] }))).status).toBe(200);

    expect(await installedTeams()).toEqual([`T::${STAYING}`, `T::${LEAVING}`]);
    expect(subscribedChannels()).toHaveLength(3);
    await digestTick();
    expect(postsTo("C0LEAVE1").length).toBeGreaterThan(0);
    expect(postsTo("C0LEAVE1")[0]?.token).toBe(LEAVING_TOKEN);
    expect(logs().filter((line) => line.includes("removed from a Slack workspace"))).toEqual([]);
  });

  it("a forged or unsigned app_uninstalled is refused and changes nothing", async () => {
    const forged = await send(removalBody("app_uninstalled", LEAVING), { secret: "not-the-signing-secret" });
    expect(forged.status).toBe(401);

    const unsigned = await fetch(`${adapter.url}/slack/events`, {
      method: "POST",
      headers: { "content-type": JSON_TYPE },
      body: removalBody("app_uninstalled", LEAVING),
    });
    expect(unsigned.status).toBe(401);

    const stale = await send(removalBody("app_uninstalled", LEAVING), {
      timestamp: Math.floor(Date.now() / 1000) - 60 * 60,
    });
    expect(stale.status).toBe(401);

    expect(await installedTeams()).toEqual([`T::${STAYING}`, `T::${LEAVING}`]);
    expect(subscribedChannels()).toHaveLength(3);
    expect(logs().filter((line) => line.includes("removed from a Slack workspace"))).toEqual([]);
  });

  it("with a single bot token (no OAuth), app_uninstalled still turns that workspace's digests off", async () => {
    const single = createSlackAdapter({
      botToken: "xoxb-test-token",
      ...localAdapterOptions(api),
      processBeforeResponse: true,
    });
    await core.store.putSubscription(subscription("T0TEAM", "C0SOLO"));
    await single.start(core.bot);
    try {
      const res = await sendSigned(
        `${single.url}/slack/events`,
        removalBody("app_uninstalled", "T0TEAM"),
        JSON_TYPE,
      );
      await single.idle();
      expect(res.status).toBe(200);
    } finally {
      await single.stop();
    }
    expect(core.store.subscription(channelKey("slack", "T0TEAM", "C0SOLO"))).toBeUndefined();
    expect(subscribedChannels()).toHaveLength(3);
    expect(await installedTeams()).toEqual([`T::${STAYING}`, `T::${LEAVING}`]);
  });
});
