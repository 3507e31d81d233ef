// Issue 9.3: re-delivered Slack events, double-clicked buttons and twice-dispatched Discord events each count once,
// through the real adapters and the real core.
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { createSlackAdapter } from "../../adapters/slack/index.js";
import type { ChatPort, MessageRef } from "../../src/chat/port.js";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/fake-discord.js";
import { commandPayload } from "../fakes/discord/payloads.js";
import type { FakeWorld } from "../fakes/discord/world.js";
import { startFakeSlackApi } from "../fakes/slack-api.js";
import {
  blockActionsBody,
  localAdapterOptions,
  reactionEventBody,
  sendSigned,
} from "../fakes/slack-requests.js";
import { seededCore } from "../helpers/core.js";

const SLACK_MESSAGE: MessageRef = {
  platform: "slack",
  workspaceId: "T0TEAM",
  channelId: "C0CHAN",
  messageId: "1700000000.000001",
};
const GUILD = "2200000000000000002";
const CHANNEL = "3300000000000000003";
const ALICE = { id: "5500000000000000005", username: "alice" };

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const retry = (n: number) => ({
  headers: { "x-slack-retry-num": String(n), "x-slack-retry-reason": "http_timeout" },
});

async function slackWorld() {
  const api = await startFakeSlackApi();
  cleanups.push(() => api.close());
  const core = await seededCore();
  const paper = [...core.store.corpus.all()][0]?.id as string;
  await core.store.recordPost({
    ref: SLACK_MESSAGE,
    paperIds: [paper],
    postedAt: "2026-11-22T09:00:00Z",
    kind: "digest",
  });
  const adapter = createSlackAdapter({
    botToken: "xoxb-test-token",
    ...localAdapterOptions(api),
    processBeforeResponse: true,
  });
  await adapter.start(core.bot);
  cleanups.push(() => adapter.stop());
  return { api, core, paper, events: `${adapter.url}/slack/events` };
}

function discordWorld(): FakeWorld {
  return {
    applicationId: "1100000000000000001",
    bot: { id: "4400000000000000004", username: "paperbot" },
    guilds: [{ id: GUILD, name: "ml-lab", channels: [{ id: CHANNEL, name: "papers" }] }],
  };
}

describe("idempotent event handling", () => {
  it("Slack: a reaction delivered three times at once saves once; a late retry never undoes an un-save", async () => {
    const { core, events } = await slackWorld();
    const added = reactionEventBody({ eventId: "EvAdd", added: true, reaction: "bookmark" });
    const answers = await Promise.all([
      sendSigned(events, added, "application/json"),
      sendSigned(events, added, "application/json", retry(1)),
      sendSigned(events, added, "application/json", retry(2)),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(core.store.savesIn("slack:T0TEAM")).toHaveLength(1);

    const removed = reactionEventBody({ eventId: "EvRemove", added: false, reaction: "bookmark" });
    await sendSigned(events, removed, "application/json");
    await sendSigned(events, removed, "application/json", retry(1));
    expect(core.store.savesIn("slack:T0TEAM")).toHaveLength(0);
    // Slack's third retry of the old add arrives after the removal: the un-save stands.
    await sendSigned(events, added, "application/json", retry(3));
    expect(core.store.savesIn("slack:T0TEAM")).toHaveLength(0);
    // A new add (a new event id) is a real one.
    await sendSigned(
      events,
      reactionEventBody({ eventId: "EvAdd2", added: true, reaction: "bookmark" }),
      "application/json",
    );
    expect(core.store.savesIn("slack:T0TEAM")).toHaveLength(1);
  });

  it("Slack: a double-clicked Save button saves once and says so once", async () => {
    const { api, core, paper, events } = await slackWorld();
    const click = (id: string) =>
      sendSigned(
        events,
        blockActionsBody({ actionId: "paperbot:save:card0", value: paper, responseUrl: api.responseUrl(id) }),
        "application/x-www-form-urlencoded",
      );
    await Promise.all([click("c1"), click("c2")]);
    await api.waitFor(() => api.responses.length >= 2);
    expect(core.store.savesIn("slack:T0TEAM")).toHaveLength(1);
    const texts = api.responses.map((r) => (r.body as { text: string }).text).sort();
    expect(texts.filter((t) => t.startsWith("Saved "))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("already in your saves"))).toHaveLength(1);
  });

  it("Discord: an interaction and a reaction dispatched twice each count once", async () => {
    const fake: FakeDiscord = await startFakeDiscord(discordWorld());
    cleanups.push(() => fake.close());
    const core = await seededCore();
    const paper = [...core.store.corpus.all()][0]?.id as string;
    const messageId = "7700000000000000010";
    await core.store.recordPost({
      ref: { platform: "discord", workspaceId: GUILD, channelId: CHANNEL, messageId },
      paperIds: [paper],
      postedAt: "2026-11-22T09:00:00Z",
      kind: "digest",
    });
    const adapter: ChatPort = createDiscordAdapter({
      token: "fake.token.value",
      applicationId: fake.world.applicationId,
      apiUrl: fake.apiUrl,
    });
    await adapter.start(core.bot);
    cleanups.push(() => adapter.stop());

    const reaction = { guildId: GUILD, channelId: CHANNEL, messageId, user: ALICE, emoji: "🔖", added: true };
    fake.react(reaction);
    fake.react(reaction);
    const second = [...core.store.corpus.all()][1]?.id as string;
    const save = commandPayload(fake.world, {
      guildId: GUILD,
      channelId: CHANNEL,
      user: ALICE,
      subcommand: "save",
      options: [{ name: "id", value: second }],
    });
    fake.interact(save);
    fake.interact(save);
    const deadline = Date.now() + 10_000;
    while (core.store.savesIn(`discord:${GUILD}`).length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      core.store
        .savesIn(`discord:${GUILD}`)
        .map((s) => s.paperId)
        .sort(),
    ).toEqual([paper, second].sort());
    const callbacks = fake.rest.requests.filter(
      (r) => r.method === "POST" && r.path.startsWith(`/interactions/${save.id}/`),
    );
    expect(callbacks).toHaveLength(1);
  });
});
