// A message in a server → a question for the core when it replies to (or, in a thread, mentions) the bot; pure, over ids and text.
import type { BotEvent } from "../../src/chat/port.js";

/** The parts of a discord.js `Message` the translation reads. */
export interface MessageView {
  guildId: string | null;
  channelId: string;
  authorId: string;
  authorIsBot: boolean;
  content: string;
  /** The message this one replies to, when it is a reply. */
  reference?: { channelId: string; messageId: string };
  /** Set when the message was sent in a thread: a thread started from a message has that message's id. */
  thread?: { id: string; parentId: string };
}

export type QuestionEvent = Extract<BotEvent, { type: "question" }>;

/** The bot is named in the text itself (a reply's ping of its author does not count). */
export function namesBot(content: string, botId: string): boolean {
  return content.includes(`<@${botId}>`) || content.includes(`<@!${botId}>`);
}

/** The text without the bot's own mention (`<@id>` or `<@!id>`), whitespace collapsed. */
export function questionText(content: string, botId: string): string {
  return content.split(`<@${botId}>`).join(" ").split(`<@!${botId}>`).join(" ").replace(/\s+/g, " ").trim();
}

/**
 * A reply is a question about the message it replies to (the core ignores replies to messages that are
 * not its papers, unless the bot was named). A mention in a thread is about the thread's first message;
 * a mention anywhere else is about nothing, and the core says where it answers. Anything else, and
 * anything a bot wrote, is not for paperbot.
 */
export function messageToEvent(view: MessageView, botId: string): QuestionEvent | undefined {
  if (!view.guildId || view.authorIsBot || view.authorId === botId) return undefined;
  const mentioned = namesBot(view.content, botId);
  const about = view.reference
    ? view.reference
    : view.thread && mentioned
      ? { channelId: view.thread.parentId, messageId: view.thread.id }
      : undefined;
  if (!about && !mentioned) return undefined;
  return {
    type: "question",
    text: questionText(view.content, botId),
    mentioned,
    ...(about ? { about: { platform: "discord", workspaceId: view.guildId, ...about } } : {}),
    actor: { platform: "discord", workspaceId: view.guildId, userId: view.authorId },
    place: { platform: "discord", workspaceId: view.guildId, channelId: view.channelId },
  };
}
