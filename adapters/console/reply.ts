// Turns a core Reply into terminal text: a private one printed as is, a channel one numbered so `:react N` and `:press N` can point at it.
import { randomBytes } from "node:crypto";
import type { Button, MessageRef, Reply } from "../../src/chat/port.js";
import { renderReply, replyButtons } from "./render.js";

export const CONSOLE_WORKSPACE = "local";
export const CONSOLE_CHANNEL = "general";

export interface ConsoleReplies {
  /** Prints a reply; a channel reply gets the next number and is a message reactions can target. */
  show(reply: Reply): MessageRef | undefined;
  /** The id of channel message #`number`, if one was shown. */
  messageId(number: number): string | undefined;
  /** The buttons of the last reply shown, in the order it numbered them. */
  lastButtons(): Button[];
}

export function createConsoleReplies(write: (text: string) => void): ConsoleReplies {
  // Message ids are unique across sessions, so a reaction never lands on yesterday's #2.
  const session = randomBytes(4).toString("hex");
  const numbers = new Map<number, string>();
  let counter = 0;
  let buttons: Button[] = [];
  return {
    show(reply) {
      buttons = replyButtons(reply);
      if (reply.visibility === "private") {
        write(renderReply(reply));
        return undefined;
      }
      counter += 1;
      const messageId = `${session}-${counter}`;
      numbers.set(counter, messageId);
      write(renderReply(reply, counter));
      return { platform: "console", workspaceId: CONSOLE_WORKSPACE, channelId: CONSOLE_CHANNEL, messageId };
    },
    messageId: (number) => numbers.get(number),
    lastButtons: () => buttons,
  };
}
