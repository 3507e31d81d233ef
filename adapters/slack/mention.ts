// A mention of the bot (Slack `app_mention`) → a question event about the thread it was made in; pure, no I/O.
import type { BotEvent } from "../../src/chat/port.js";

/** The fields of an `app_mention` event we read. */
export interface MentionEventPayload {
  user?: string;
  text?: string;
  channel?: string;
  ts?: string;
  /** The thread's first message: present when the mention was made in a thread. */
  thread_ts?: string;
  /** Set when another app or bot wrote the message. */
  bot_id?: string;
}

/**
 * Slack's message markup as the words a person typed: `<@U1>` → `@U1`, `<#C1|general>` → `#general`,
 * `<https://x|label>` → `label (https://x)`, entities decoded. The bot's own mention is dropped.
 */
export function mentionText(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = "", label] = inner.split("|", 2);
      if (target.startsWith("@")) return target.slice(1) === botUserId ? " " : `@${label ?? target.slice(1)}`;
      if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
      if (target.startsWith("!")) return `@${label ?? target.slice(1).split("^")[0]}`;
      return label ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The question a mention asks: about the thread's first message when it was made in a thread, about
 * nothing otherwise (the core then says where it answers). Answers go to the thread. Mentions written
 * by a bot (paperbot's own included) are not questions.
 */
export function mentionToEvent(
  event: MentionEventPayload,
  teamId: string,
  botUserId?: string,
): BotEvent | undefined {
  if (event.bot_id || !event.user || !event.channel || !event.ts) return undefined;
  if (botUserId && event.user === botUserId) return undefined;
  const thread = event.thread_ts;
  return {
    type: "question",
    text: mentionText(event.text ?? "", botUserId),
    mentioned: true,
    ...(thread && thread !== event.ts
      ? { about: { platform: "slack", workspaceId: teamId, channelId: event.channel, messageId: thread } }
      : {}),
    actor: { platform: "slack", workspaceId: teamId, userId: event.user },
    place: {
      platform: "slack",
      workspaceId: teamId,
      channelId: event.channel,
      ...(thread ? { threadId: thread } : {}),
    },
  };
}
