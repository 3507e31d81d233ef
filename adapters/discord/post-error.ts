// Discord REST failures → the core's PostError kinds, so the digest knows whether to retry, skip or warn.
import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from "discord.js";
import { PostError } from "../../src/chat/port.js";

const GONE = new Set<number>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownGuild,
  RESTJSONErrorCodes.UnknownMessage,
]);
const FORBIDDEN = new Set<number>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotSendMessagesInNonTextChannel,
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
]);

export function toPostError(error: unknown, where = "the channel"): PostError {
  if (error instanceof PostError) return error;
  if (error instanceof RateLimitError) {
    return new PostError(
      `Discord rate-limited posting to ${where}; retry in ${Math.ceil(error.retryAfter / 1000)} s.`,
      "rate-limited",
      error.retryAfter,
    );
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : Number.NaN;
    const said = `Discord said "${error.message}" (${error.code}, HTTP ${error.status})`;
    if (GONE.has(code) || error.status === 404)
      return new PostError(`${where} is gone: ${said}.`, "channel-gone");
    if (FORBIDDEN.has(code) || error.status === 403 || error.status === 401)
      return new PostError(`paperbot may not post to ${where}: ${said}.`, "forbidden");
    if (error.status === 429) return new PostError(`${said}.`, "rate-limited");
    if (error.status >= 500) return new PostError(`${said}.`, "transient");
    return new PostError(`Discord refused the message for ${where}: ${said}.`, "invalid");
  }
  if (error instanceof HTTPError) {
    const kind = error.status === 429 ? "rate-limited" : error.status >= 500 ? "transient" : "invalid";
    return new PostError(`Discord answered HTTP ${error.status} posting to ${where}.`, kind);
  }
  // Timeouts (AbortError), refused or reset connections, DNS: worth another try later.
  const message = error instanceof Error ? error.message : String(error);
  return new PostError(`Could not reach Discord posting to ${where}: ${message}`, "transient");
}
