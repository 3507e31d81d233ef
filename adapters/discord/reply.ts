// Turns a core Reply into Discord calls: an interaction's deferred reply, a follow-up, a reply to a message, or a channel post.
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Message,
  MessageFlags,
} from "discord.js";
import type { PlatformLogger } from "../../src/chat/platform.js";
import {
  ACTIONS,
  type BotEvent,
  type MessageRef,
  type Place,
  PostError,
  type Reply,
  type Respond,
} from "../../src/chat/port.js";
import { describe } from "../shared/dispatch.js";
import { toPostError } from "./post-error.js";
import { renderReply } from "./render.js";

/** A way to answer one event, and whether it has answered yet (the shared dispatch apologises only if not). */
export interface Responder {
  respond: Respond;
  answered: () => boolean;
}

const NO_PINGS = { parse: [] as [] };

function messageRef(message: Message, workspaceId: string): MessageRef {
  return { platform: "discord", workspaceId, channelId: message.channelId, messageId: message.id };
}

/**
 * Replies to a command after `deferReply({ ephemeral })`. Discord fixes a deferred reply's visibility at
 * the defer, before the core has answered, so the defer is private (nothing leaks if the answer is) and a
 * channel answer becomes a public follow-up; the private "thinking" placeholder is then removed.
 */
export function commandResponder(
  interaction: ChatInputCommandInteraction,
  workspaceId: string,
  log: PlatformLogger,
): Responder {
  let usedOriginal = false;
  const respond: Respond = async (reply) => {
    const { flags, ...body } = renderReply(reply);
    if (usedOriginal)
      return messageRef(await interaction.followUp({ ...body, ...(flags ? { flags } : {}) }), workspaceId);
    usedOriginal = true;
    if (reply.visibility === "private") return messageRef(await interaction.editReply(body), workspaceId);
    await interaction.editReply({
      content: "Shared in the channel.",
      embeds: [],
      components: [],
      allowedMentions: NO_PINGS,
    });
    const posted = await interaction.followUp(body);
    interaction.deleteReply().catch((err) => log.debug({ err }, "discord: placeholder not removed"));
    return messageRef(posted, workspaceId);
  };
  return { respond, answered: () => usedOriginal };
}

/**
 * Replies to a button after `deferUpdate()`. "More" on one's own private results turns the page in
 * place; everything else (a Save on a digest, say) is a follow-up, private when the core says so.
 */
export function buttonResponder(
  interaction: ButtonInteraction,
  workspaceId: string,
  action: string,
): Responder {
  const pageInPlace = action === ACTIONS.more && interaction.message.flags.has(MessageFlags.Ephemeral);
  let answered = false;
  const respond: Respond = async (reply) => {
    const { flags, ...body } = renderReply(reply);
    const first = !answered;
    answered = true;
    if (first && pageInPlace && reply.visibility === "private") {
      return messageRef(await interaction.editReply(body), workspaceId);
    }
    return messageRef(await interaction.followUp({ ...body, ...(flags ? { flags } : {}) }), workspaceId);
  };
  return { respond, answered: () => answered };
}

/** A reaction has no private channel back to the user: a private answer is dropped, the reaction says enough. */
export function reactionResponder(
  event: Extract<BotEvent, { type: "reaction" }>,
  post: (place: Place, reply: Reply) => Promise<MessageRef>,
  log: PlatformLogger,
): Respond {
  const place: Place = {
    platform: "discord",
    workspaceId: event.target.workspaceId,
    channelId: event.target.channelId,
  };
  return async (reply) => {
    if (reply.visibility === "private") {
      log.debug({ event: describe(event) }, "discord: private answer to a reaction dropped");
      return undefined;
    }
    return post(place, reply);
  };
}

/** Answers a question by replying to its message, pinging no one; a private answer (no ephemeral form here) is a silent reply. */
export function questionResponder(message: Message, workspaceId: string): Responder {
  let answered = false;
  const respond: Respond = async (reply) => {
    answered = true;
    const { flags: _ephemeral, ...body } = renderReply(reply);
    const sent = await message.reply({
      ...body,
      allowedMentions: { parse: [], repliedUser: false },
      ...(reply.visibility === "private" ? { flags: MessageFlags.SuppressNotifications } : {}),
    });
    return messageRef(sent, workspaceId);
  };
  return { respond, answered: () => answered };
}

/** Posts to a channel or thread of the place's server (a digest, a reaction's public answer). */
export async function postToChannel(client: Client<true>, place: Place, reply: Reply): Promise<MessageRef> {
  const id = place.threadId ?? place.channelId;
  try {
    const channel = await client.channels.fetch(id);
    if (!channel) throw new PostError(`Channel ${id} was not found.`, "channel-gone");
    if (!channel.isSendable()) throw new PostError(`Channel ${id} does not take messages.`, "invalid");
    // One workspace never posts into another's channels, whatever id it is handed.
    if (!channel.isDMBased() && channel.guildId !== place.workspaceId) {
      throw new PostError(`Channel ${id} belongs to another server.`, "invalid");
    }
    const { flags: _private, ...body } = renderReply(reply);
    return messageRef(await channel.send(body), place.workspaceId);
  } catch (error) {
    throw toPostError(error, `channel ${id}`);
  }
}
