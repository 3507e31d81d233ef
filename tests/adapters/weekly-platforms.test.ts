// The weekly digest's message through every adapter: the real Bolt app (fake Slack API), the real discord.js client (fake Discord) and the console, within each platform's limits.
import { afterEach, describe, expect, it } from "vitest";
import { renderReply } from "../../adapters/console/render.js";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import { DISCORD_LIMITS } from "../../adapters/discord/limits.js";
import { createSlackAdapter } from "../../adapters/slack/index.js";
import { SLACK_LIMITS } from "../../adapters/slack/limits.js";
import { ACTIONS, type Reply } from "../../src/chat/port.js";
import { WEEKLY_MESSAGE_CARDS, weeklyMessage, weeklyMoreReply } from "../../src/digest/weekly-message.js";
import type { Paper } from "../../src/papers/paper.js";
import { LowStore } from "../../src/store/low-store.js";
import type { DigestRun } from "../../src/store/records.js";
import { startFakeDiscord } from "../fakes/discord/fake-discord.js";
import { createFakeBot } from "../fakes/fake-bot.js";
import { startFakeSlackApi } from "../fakes/slack-api.js";
import { localAdapterOptions } from "../fakes/slack-requests.js";
import { slackReplies } from "./slack/canned-replies.js";

/** Twenty long papers, one titled to ping, and a week of them: the heaviest weekly message there can be. */
async function heavyWeek(): Promise<{ reply: Reply; more: Reply }> {
  const papers: Paper[] = Array.from({ length: 20 }, (_, i) => ({
    id: `p${String(i).padStart(10, "0")}`,
    title: `${i === 0 ? "<!channel> @everyone " : ""}A long title about speculative decoding ${"and more ".repeat(18)}${i}`,
    abstract: "Long abstract. ".repeat(200),
    authors: Array.from({ length: 40 }, (_, k) => `Author Number${k}`),
    categories: ["cs.LG"],
    published: "2026-05-05",
    tldr: "A sentence that goes on. ".repeat(40),
    keyphrases: Array.from({ length: 12 }, (_, k) => `key phrase ${k}`),
    links: { abstract: `https://arxiv.org/abs/2605.${String(i).padStart(5, "0")}` },
    sightings: [{ source: "seed", seenAt: "2026-05-06T00:00:00.000Z" }],
    citations: { count: 1234, influential: 56, venue: "ICLR", checkedAt: "2026-05-06T00:00:00Z" },
  })) as unknown as Paper[];
  const store = await LowStore.inMemory(papers);
  const run: DigestRun = {
    channel: "slack:T1:C1/weekly",
    day: "2026-W20",
    state: "posted",
    paperIds: papers.map((p) => p.id),
    reasons: Object.fromEntries(
      papers.map((p, i) => [
        p.id,
        i < 7
          ? `🔖 saved by 12 people this week: ${Array.from({ length: 5 }, (_, k) => `U0LONGUSER${k}`).join(", ")} and 7 more`
          : "✨ new, nobody here saved it yet · close to what the team saved · matches your topic speculative decoding",
      ]),
    ),
    postedCount: 20,
    headerPosted: true,
    startedAt: "2026-05-11T09:00:00.000Z",
    attempts: 1,
  };
  return { reply: weeklyMessage(store, run), more: weeklyMoreReply(store, run, WEEKLY_MESSAGE_CARDS) };
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe("the weekly message on every platform", () => {
  it("is nine numbered papers and a 'more' button, which pages through the rest", async () => {
    const { reply, more } = await heavyWeek();
    expect(reply.cards?.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(reply.buttons).toEqual([
      { label: "11 more papers", action: ACTIONS.weeklyMore, value: "2026-W20:9" },
    ]);
    expect(more.cards).toHaveLength(9);
    expect(more.buttons?.[0]?.value).toBe("2026-W20:18");
  });

  it("fits one Slack message through the real Bolt app, escaped, with every card and the 'more' button", async () => {
    const api = await startFakeSlackApi();
    cleanups.push(() => api.close());
    const adapter = createSlackAdapter({ botToken: "xoxb-test-token", ...localAdapterOptions(api) });
    await adapter.start(createFakeBot(slackReplies));
    cleanups.push(() => adapter.stop());
    const { reply } = await heavyWeek();
    await adapter.post({ platform: "slack", workspaceId: "T1", channelId: "C1" }, reply);
    const posts = api.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    const blocks = posts[0]?.params.blocks as { type: string }[];
    const json = JSON.stringify(blocks);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(json.length).toBeLessThan(SLACK_LIMITS.totalText * 1.5);
    for (const card of reply.cards ?? []) expect(json).toContain(card.id);
    expect(json).toMatch(/paperbot:weekly-more:/);
    expect(json).not.toContain("<!channel>");
    expect(String(posts[0]?.params.text)).not.toContain("<!channel>");
  });

  it("fits one Discord message through the real discord.js client, with every card, no mentions and the 'more' button", async () => {
    const GUILD = "2200000000000000002";
    const CHANNEL = "3300000000000000003";
    const fake = await startFakeDiscord({
      applicationId: "1100000000000000001",
      bot: { id: "4400000000000000004", username: "paperbot" },
      guilds: [{ id: GUILD, name: "ml-lab", channels: [{ id: CHANNEL, name: "papers" }] }],
    });
    cleanups.push(() => fake.close());
    const adapter = createDiscordAdapter({
      token: "fake.token.value",
      applicationId: "1100000000000000001",
      apiUrl: fake.apiUrl,
    });
    await adapter.start(createFakeBot(slackReplies));
    cleanups.push(() => adapter.stop());
    const { reply } = await heavyWeek();
    await adapter.post({ platform: "discord", workspaceId: GUILD, channelId: CHANNEL }, reply);
    const sent = await fake.rest.waitFor(
      (r) => r.method === "POST" && r.path === `/channels/${CHANNEL}/messages`,
    );
    const body = sent.body as {
      content: string;
      embeds: {
        title?: string;
        description?: string;
        fields?: { name: string; value: string }[];
        footer?: { text: string };
        author?: { name: string };
      }[];
      components: { components: { custom_id?: string }[] }[];
      allowed_mentions: unknown;
    };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds).toHaveLength(WEEKLY_MESSAGE_CARDS);
    const embedChars = body.embeds
      .map(
        (e) =>
          (e.title ?? "").length +
          (e.description ?? "").length +
          (e.footer?.text ?? "").length +
          (e.author?.name ?? "").length +
          (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0),
      )
      .reduce((a, b) => a + b, 0);
    expect(embedChars).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(body.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(body.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
    const ids = body.components.flatMap((row) => row.components.map((c) => c.custom_id ?? ""));
    expect(ids).toContain("pb:weekly-more:2026-W20:9");
    expect(JSON.stringify(body)).not.toMatch(/(?<!\u200b)@everyone/);
  });

  it("prints every card, its reason and the 'more' button on the console", async () => {
    const { reply } = await heavyWeek();
    const text = renderReply(reply);
    for (const card of reply.cards ?? []) expect(text).toContain(card.id);
    expect(text).toContain("saved by 12 people this week: U0LONGUSER0");
    expect(text).toContain("11 more papers");
  });
});
