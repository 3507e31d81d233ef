// `/papers language auto` through the real adapters: Discord's server locale, Slack's person locale (users.info), or English with a reason.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createSlackAdapter } from "../../adapters/slack/index.js";
import { createCore } from "../../src/core.js";
import { resolveLanguage } from "../../src/llm/language.js";
import { channelKey } from "../../src/places.js";
import { startFakeDiscord } from "../fakes/discord/fake-discord.js";
import { commandPayload } from "../fakes/discord/payloads.js";
import type { FakeWorld } from "../fakes/discord/world.js";
import { startFakeSlackApi } from "../fakes/slack-api.js";
import { localAdapterOptions, sendSigned, slashCommandBody } from "../fakes/slack-requests.js";
import { memoryLogger, seededStore, testSettings } from "../helpers/core.js";

const APP = "1100000000000000001";
const GUILD = "2200000000000000002";
const CHANNEL = "3300000000000000003";
const ALICE = { id: "5500000000000000005", username: "alice" };
const now = () => new Date("2026-11-22T12:00:00Z");

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function core() {
  const store = await seededStore();
  const built = await createCore({ store, settings: testSettings(), log: memoryLogger().log, now });
  return { store, bot: built.bot };
}

describe("/papers language auto on Discord", () => {
  it("takes the server's locale from the interaction, and says which language that is", async () => {
    const world: FakeWorld = {
      applicationId: APP,
      bot: { id: "4400000000000000004", username: "paperbot" },
      guilds: [{ id: GUILD, name: "ml-lab", channels: [{ id: CHANNEL, name: "papers" }] }],
    };
    const discord = await startFakeDiscord(world);
    cleanups.push(() => discord.close());
    const { store, bot } = await core();
    const adapter = createDiscordAdapter({
      token: "fake.token.value",
      applicationId: APP,
      apiUrl: discord.apiUrl,
    });
    await adapter.start(bot);
    cleanups.push(() => adapter.stop());

    const payload = {
      ...commandPayload(discord.world, {
        guildId: GUILD,
        channelId: CHANNEL,
        user: ALICE,
        subcommand: "language",
        options: [{ name: "language", value: "auto" }],
      }),
      guild_locale: "de",
      locale: "fr",
    };
    discord.interact(payload);
    const answer = await discord.rest.waitFor(
      (r) => r.method === "POST" && r.path === `/webhooks/${APP}/token-${payload.id}`,
    );
    expect(JSON.stringify(answer.body)).toContain("German (de)");
    const setting = store.channelSettings(channelKey("discord", GUILD, CHANNEL));
    expect(setting).toMatchObject({ language: "auto", autoLocale: "de" });
    expect(resolveLanguage(setting?.language, setting?.autoLocale)).toBe("de");
  });
});

describe("/papers language auto on Slack", () => {
  async function setAuto(userLocale: string | undefined) {
    const api = await startFakeSlackApi();
    cleanups.push(() => api.close());
    if (userLocale) api.setUser("U0ALICE", { locale: userLocale });
    const { store, bot } = await core();
    const adapter = createSlackAdapter({ botToken: "xoxb-test-token", ...localAdapterOptions(api) });
    await adapter.start(bot);
    cleanups.push(() => adapter.stop());
    const body = slashCommandBody({ text: "language auto", responseUrl: api.responseUrl("lang") });
    expect(
      (await sendSigned(`${adapter.url}/slack/events`, body, "application/x-www-form-urlencoded")).status,
    ).toBe(200);
    await adapter.idle();
    await vi.waitFor(() => expect(api.callsTo("chat.postMessage")).toHaveLength(1));
    const setting = store.channelSettings(channelKey("slack", "T0TEAM", "C0CHAN"));
    return { api, setting, text: String(api.callsTo("chat.postMessage")[0]?.params.text) };
  }

  it("uses the language of the person who set it, from users.info with include_locale", async () => {
    const { api, setting, text } = await setAuto("ja-JP");
    expect(api.callsTo("users.info")[0]?.params.include_locale).toBe("true");
    expect(setting).toMatchObject({ language: "auto", autoLocale: "ja-JP" });
    expect(text).toContain("Japanese");
  });

  it("says plainly that Slack gave no language, and stays English", async () => {
    const { setting, text } = await setAuto(undefined);
    expect(setting?.autoLocale).toBeUndefined();
    expect(resolveLanguage(setting?.language, setting?.autoLocale)).toBeUndefined();
    expect(text).toContain("did not say which language");
  });
});
