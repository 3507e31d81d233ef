// Slack and Discord in one process: one core and one store, each workspace seeing only its own saves.
import { afterEach, describe, expect, it } from "vitest";
import { LowStore } from "../../src/store/low-store.js";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/fake-discord.js";
import { commandPayload } from "../fakes/discord/payloads.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import { SIGNING_SECRET, sendSigned, slashCommandBody } from "../fakes/slack-requests.js";
import { freePort, type RunningApp, startApp, tempDataDir, waitUntil } from "./app-harness.js";

const APP = "1100000000000000001";
const GUILD = "2200000000000000002";
const CHANNEL = "3300000000000000003";

let app: RunningApp | undefined;
let slack: FakeSlackApi | undefined;
let discord: FakeDiscord | undefined;
afterEach(async () => {
  await app?.stop();
  await slack?.close();
  await discord?.close();
  app = undefined;
  slack = undefined;
  discord = undefined;
});

describe("Slack and Discord together", () => {
  it("serve both platforms from one process and keep their workspaces apart", async () => {
    slack = await startFakeSlackApi();
    discord = await startFakeDiscord({
      applicationId: APP,
      bot: { id: "4400000000000000004", username: "paperbot" },
      guilds: [{ id: GUILD, name: "lab", channels: [{ id: CHANNEL, name: "papers" }] }],
    });
    const port = await freePort();
    const dir = await tempDataDir();
    app = startApp(
      {
        SLACK_BOT_TOKEN: "xoxb-both",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DISCORD_TOKEN: "fake.discord.token",
        DISCORD_APPLICATION_ID: APP,
        DISCORD_API_URL: discord.apiUrl,
      },
      dir,
    );
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(async () => (await fetch(`${url}/healthz`)).ok, "the Slack receiver");
    await waitUntil(() => (discord?.gateway.identifies.length ?? 0) > 0, "the Discord gateway");

    const paperId = "p96e1e4140c"; // The Role of Local Steps in Local SGD
    await sendSigned(
      `${url}/slack/events`,
      slashCommandBody({ text: `save ${paperId}`, responseUrl: slack.responseUrl("s") }),
      "application/x-www-form-urlencoded",
    );
    discord.interact(
      commandPayload(discord.world, {
        guildId: GUILD,
        channelId: CHANNEL,
        user: { id: "5500000000000000005", username: "bo" },
        subcommand: "save",
        options: [{ name: "id", value: paperId }],
      }),
    );
    await waitUntil(async () => {
      const store = await LowStore.openReadOnly(dir);
      return store.savesIn("slack:T0TEAM").length === 1 && store.savesIn(`discord:${GUILD}`).length === 1;
    }, "both saves");
    const store = await LowStore.openReadOnly(dir);
    expect(store.savesIn("slack:T0TEAM").map((s) => s.userId)).toEqual(["U0ALICE"]);
    expect(store.savesIn(`discord:${GUILD}`).map((s) => s.userId)).toEqual(["5500000000000000005"]);
  }, 90_000);
});
