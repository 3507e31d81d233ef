// Classifies a failed Slack Web API call as a PostError, so the core knows whether to retry, wait or give up.
import { webApi } from "@slack/bolt";
import { PostError } from "../../src/chat/port.js";

/** The sentence that tells a person how to let the bot into a channel. */
export function inviteHint(botName: string): string {
  return `Invite me with /invite @${botName}, then try again.`;
}

const GONE = new Set(["channel_not_found", "is_archived", "thread_not_found", "message_not_found"]);
const FORBIDDEN = new Set([
  "not_in_channel",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "restricted_action_non_threadable_channel",
  "cannot_reply_to_message",
  "missing_scope",
  "not_allowed_token_type",
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "no_permission",
  "org_login_required",
  "ekm_access_denied",
  "team_access_not_granted",
  "access_denied",
  "user_not_in_channel",
]);
const TRANSIENT = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "team_added_to_org",
]);

/** The Slack error code of a Web API platform error (`not_in_channel`…), or undefined for other errors. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; data?: { error?: unknown } } | undefined;
  if (e?.code !== webApi.ErrorCode.PlatformError) return undefined;
  return typeof e.data?.error === "string" ? e.data.error : undefined;
}

/** Any error from a Web API call (or the response_url) as a PostError with a message a person can act on. */
export function toPostError(error: unknown, botName: string): PostError {
  if (error instanceof PostError) return error;
  const e = error as
    | { code?: unknown; retryAfter?: unknown; statusCode?: unknown; message?: unknown }
    | undefined;
  const detail = typeof e?.message === "string" ? e.message : String(error);

  if (e?.code === webApi.ErrorCode.RateLimitedError) {
    const seconds = typeof e.retryAfter === "number" ? e.retryAfter : 1;
    return new PostError(`Slack is rate limiting me; retry in ${seconds} s.`, "rate-limited", seconds * 1000);
  }
  if (e?.code === webApi.ErrorCode.HTTPError || typeof e?.statusCode === "number") {
    const status = Number(e?.statusCode);
    if (status === 429) return new PostError("Slack is rate limiting me.", "rate-limited", 1000);
    if (status >= 500) return new PostError(`Slack answered ${status}; this usually passes.`, "transient");
    return new PostError(`Slack answered ${status}: ${detail}`, "invalid");
  }
  if (e?.code === webApi.ErrorCode.RequestError) {
    return new PostError(`Could not reach Slack: ${detail}`, "transient");
  }

  const code = slackErrorCode(error);
  if (code === undefined) return new PostError(`Posting to Slack failed: ${detail}`, "transient");
  if (code === "ratelimited") return new PostError("Slack is rate limiting me.", "rate-limited", 1000);
  if (code === "not_in_channel") {
    return new PostError(`I'm not a member of this channel. ${inviteHint(botName)}`, "forbidden");
  }
  if (code === "is_archived")
    return new PostError("This channel is archived, so I can't post in it.", "channel-gone");
  if (GONE.has(code)) {
    return new PostError("This channel no longer exists or I can't see it.", "channel-gone");
  }
  if (FORBIDDEN.has(code)) {
    return new PostError(`Slack did not let me post here (${code}).`, "forbidden");
  }
  if (TRANSIENT.has(code))
    return new PostError(`Slack had a problem (${code}); this usually passes.`, "transient");
  return new PostError(`Slack refused the message (${code}).`, "invalid");
}
