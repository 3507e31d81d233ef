// Decides, from conversations.info, whether the bot can post in a channel, and says why not in a sentence.
import { inviteHint, slackErrorCode, toPostError } from "./post-error.js";

/** The fields of conversations.info's `channel` we read. */
export interface ChannelInfo {
  is_member?: boolean;
  is_archived?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
  is_private?: boolean;
}

/** Why the bot cannot post in this channel, or undefined when it can. */
export function accessProblem(channel: ChannelInfo | undefined, botName: string): string | undefined {
  if (!channel) return `I can't see this channel. ${inviteHint(botName)}`;
  if (channel.is_archived) return "This channel is archived, so I can't post in it. Pick another channel.";
  // Direct messages have no membership to check: the app is in the conversation by definition.
  if (channel.is_im) return undefined;
  if (channel.is_member === false) return `I'm not a member of this channel yet. ${inviteHint(botName)}`;
  return undefined;
}

/**
 * The sentence for a failed conversations.info call. A private channel the bot was never invited to
 * answers `channel_not_found`. Failures that may pass (rate limits, outages) are thrown as PostErrors.
 */
export function accessProblemFromError(error: unknown, botName: string): string {
  const code = slackErrorCode(error);
  if (code === "channel_not_found") {
    return `I can't see this channel: it may be private and I haven't been invited. ${inviteHint(botName)}`;
  }
  if (code === "missing_scope") {
    return "I'm missing the permission to look up channels (channels:read, groups:read). Ask an admin to reinstall the app.";
  }
  const classified = toPostError(error, botName);
  if (classified.kind === "rate-limited" || classified.kind === "transient") throw classified;
  return classified.message;
}
