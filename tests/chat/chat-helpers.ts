// Test helpers: one chat event sent to a core, with the replies it gave (channel replies get a message ref).
import type { Actor, Bot, BotEvent, MessageRef, Place, Reply } from "../../src/chat/port.js";

export const place: Place = { platform: "slack", workspaceId: "TA", channelId: "C1" };
export const alice: Actor = { platform: "slack", workspaceId: "TA", userId: "alice" };

let counter = 0;

export async function send(bot: Bot, event: BotEvent): Promise<{ replies: Reply[]; refs: MessageRef[] }> {
  const replies: Reply[] = [];
  const refs: MessageRef[] = [];
  await bot.handle(event, async (reply) => {
    replies.push(reply);
    if (reply.visibility === "private") return undefined;
    counter += 1;
    const ref = { ...place, messageId: `m${counter}` };
    refs.push(ref);
    return ref;
  });
  return { replies, refs };
}

export async function say(bot: Bot, text: string, actor: Actor = alice): Promise<Reply[]> {
  return (await send(bot, { type: "command", text, actor, place })).replies;
}

/** The one reply's text. */
export async function answer(bot: Bot, text: string, actor: Actor = alice): Promise<string> {
  return (await say(bot, text, actor)).map((r) => r.text).join("\n");
}
