// A channel at its caps (100 follows and 100 mutes of the longest kind) renders within each platform's limits.
import { describe, expect, it } from "vitest";
import { renderReply as renderConsole } from "../../adapters/console/render.js";
import { DISCORD_LIMITS } from "../../adapters/discord/limits.js";
import { renderReply as renderDiscord } from "../../adapters/discord/render.js";
import { SLACK_LIMITS } from "../../adapters/slack/limits.js";
import { blockTextLength, renderReply as renderSlack } from "../../adapters/slack/render.js";
import { MAX_FOLLOW_CHARS, MAX_FOLLOWS_PER_CHANNEL } from "../../src/follows/follow-query.js";
import { say } from "../chat/chat-helpers.js";
import { seededCore } from "../helpers/core.js";

describe("follows and mutes lists at their caps", () => {
  it("fit Slack's, Discord's and the terminal's limits", async () => {
    const { bot } = await seededCore();
    for (let i = 0; i < MAX_FOLLOWS_PER_CHANNEL; i++) {
      const words = `topic${i} @everyone <!channel> `
        .repeat(20)
        .slice(0, MAX_FOLLOW_CHARS - 10)
        .trim();
      await say(bot, `follow ${words.replace(/\s+\S*$/, "")}`);
    }
    for (let i = 0; i < 100; i++) await say(bot, `mute word${i}${"x".repeat(80)}`);
    for (const command of ["follows", "mutes"]) {
      const [reply] = await say(bot, command);
      if (!reply) throw new Error(`no reply to ${command}`);
      expect(reply.text.length).toBeGreaterThan(5_000);
      const slack = renderSlack(reply);
      expect(blockTextLength(slack.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
      expect(slack.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      expect(JSON.stringify(slack)).not.toContain("<!channel>");
      const discord = renderDiscord(reply);
      expect((discord.content ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      expect(discord.allowedMentions).toEqual({ parse: [] });
      expect(renderConsole(reply)).toContain("1. ");
    }
  }, 60_000);
});
