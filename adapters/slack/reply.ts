// Turns a core Reply into Slack calls: chat.postMessage, chat.postEphemeral or response_url, chosen by where the event came from.
import type { webApi } from "@slack/bolt";
import type { PlatformLogger } from "../../src/chat/platform.js";
import { type BotEvent, type MessageRef, type Place, PostError, type Respond } from "../../src/chat/port.js";
import { hasImages, sendWithImageFallback } from "./card-extras.js";
import type { InlineAck } from "./inline-ack.js";
import { toPostError } from "./post-error.js";
import { type RenderedMessage, renderReply } from "./render.js";
import type { ResponseUrlPoster } from "./response-url.js";

type WebClient = webApi.WebClient;

export interface SlackReplyOptions {
  log: PlatformLogger;
  responseUrl: ResponseUrlPoster;
  /** The bot's @name for "invite me" sentences; read at each failure, since auth.test may set it at start. */
  botName: () => string;
}

export interface SlackReplies {
  /** chat.postMessage, with `token` for a workspace other than the client's own (OAuth installs). */
  postMessage(
    client: WebClient,
    token: string | undefined,
    place: Place,
    message: RenderedMessage,
  ): Promise<MessageRef>;
  interaction(
    client: WebClient,
    place: Place,
    replyUrl: string | undefined,
    isButton: boolean,
    ack?: InlineAck,
  ): Respond;
  reaction(client: WebClient, event: Extract<BotEvent, { type: "reaction" }>): Respond;
  thread(client: WebClient, event: Extract<BotEvent, { type: "question" }>): Respond;
}

export function createSlackReplies({ log, responseUrl, botName }: SlackReplyOptions): SlackReplies {
  async function postMessage(
    client: WebClient,
    token: string | undefined,
    place: Place,
    message: RenderedMessage,
  ): Promise<MessageRef> {
    let result: webApi.ChatPostMessageResponse;
    try {
      result = await sendWithImageFallback(message, (sent) =>
        client.chat.postMessage({
          ...(token ? { token } : {}),
          channel: place.channelId,
          ...(place.threadId ? { thread_ts: place.threadId } : {}),
          text: sent.text,
          blocks: sent.blocks,
          // A digest of ten papers would otherwise unfurl ten abstracts.
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
    } catch (error) {
      throw toPostError(error, botName());
    }
    if (!result.ts) throw new PostError("Slack accepted the message but returned no timestamp.", "invalid");
    return {
      platform: "slack",
      workspaceId: place.workspaceId,
      channelId: result.channel ?? place.channelId,
      messageId: result.ts,
    };
  }

  /** An ephemeral note for one person in a channel (or a thread of it). */
  async function postEphemeral(
    client: WebClient,
    place: { channelId: string; threadId?: string },
    userId: string,
    message: RenderedMessage,
  ): Promise<undefined> {
    try {
      await sendWithImageFallback(message, (sent) =>
        client.chat.postEphemeral({
          channel: place.channelId,
          user: userId,
          ...(place.threadId ? { thread_ts: place.threadId } : {}),
          text: sent.text,
          blocks: sent.blocks,
        }),
      );
    } catch (error) {
      throw toPostError(error, botName());
    }
    return undefined;
  }

  /**
   * Replies to a slash command or a button. Private replies go through response_url as ephemeral
   * messages. Channel replies are posted with chat.postMessage, because only that returns the message's
   * ts, which the core records so reactions on the message can save its papers. Where the bot may not
   * post (not a member, a DM it cannot see), the reply still reaches the channel through response_url.
   * A slash command's first private reply goes in its acknowledgement instead (`ack`, inline-ack.ts)
   * unless it has images: a refused image could not be dropped and the message sent again there.
   */
  function interaction(
    client: WebClient,
    place: Place,
    replyUrl: string | undefined,
    isButton: boolean,
    ack?: InlineAck,
  ): Respond {
    const keepOriginal = isButton ? { replace_original: false } : {};
    const viaResponseUrl = async (message: RenderedMessage, responseType: "ephemeral" | "in_channel") => {
      try {
        await sendWithImageFallback(message, (sent) =>
          responseUrl.post(replyUrl, {
            response_type: responseType,
            ...keepOriginal,
            text: sent.text,
            blocks: sent.blocks,
          }),
        );
      } catch (error) {
        throw toPostError(error, botName());
      }
    };
    return async (reply) => {
      const message = renderReply(reply);
      if (reply.visibility === "private") {
        const inline = { response_type: "ephemeral" as const, text: message.text, blocks: message.blocks };
        if (ack && !hasImages(message) && (await ack.offer(inline))) return undefined;
        await ack?.release();
        await viaResponseUrl(message, "ephemeral");
        return undefined;
      }
      await ack?.release();
      try {
        return await postMessage(client, undefined, place, message);
      } catch (error) {
        const kind = (error as PostError).kind;
        if (kind !== "forbidden" && kind !== "channel-gone") throw error;
        log.info(
          { channelId: place.channelId, reason: (error as Error).message },
          "Answering through response_url",
        );
        await viaResponseUrl(message, "in_channel");
        return undefined;
      }
    };
  }

  /** Replies to a reaction: privately as an ephemeral message, publicly in the reacted message's thread. */
  function reaction(client: WebClient, event: Extract<BotEvent, { type: "reaction" }>): Respond {
    const { target, actor } = event;
    return async (reply) => {
      const message = renderReply(reply);
      if (reply.visibility === "private") {
        return postEphemeral(client, { channelId: target.channelId }, actor.userId, message);
      }
      const place: Place = {
        platform: "slack",
        workspaceId: target.workspaceId,
        channelId: target.channelId,
        threadId: target.messageId,
      };
      return postMessage(client, undefined, place, message);
    };
  }

  /** Replies to a question in a thread: in the thread for everyone, or as an ephemeral note there for the asker. */
  function thread(client: WebClient, event: Extract<BotEvent, { type: "question" }>): Respond {
    const { place, actor } = event;
    return async (reply) => {
      const message = renderReply(reply);
      if (reply.visibility !== "private") return postMessage(client, undefined, place, message);
      return postEphemeral(client, place, actor.userId, message);
    };
  }

  return { postMessage, interaction, reaction, thread };
}
