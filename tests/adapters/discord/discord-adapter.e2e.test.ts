// End to end: a real discord.js Client, through the adapter, against the local fake Discord (REST + gateway).
import { MessageFlags, PermissionFlagsBits } from "discord.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDiscordAdapter, type DiscordAdapterOptions } from "../../../adapters/discord/index.js";
import { inviteUrl, registerCommands } from "../../../adapters/discord/register.js";
import { COMMAND_SPECS } from "../../../src/chat/command-specs.js";
import { type ChatPort, PostError } from "../../../src/chat/port.js";
import { type FakeDiscord, startFakeDiscord } from "../../fakes/discord/fake-discord.js";
import type { RecordedRequest } from "../../fakes/discord/fake-rest.js";
import { buttonPayload, commandPayload } from "../../fakes/discord/payloads.js";
import { ALL_CHANNEL_PERMISSIONS, type FakeWorld } from "../../fakes/discord/world.js";
import { createFakeBot, type FakeBot } from "../../fakes/fake-bot.js";
import { discordReplies, PAGE_ONE } from "./canned-replies.js";

const APP = "1100000000000000001";
const GUILD = "2200000000000000002";
const CHANNEL = "3300000000000000003";
const NO_EMBEDS_CHANNEL = "3300000000000000004";
const BOT = "4400000000000000004";
const ALICE = { id: "5500000000000000005", username: "alice" };
const ADMIN = {
  id: "5500000000000000006",
  username: "ada",
  permissions: ALL_CHANNEL_PERMISSIONS | PermissionFlagsBits.ManageGuild,
};

function world(): FakeWorld {
  return {
    applicationId: APP,
    bot: { id: BOT, username: "paperbot" },
    guilds: [
      {
        id: GUILD,
        name: "ml-lab",
        channels: [
          { id: CHANNEL, name: "papers" },
          {
            id: NO_EMBEDS_CHANNEL,
            name: "chat",
            overwrites: [{ id: GUILD, type: 0, deny: PermissionFlagsBits.EmbedLinks }],
          },
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

async function setup(
  options: Partial<DiscordAdapterOptions> = {},
): Promise<{ fake: FakeDiscord; bot: FakeBot; adapter: ChatPort }> {
  const fake = await startFakeDiscord(world());
  cleanups.push(() => fake.close());
  const bot = createFakeBot(discordReplies);
  const adapter = createDiscordAdapter({
    token: "fake.token.value",
    applicationId: APP,
    apiUrl: fake.apiUrl,
    ...options,
  });
  await adapter.start(bot);
  cleanups.push(() => adapter.stop());
  return { fake, bot, adapter };
}

const is = (method: string, path: string | RegExp) => (r: RecordedRequest) =>
  r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path));
const callback = (id: string) => is("POST", `/interactions/${id}/token-${id}/callback`);
const original = (id: string) => is("PATCH", `/webhooks/${APP}/token-${id}/messages/@original`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe("Discord adapter against a fake Discord", () => {
  it("connects with the Guilds, reaction and guild message intents only (none privileged)", async () => {
    const { fake } = await setup();
    expect(fake.gateway.identifies).toHaveLength(1);
    expect((fake.gateway.identifies[0] as { intents: number; compress: boolean }).intents).toBe(
      1 | 512 | 1024,
    );
  });

  it("registers /papers as guild commands with a guild id, global commands without", async () => {
    const fake = await startFakeDiscord(world());
    cleanups.push(() => fake.close());
    const guild = await registerCommands({
      token: "t",
      applicationId: APP,
      guildId: GUILD,
      apiUrl: fake.apiUrl,
      specs: COMMAND_SPECS,
    });
    const global = await registerCommands({
      token: "t",
      applicationId: APP,
      apiUrl: fake.apiUrl,
      specs: COMMAND_SPECS,
    });
    expect(guild).toEqual({ scope: "guild", names: ["papers"] });
    expect(global).toEqual({ scope: "global", names: ["papers"] });
    const put = await fake.rest.waitFor(is("PUT", `/applications/${APP}/guilds/${GUILD}/commands`));
    const [papers] = put.body as { name: string; options: { name: string }[] }[];
    expect(papers?.options.map((o) => o.name)).toContain("search");
    await fake.rest.waitFor(is("PUT", `/applications/${APP}/commands`));
  });

  it("registers in the development server on start when given a guild id", async () => {
    const { fake } = await setup({ guildId: GUILD });
    await fake.rest.waitFor(is("PUT", `/applications/${APP}/guilds/${GUILD}/commands`));
  });

  it("answers a slash command: defer (type 5, ephemeral) first, then the rendered reply on @original", async () => {
    const { fake, bot } = await setup();
    const payload = commandPayload(fake.world, {
      guildId: GUILD,
      channelId: CHANNEL,
      user: ADMIN,
      subcommand: "search",
      options: [{ name: "query", value: "local sgd" }],
    });
    fake.interact(payload);
    const deferred = await fake.rest.waitFor(callback(payload.id));
    const edited = await fake.rest.waitFor(original(payload.id));
    expect(deferred.body).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(fake.rest.requests.indexOf(deferred)).toBeLessThan(fake.rest.requests.indexOf(edited));
    const body = edited.body as {
      embeds: { title: string }[];
      allowed_mentions: unknown;
      components: unknown[];
      content: string;
    };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds.map((e) => e.title)).toEqual([
      "1. Local SGD, revisited",
      "2. @\u200beveryone Federated \\*fun\\*",
    ]);
    expect(body.components).toHaveLength(2); // a row of Save buttons, a row with More
    expect(body.content).toBe("**Results for local sgd**");

    expect(bot.events).toEqual([
      {
        type: "command",
        text: "search local sgd",
        actor: { platform: "discord", workspaceId: GUILD, userId: ADMIN.id, isAdmin: true, locale: "en-US" },
        place: { platform: "discord", workspaceId: GUILD, channelId: CHANNEL, locale: "en-US" },
      },
    ]);
    await vi.waitFor(() => expect(bot.refs).toHaveLength(1));
    expect(bot.refs[0]).toMatchObject({ platform: "discord", workspaceId: GUILD, channelId: CHANNEL });
  });

  it("passes options in spec order and marks non-admins", async () => {
    const { fake, bot } = await setup();
    fake.interact(
      commandPayload(fake.world, {
        guildId: GUILD,
        channelId: CHANNEL,
        user: ALICE,
        subcommand: "digest",
        // Discord sends options in the order the user filled them, not the spec's.
        options: [
          { name: "topics", value: "llm agents -vision" },
          { name: "action", value: "on" },
          { name: "timezone", value: "Europe/Berlin" },
          { name: "time", value: "09:00" },
        ],
      }),
    );
    const [event] = await bot.waitForEvents(1);
    expect(event).toMatchObject({
      type: "command",
      text: "digest on 09:00 Europe/Berlin llm agents -vision",
    });
    expect(event?.type === "command" && event.actor.isAdmin).toBe(false);
  });

  it("turns a channel answer into a public follow-up and removes the private placeholder", async () => {
    const { fake, bot } = await setup();
    bot.answer = () => ({ ...PAGE_ONE, visibility: "channel" });
    const payload = commandPayload(fake.world, {
      guildId: GUILD,
      channelId: CHANNEL,
      user: ALICE,
      subcommand: "today",
    });
    fake.interact(payload);
    const followUp = await fake.rest.waitFor(is("POST", `/webhooks/${APP}/token-${payload.id}`));
    expect((followUp.body as { flags?: number }).flags ?? 0).toBe(0);
    expect((followUp.body as { embeds: unknown[] }).embeds).toHaveLength(2);
    await fake.rest.waitFor(is("DELETE", `/webhooks/${APP}/token-${payload.id}/messages/@original`));
  });

  it("pages with the More button: deferUpdate (type 6), then the next page in place", async () => {
    const { fake, bot } = await setup();
    const payload = buttonPayload(fake.world, {
      guildId: GUILD,
      channelId: CHANNEL,
      user: ALICE,
      customId: "pb:more:cursor-2",
      message: { id: "6600000000000000006", flags: MessageFlags.Ephemeral },
    });
    fake.interact(payload);
    const ack = await fake.rest.waitFor(callback(payload.id));
    expect(ack.body).toEqual({ type: 6 });
    const edit = await fake.rest.waitFor(original(payload.id));
    expect((edit.body as { embeds: { title: string }[] }).embeds[0]?.title).toBe("3. A third paper");
    expect(bot.events[0]).toMatchObject({
      type: "action",
      action: "more",
      value: "cursor-2",
      message: { messageId: "6600000000000000006", channelId: CHANNEL },
    });
  });

  it("answers a Save button on a public message privately, as an ephemeral follow-up", async () => {
    const { fake, bot } = await setup();
    const payload = buttonPayload(fake.world, {
      guildId: GUILD,
      channelId: CHANNEL,
      user: ALICE,
      customId: "pb:save:2506.13585",
      message: { id: "6600000000000000007" },
    });
    fake.interact(payload);
    const followUp = await fake.rest.waitFor(is("POST", `/webhooks/${APP}/token-${payload.id}`));
    expect(followUp.body).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: "Saved 2506.13585 to your list.",
    });
    expect(bot.events[0]).toMatchObject({ type: "action", action: "save", value: "2506.13585" });
  });

  it("saves by reaction on a message that is not in the cache, and un-saves on removal", async () => {
    const { fake, bot } = await setup();
    const target = { guildId: GUILD, channelId: CHANNEL, messageId: "7700000000000000007", user: ALICE };
    fake.react({ ...target, emoji: "🔖", added: true });
    fake.react({ ...target, emoji: "🔖", added: false });
    const events = await bot.waitForEvents(2);
    const ref = {
      platform: "discord",
      workspaceId: GUILD,
      channelId: CHANNEL,
      messageId: "7700000000000000007",
    };
    expect(events).toEqual([
      {
        type: "reaction",
        emoji: "bookmark",
        added: true,
        target: ref,
        actor: { platform: "discord", workspaceId: GUILD, userId: ALICE.id, isAdmin: false },
      },
      // The member is cached by now (from the add), so the adapter knows they are not an admin.
      {
        type: "reaction",
        emoji: "bookmark",
        added: false,
        target: ref,
        actor: { platform: "discord", workspaceId: GUILD, userId: ALICE.id, isAdmin: false },
      },
    ]);
  });

  it("maps keycap reactions to their short names", async () => {
    const { fake, bot } = await setup();
    fake.react({
      guildId: GUILD,
      channelId: CHANNEL,
      messageId: "7700000000000000008",
      user: ALICE,
      emoji: "3️⃣",
      added: true,
    });
    const [event] = await bot.waitForEvents(1);
    expect(event).toMatchObject({ type: "reaction", emoji: "three" });
  });

  it("ignores its own reactions", async () => {
    const { fake, bot } = await setup();
    fake.react({
      guildId: GUILD,
      channelId: CHANNEL,
      messageId: "7700000000000000009",
      user: { id: BOT, bot: true },
      emoji: "🔖",
      added: true,
    });
    fake.react({
      guildId: GUILD,
      channelId: CHANNEL,
      messageId: "7700000000000000009",
      user: ALICE,
      emoji: "⭐",
      added: true,
    });
    const events = await bot.waitForEvents(1);
    await settle();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ emoji: "star", actor: { userId: ALICE.id } });
  });

  it("counts a duplicated dispatch once: the same interaction, the same reaction", async () => {
    const { fake, bot } = await setup();
    const payload = commandPayload(fake.world, {
      guildId: GUILD,
      channelId: CHANNEL,
      user: ALICE,
      subcommand: "help",
    });
    fake.interact(payload);
    fake.interact(payload);
    const reaction = {
      guildId: GUILD,
      channelId: CHANNEL,
      messageId: "7700000000000000010",
      user: ALICE,
      emoji: "🔖",
    };
    fake.react({ ...reaction, added: true });
    fake.react({ ...reaction, added: true });
    await bot.waitForEvents(2);
    await fake.rest.waitFor(original(payload.id));
    await settle();
    expect(bot.events.map((e) => e.type).sort()).toEqual(["command", "reaction"]);
    expect(fake.rest.requests.filter(callback(payload.id))).toHaveLength(1);
    // A real add after a remove still counts.
    fake.react({ ...reaction, added: false });
    fake.react({ ...reaction, added: true });
    await bot.waitForEvents(4);
  });

  it("answers autocomplete from Bot.complete", async () => {
    const { fake, bot } = await setup();
    const payload = commandPayload(
      fake.world,
      {
        guildId: GUILD,
        channelId: CHANNEL,
        user: ALICE,
        subcommand: "show",
        options: [{ name: "id", value: "2506", focused: true }],
      },
      true,
    );
    fake.interact(payload);
    const answer = await fake.rest.waitFor(callback(payload.id));
    expect(answer.body).toEqual({
      type: 8,
      data: {
        choices: [
          { name: "Local SGD, revisited (2506.13585)", value: "2506.13585" },
          { name: "Federated fun (2406.12345)", value: "2406.12345" },
        ],
      },
    });
    expect(bot.completions).toEqual([{ kind: "paper", prefix: "2506" }]);
  });

  it("apologises privately when the core throws", async () => {
    const { fake, bot } = await setup();
    bot.answer = () => {
      throw new Error("boom");
    };
    const payload = commandPayload(fake.world, {
      guildId: GUILD,
      channelId: CHANNEL,
      user: ALICE,
      subcommand: "today",
    });
    fake.interact(payload);
    const edit = await fake.rest.waitFor(original(payload.id));
    expect((edit.body as { content: string }).content).toMatch(/something went wrong on my side/);
  });

  it("posts a digest to a channel and returns its message", async () => {
    const { fake, adapter } = await setup();
    const ref = await adapter.post(
      { platform: "discord", workspaceId: GUILD, channelId: CHANNEL },
      { ...PAGE_ONE, visibility: "channel" },
    );
    const sent = await fake.rest.waitFor(is("POST", `/channels/${CHANNEL}/messages`));
    expect(ref).toEqual({
      platform: "discord",
      workspaceId: GUILD,
      channelId: CHANNEL,
      messageId: expect.any(String),
    });
    expect(fake.rest.messages.has(ref.messageId)).toBe(true);
    expect(sent.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect((sent.body as { embeds: unknown[]; flags?: number }).embeds).toHaveLength(2);
  });

  it("attaches code too long for a message as a file", async () => {
    const { fake, adapter } = await setup();
    const code = `@article{a,\n${"  title={x},\n".repeat(500)}}`;
    await adapter.post(
      { platform: "discord", workspaceId: GUILD, channelId: CHANNEL },
      { text: "Team BibTeX", code },
    );
    const sent = await fake.rest.waitFor(is("POST", `/channels/${CHANNEL}/messages`));
    expect(sent.files).toEqual(["papers.bib"]);
    expect((sent.body as { content: string }).content).toContain("attached as papers.bib");
  });

  it("fails to start with a bad token, naming the problem", async () => {
    const fake = await startFakeDiscord(world());
    cleanups.push(() => fake.close());
    fake.rest.failNext({
      method: "GET",
      path: "/gateway/bot",
      status: 401,
      body: { code: 0, message: "401: Unauthorized" },
    });
    const adapter = createDiscordAdapter({ token: "wrong", applicationId: APP, apiUrl: fake.apiUrl });
    await expect(adapter.start(createFakeBot(discordReplies))).rejects.toThrow(/token/i);
  });

  it("waits out a REST 429 and retries after the wait", async () => {
    const { fake, adapter } = await setup();
    fake.rest.failNext({
      method: "POST",
      path: `/channels/${CHANNEL}/messages`,
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.3, global: false },
      headers: {
        "retry-after": "0.3",
        "x-ratelimit-limit": "5",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset-after": "0.3",
        "x-ratelimit-bucket": "fake-bucket",
        "x-ratelimit-scope": "user",
      },
    });
    const ref = await adapter.post(
      { platform: "discord", workspaceId: GUILD, channelId: CHANNEL },
      { text: "Daily digest" },
    );
    const attempts = fake.rest.requests.filter(is("POST", `/channels/${CHANNEL}/messages`));
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(290);
    expect(ref.messageId).toBeTruthy();
  });

  it("fails a post with rate-limited when the wait is longer than allowed", async () => {
    const { fake, adapter } = await setup({ maxRateLimitWaitMs: 1000 });
    fake.rest.failNext({
      method: "POST",
      path: `/channels/${CHANNEL}/messages`,
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 60, global: false },
      headers: { "retry-after": "60", "x-ratelimit-scope": "user" },
    });
    const error = await adapter
      .post({ platform: "discord", workspaceId: GUILD, channelId: CHANNEL }, { text: "x" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(PostError);
    expect(error).toMatchObject({ kind: "rate-limited" });
    expect((error as PostError).retryAfterMs).toBeGreaterThanOrEqual(60_000);
  });

  it("classifies refused posts", async () => {
    const { fake, adapter } = await setup();
    const place = (channelId: string) => ({ platform: "discord" as const, workspaceId: GUILD, channelId });
    const kindOf = (p: Promise<unknown>) =>
      p.then(
        () => "posted",
        (e: PostError) => e.kind,
      );

    expect(await kindOf(adapter.post(place("3300000000000000999"), { text: "x" }))).toBe("channel-gone");
    fake.rest.forbidden.add("3300000000000000998");
    expect(await kindOf(adapter.post(place("3300000000000000998"), { text: "x" }))).toBe("forbidden");
    fake.rest.failNext({
      method: "POST",
      path: `/channels/${CHANNEL}/messages`,
      status: 502,
      body: { message: "Bad Gateway" },
      times: 4,
    });
    expect(await kindOf(adapter.post(place(CHANNEL), { text: "x" }))).toBe("transient");
    fake.rest.failNext({
      method: "POST",
      path: `/channels/${CHANNEL}/messages`,
      status: 403,
      body: { code: 50013, message: "Missing Permissions" },
    });
    expect(await kindOf(adapter.post(place(CHANNEL), { text: "x" }))).toBe("forbidden");
    expect(await kindOf(adapter.post({ ...place(CHANNEL), workspaceId: "999" }, { text: "x" }))).toBe(
      "invalid",
    );
  });

  it("checks a channel's permissions and names the missing one", async () => {
    const { adapter } = await setup();
    const place = (channelId: string) => ({ platform: "discord" as const, workspaceId: GUILD, channelId });
    expect(await adapter.checkAccess?.(place(CHANNEL))).toBeUndefined();
    expect(await adapter.checkAccess?.(place(NO_EMBEDS_CHANNEL))).toMatch(
      /#chat: it is missing the Embed Links permission/,
    );
    expect(await adapter.checkAccess?.(place("3300000000000000999"))).toMatch(/can't find that channel/);
  });
});

describe("inviteUrl", () => {
  it("asks for the bot and commands scopes and exactly the channel permissions", () => {
    const url = new URL(inviteUrl(APP));
    expect(url.searchParams.get("client_id")).toBe(APP);
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
    const expected =
      PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.SendMessagesInThreads |
      PermissionFlagsBits.EmbedLinks |
      PermissionFlagsBits.AddReactions |
      PermissionFlagsBits.ReadMessageHistory;
    expect(url.searchParams.get("permissions")).toBe(expected.toString());
  });
});
