// What people type to the bot in a thread, as the core gets it: the bot's own mention gone, markup read, anything else kept.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageToEvent, questionText } from "../../adapters/discord/mention.js";
import { mentionText, mentionToEvent } from "../../adapters/slack/mention.js";

const BOT = "4400000000000000004";

describe("Slack mention text", () => {
  it("drops the bot's mention and reads Slack's markup", () => {
    expect(mentionText("<@U0BOT> what about <@U0EVE> &amp; <#C1|general>? &lt;b&gt;", "U0BOT")).toBe(
      "what about @U0EVE & #general? <b>",
    );
    expect(mentionText("see <https://x.org|the site> <!here>", "U0BOT")).toBe(
      "see the site (https://x.org) @here",
    );
  });

  it("never keeps the bot's mention, never throws, and never grows a line break", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const text = mentionText(`${before}<@U0BOT>${after}`, "U0BOT");
        expect(text).not.toContain("<@U0BOT>");
        expect(text).not.toMatch(/\s\s|\n/);
      }),
    );
  });

  it("asks about the thread's first message only in a thread, and never for a bot's message", () => {
    const base = { user: "U1", text: "<@U0BOT> hi", channel: "C1", ts: "2.0" };
    expect(mentionToEvent({ ...base, thread_ts: "1.0" }, "T1", "U0BOT")).toMatchObject({
      type: "question",
      about: { messageId: "1.0", channelId: "C1", workspaceId: "T1" },
      place: { threadId: "1.0" },
      text: "hi",
    });
    expect(mentionToEvent(base, "T1", "U0BOT")).not.toHaveProperty("about");
    expect(mentionToEvent({ ...base, bot_id: "B1" }, "T1", "U0BOT")).toBeUndefined();
  });
});

describe("Discord messages to the bot", () => {
  const view = { guildId: "G", channelId: "C", authorId: "U", authorIsBot: false, content: "hello" };

  it("is a question when it replies to a message or names the bot, and not otherwise", () => {
    expect(messageToEvent(view, BOT)).toBeUndefined();
    expect(messageToEvent({ ...view, reference: { channelId: "C", messageId: "M" } }, BOT)).toMatchObject({
      about: { messageId: "M" },
      mentioned: false,
    });
    expect(messageToEvent({ ...view, content: `<@${BOT}> hi` }, BOT)).toMatchObject({ mentioned: true });
    expect(
      messageToEvent({ ...view, content: `<@!${BOT}> hi`, thread: { id: "T", parentId: "C0" } }, BOT),
    ).toMatchObject({ about: { channelId: "C0", messageId: "T" } });
    expect(messageToEvent({ ...view, authorIsBot: true, content: `<@${BOT}>` }, BOT)).toBeUndefined();
    expect(messageToEvent({ ...view, guildId: null, content: `<@${BOT}>` }, BOT)).toBeUndefined();
  });

  it("takes the bot's mention out of any text, leaving the rest", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const text = questionText(`${before}<@${BOT}>${after}`, BOT);
        expect(text).not.toContain(`<@${BOT}>`);
        expect(text).toBe(text.trim());
      }),
    );
  });
});
