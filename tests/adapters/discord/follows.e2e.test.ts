// Follows and mutes through a real discord.js client and the real core, against the local fake Discord: autocomplete of the channel's own follows, no pings.
import { afterEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../../adapters/discord/index.js";
import { startFakeDiscord } from "../../fakes/discord/fake-discord.js";
import type { RecordedRequest } from "../../fakes/discord/fake-rest.js";
import { commandPayload } from "../../fakes/discord/payloads.js";
import type { FakeWorld } from "../../fakes/discord/world.js";
import { seededCore } from "../../helpers/core.js";

const APP = "1100000000000000001";
const GUILD = "2200000000000000002";
const CHANNEL = "3300000000000000003";
const OTHER_CHANNEL = "3300000000000000004";
const ALICE = { id: "5500000000000000005", username: "alice" };

function world(): FakeWorld {
  return {
    applicationId: APP,
    bot: { id: "4400000000000000004", username: "paperbot" },
    guilds: [
      {
        id: GUILD,
        name: "ml-lab",
        channels: [
          { id: CHANNEL, name: "papers" },
          { id: OTHER_CHANNEL, name: "other" },
        ],
      },
    ],
  };
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

const is = (method: string, path: string) => (r: RecordedRequest) => r.method === method && r.path === path;

describe("follows on Discord", () => {
  it("follows without pinging, and autocompletes unfollow and unmute with this channel's own entries", async () => {
    const fake = await startFakeDiscord(world());
    cleanups.push(() => fake.close());
    const core = await seededCore();
    const adapter = createDiscordAdapter({
      token: "fake.token.value",
      applicationId: APP,
      apiUrl: fake.apiUrl,
    });
    await adapter.start(core.bot);
    cleanups.push(() => adapter.stop());

    const run = async (subcommand: string, value: string, channelId = CHANNEL) => {
      const payload = commandPayload(fake.world, {
        guildId: GUILD,
        channelId,
        user: ALICE,
        subcommand,
        options: [{ name: subcommand === "mute" ? "what" : "query", value }],
      });
      fake.interact(payload);
      return fake.rest.waitFor(is("POST", `/webhooks/${APP}/token-${payload.id}`));
    };
    const followUp = await run("follow", "@everyone speculative decoding now");
    const body = followUp.body as { content?: string; allowed_mentions?: { parse: string[] } };
    expect(body.allowed_mentions?.parse).toEqual([]);
    expect(JSON.stringify(body)).toContain("now follows");
    expect(JSON.stringify(body)).not.toMatch(/(^|[^\u200b])@everyone/);
    await run("follow", 'author:"Tri Dao"');
    await run("follow", "org:openbmb", OTHER_CHANNEL);
    await run("mute", "cat:cs.CV");

    const complete = async (subcommand: string, option: string, value: string) => {
      const payload = commandPayload(
        fake.world,
        {
          guildId: GUILD,
          channelId: CHANNEL,
          user: ALICE,
          subcommand,
          options: [{ name: option, value, focused: true }],
        },
        true,
      );
      fake.interact(payload);
      const answer = await fake.rest.waitFor(
        is("POST", `/interactions/${payload.id}/token-${payload.id}/callback`),
      );
      return (answer.body as { type: number; data: { choices: { name: string; value: string }[] } }).data
        .choices;
    };
    const all = await complete("unfollow", "follow", "");
    expect(all.map((c) => c.value)).toHaveLength(2);
    expect(all.map((c) => c.value)).toContain('author:"Tri Dao"');
    // Only this channel's follows: the other channel's org:openbmb is not offered.
    expect(all.map((c) => c.value)).not.toContain("org:openbmb");
    expect(await complete("unfollow", "follow", "dao")).toEqual([
      { name: 'author:"Tri Dao"', value: 'author:"Tri Dao"' },
    ]);
    expect(await complete("unmute", "mute", "cs")).toEqual([{ name: "cat:cs.CV", value: "cat:cs.CV" }]);
  }, 60_000);
});
