// `paperbot start` with Discord variables: the real core behind a real discord.js client, against the fake Discord.
import { afterEach, describe, expect, it } from "vitest";
import { channelKey } from "../../src/places.js";
import { LowStore } from "../../src/store/low-store.js";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/fake-discord.js";
import type { RecordedRequest } from "../fakes/discord/fake-rest.js";
import { commandPayload } from "../fakes/discord/payloads.js";
import type { FakeWorld } from "../fakes/discord/world.js";
import { type RunningApp, startApp, tempDataDir } from "./app-harness.js";

const APP = "1100000000000000001";
const GUILD = "2200000000000000002";
const CHANNEL = "3300000000000000003";
const ALICE = { id: "5500000000000000005", username: "alice" };

const world = (): FakeWorld => ({
  applicationId: APP,
  bot: { id: "4400000000000000004", username: "paperbot" },
  guilds: [{ id: GUILD, name: "ml-lab", channels: [{ id: CHANNEL, name: "papers" }] }],
});

let app: RunningApp | undefined;
let fake: FakeDiscord | undefined;
afterEach(async () => {
  await app?.stop();
  await fake?.close();
  app = undefined;
  fake = undefined;
});

const is = (method: string, path: string | RegExp) => (r: RecordedRequest) =>
  r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path));

describe("paperbot start with Discord", () => {
  it("connects, answers /papers through the core, posts a due digest, and saves by reaction", async () => {
    fake = await startFakeDiscord(world());
    const dir = await tempDataDir();
    const now = new Date();
    // A digest due a minute ago, subscribed yesterday: the start-up catch-up posts it.
    const due = new Date(now.getTime() - 60_000).toISOString().slice(11, 16);
    const seed = await LowStore.openDirectory(dir);
    await seed.putSubscription({
      channel: channelKey("discord", GUILD, CHANNEL),
      platform: "discord",
      workspaceId: GUILD,
      channelId: CHANNEL,
      time: due,
      timeZone: "UTC",
      size: 2,
      topics: [],
      excluded: [],
      createdBy: ALICE.id,
      createdAt: new Date(now.getTime() - 86_400_000).toISOString(),
    });
    await seed.close();
    app = startApp(
      { DISCORD_TOKEN: "fake.discord.token", DISCORD_APPLICATION_ID: APP, DISCORD_API_URL: fake.apiUrl },
      dir,
    );

    // The due digest: a header and two paper messages in the channel, with no mention allowed.
    const posts: RecordedRequest[] = [];
    for (let i = 0; i < 3; i++) {
      posts.push(
        await fake.rest.waitFor(
          (r) => is("POST", `/channels/${CHANNEL}/messages`)(r) && !posts.includes(r),
          15_000,
        ),
      );
    }
    for (const post of posts)
      expect((post.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(posts[0]?.body)).toContain("Today's 2 paper highlights");
    expect(fake.gateway.identifies).toHaveLength(1);

    // A slash command answered by the real core: deferred, then search results.
    const search = commandPayload(fake.world, {
      guildId: GUILD,
      channelId: CHANNEL,
      user: ALICE,
      subcommand: "search",
      options: [{ name: "query", value: "model merging" }],
    });
    fake.interact(search);
    const answer = await fake.rest.waitFor(
      is("PATCH", `/webhooks/${APP}/token-${search.id}/messages/@original`),
      10_000,
    );
    const embeds = (answer.body as { embeds: { title: string }[] }).embeds;
    expect(embeds.length).toBe(5);
    expect(embeds.some((e) => /merg/i.test(e.title))).toBe(true);

    // A 🔖 on a digest paper message (not in the client's cache) saves it for Alice.
    const paperMessage = [...fake.rest.messages.values()].find(
      (m) => m.channel_id === CHANNEL && JSON.stringify(m).includes('"embeds":[{'),
    );
    const messageId = paperMessage?.id ?? "";
    fake.react({ added: true, guildId: GUILD, channelId: CHANNEL, messageId, user: ALICE, emoji: "🔖" });
    const store = await waitForSave(dir);
    expect(store.savesIn(`discord:${GUILD}`).map((s) => s.userId)).toEqual([ALICE.id]);
  }, 90_000);
});

async function waitForSave(dir: string): Promise<LowStore> {
  for (let i = 0; i < 50; i++) {
    const store = await LowStore.openReadOnly(dir);
    if (store.savesIn(`discord:${GUILD}`).length > 0) return store;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return LowStore.openReadOnly(dir);
}
