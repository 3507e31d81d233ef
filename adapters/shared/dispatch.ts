// Runs one platform event through the core: the catch-all every adapter shares, with one apology and one logging rule.
import type { PlatformLogger } from "../../src/chat/platform.js";
import { APOLOGY, type Bot, type BotEvent, type Respond } from "../../src/chat/port.js";

/** What the log says about an event: ids only, never the text a person typed (it may be private). */
export function describe(event: BotEvent): Record<string, string | boolean> {
  switch (event.type) {
    case "command":
      return { type: event.type, ...where(event.place), userId: event.actor.userId };
    case "action":
      return { type: event.type, action: event.action, ...where(event.place), userId: event.actor.userId };
    case "reaction":
      return {
        type: event.type,
        emoji: event.emoji,
        added: event.added,
        ...where(event.target),
        messageId: event.target.messageId,
        userId: event.actor.userId,
      };
    case "question":
      return {
        type: event.type,
        ...where(event.place),
        ...(event.about ? { aboutMessageId: event.about.messageId } : {}),
        userId: event.actor.userId,
      };
  }
}

function where(place: { workspaceId: string; channelId: string }) {
  return { workspaceId: place.workspaceId, channelId: place.channelId };
}

/**
 * Hands `event` to the core. A throw that escapes the core is logged and, where someone waits for an
 * answer and none was given (`answered`), answered with the apology. Nobody waits on a reaction, so its
 * failure is logged, not apologised for in the channel.
 */
export async function dispatch(
  bot: Bot,
  event: BotEvent,
  respond: Respond,
  log: PlatformLogger,
  answered: () => boolean = () => false,
): Promise<void> {
  try {
    await bot.handle(event, respond);
  } catch (error) {
    log.error({ err: error, event: describe(event) }, "the core failed on an event");
    if (event.type === "reaction" || answered()) return;
    await respond(APOLOGY).catch((err: unknown) => log.warn({ err }, "the apology was not delivered"));
  }
}
