// `/papers ask` through the real discord.js client: the deferral goes out while the model is held; the answer follows, pinging no one.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createCore } from "../../src/core.js";
import { createModelServices } from "../../src/llm/services.js";
import type { Paper } from "../../src/papers/paper.js";
import { startFakeDiscord } from "../fakes/discord/fake-discord.js";
import type { RecordedRequest } from "../fakes/discord/fake-rest.js";
import { commandPayload } from "../fakes/discord/payloads.js";
import type { FakeWorld } from "../fakes/discord/world.js";
import { startFakeOpenAi } from "../fakes/openai-server.js";
import { memoryLogger, seededStore, testSettings } from "../helpers/core.js";

const APP = "1100000000000000001";
const GUILD = "2200000000000000002";
const CHANNEL = "3300000000000000003";
const ALICE = { id: "5500000000000000005", username: "alice" };

const world = (): FakeWorld => ({
  applicationId: APP,
  bot: { id: "4400000000000000004", username: "paperbot" },
  guilds: [{ id: GUILD, name: "ml-lab", channels: [{ id: CHANNEL, name: "papers" }] }],
});

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe("/papers ask on Discord", () => {
  it("defers at once and posts the answer after the model answers, with no mentions allowed", async () => {
    const model = await startFakeOpenAi();
    cleanups.push(() => model.close());
    const discord = await startFakeDiscord(world());
    cleanups.push(() => discord.close());
    const store = await seededStore();
    const paper = [...store.corpus.all()][0] as Paper;
    const settings = testSettings();
    const log = memoryLogger().log;
    const now = () => new Date("2026-11-22T12:00:00Z");
    const llm = createModelServices({
      secrets: { url: model.url, model: "fake-chat" },
      settings,
      store,
      log,
      now,
    });
    const core = await createCore({ store, settings, log, now, llm });
    const adapter = createDiscordAdapter({
      token: "fake.token.value",
      applicationId: APP,
      apiUrl: discord.apiUrl,
    });
    await adapter.start(core.bot);
    cleanups.push(() => adapter.stop());
    model.answerWith(() => JSON.stringify({ answered: true, answer: "On web text. @everyone", quote: "" }));

    const release = model.holdAnswers();
    const payload = commandPayload(discord.world, {
      guildId: GUILD,
      channelId: CHANNEL,
      user: ALICE,
      subcommand: "ask",
      options: [
        { name: "id", value: paper.id },
        { name: "question", value: "what data?" },
      ],
    });
    discord.interact(payload);
    const deferral = (r: RecordedRequest) =>
      r.method === "POST" && r.path === `/interactions/${payload.id}/token-${payload.id}/callback`;
    const followUp = (r: RecordedRequest) =>
      r.method === "POST" && r.path === `/webhooks/${APP}/token-${payload.id}`;
    await discord.rest.waitFor(deferral);
    await vi.waitFor(() => expect(model.requests).toHaveLength(1), { timeout: 5_000, interval: 10 });
    expect(discord.rest.requests.filter(followUp)).toHaveLength(0);

    release();
    const answer = await discord.rest.waitFor(followUp);
    const body = answer.body as {
      content?: string;
      embeds?: { description?: string }[];
      allowed_mentions: unknown;
    };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const shown = JSON.stringify(body);
    expect(shown).toContain("On web text.");
    expect(shown).not.toMatch(/@everyone/);
  });
});
