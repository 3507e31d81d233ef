// Builds and sends Slack's HTTP requests as Slack would: signed bodies for slash commands, button clicks and events.
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "test-signing-secret";

export interface SendOptions {
  secret?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Overrides the computed signature. */
  signature?: string;
  headers?: Record<string, string>;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** The header marking a reply the fake got from a slash command's acknowledgement, not from the bot. */
export const INLINE_REPLY_HEADER = "x-test-inline-reply";

/**
 * POSTs `body` to `url` with Slack's signature headers. A slash command acknowledged with a message is
 * answered as Slack answers it: the message is shown like one sent to the command's response_url, so
 * here it is delivered there (marked with INLINE_REPLY_HEADER) before this resolves.
 */
export async function sendSigned(
  url: string,
  body: string,
  contentType: string,
  options: SendOptions = {},
): Promise<Response> {
  return deliverInlineReply(body, await postSigned(url, body, contentType, options));
}

async function deliverInlineReply(requestBody: string, response: Response): Promise<Response> {
  const fields = new URLSearchParams(requestBody);
  const responseUrl = fields.get("response_url");
  if (!fields.get("command") || !responseUrl) return response;
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) return response;
  const text = await response.text();
  const reply = JSON.parse(text) as { text?: unknown; blocks?: unknown };
  if (reply.text !== undefined || reply.blocks !== undefined) {
    await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json", [INLINE_REPLY_HEADER]: "1" },
      body: text,
    });
  }
  return new Response(text, { status: response.status, headers: response.headers });
}

function postSigned(url: string, body: string, contentType: string, options: SendOptions): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? sign(options.secret ?? SIGNING_SECRET, timestamp, body),
      ...options.headers,
    },
    body,
  });
}

export interface CommandFields {
  text: string;
  responseUrl: string;
  teamId?: string;
  channelId?: string;
  userId?: string;
  command?: string;
}

/** A slash command as Slack sends it: a form body. */
export function slashCommandBody(fields: CommandFields): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: fields.teamId ?? "T0TEAM",
    team_domain: "test",
    channel_id: fields.channelId ?? "C0CHAN",
    channel_name: "papers",
    user_id: fields.userId ?? "U0ALICE",
    user_name: "alice",
    command: fields.command ?? "/papers",
    text: fields.text,
    api_app_id: "A0APP",
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: "1.2.3",
  }).toString();
}

export interface ClickFields {
  actionId: string;
  value: string;
  responseUrl: string;
  teamId?: string;
  channelId?: string;
  userId?: string;
  messageTs?: string;
  threadTs?: string;
  ephemeral?: boolean;
}

/** The JSON of a block_actions payload for a button click. */
export function blockActionsPayload(fields: ClickFields): Record<string, unknown> {
  const teamId = fields.teamId ?? "T0TEAM";
  const channelId = fields.channelId ?? "C0CHAN";
  const messageTs = fields.messageTs ?? "1700000000.000001";
  return {
    type: "block_actions",
    team: { id: teamId, domain: "test" },
    user: { id: fields.userId ?? "U0ALICE", username: "alice", team_id: teamId },
    api_app_id: "A0APP",
    token: "legacy-verification-token",
    container: {
      type: "message",
      message_ts: messageTs,
      channel_id: channelId,
      is_ephemeral: fields.ephemeral ?? false,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    },
    trigger_id: "1.2.3",
    channel: { id: channelId, name: "papers" },
    ...(fields.ephemeral
      ? {}
      : {
          message: {
            type: "message",
            ts: messageTs,
            ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
          },
        }),
    response_url: fields.responseUrl,
    actions: [
      {
        type: "button",
        action_id: fields.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "Save" },
        value: fields.value,
        action_ts: "1700000001.000000",
      },
    ],
  };
}

/** A button click as Slack sends it: a form body with one `payload` field of JSON. */
export function blockActionsBody(fields: ClickFields): string {
  return new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(fields)) }).toString();
}

export interface ReactionFields {
  eventId: string;
  added: boolean;
  reaction: string;
  userId?: string;
  teamId?: string;
  channelId?: string;
  ts?: string;
}

/** An Events API envelope carrying reaction_added or reaction_removed. */
export function reactionEventBody(fields: ReactionFields): string {
  const teamId = fields.teamId ?? "T0TEAM";
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: teamId,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: fields.eventId,
    event_time: 1700000002,
    authorizations: [{ team_id: teamId, user_id: "U0BOT", is_bot: true, is_enterprise_install: false }],
    event: {
      type: fields.added ? "reaction_added" : "reaction_removed",
      user: fields.userId ?? "U0ALICE",
      reaction: fields.reaction,
      item_user: "U0BOT",
      item: { type: "message", channel: fields.channelId ?? "C0CHAN", ts: fields.ts ?? "1700000000.000001" },
      event_ts: "1700000002.000100",
    },
  });
}

export interface MentionFields {
  eventId: string;
  text: string;
  ts: string;
  /** The thread's first message; absent for a mention outside any thread. */
  threadTs?: string;
  userId?: string;
  teamId?: string;
  channelId?: string;
}

/** An Events API envelope carrying app_mention, the bot named in a message (`<@U0BOT> …`). */
export function appMentionBody(fields: MentionFields): string {
  const teamId = fields.teamId ?? "T0TEAM";
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: teamId,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: fields.eventId,
    event_time: 1700000003,
    authorizations: [{ team_id: teamId, user_id: "U0BOT", is_bot: true, is_enterprise_install: false }],
    event: {
      type: "app_mention",
      user: fields.userId ?? "U0ALICE",
      text: fields.text,
      ts: fields.ts,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
      channel: fields.channelId ?? "C0CHAN",
      event_ts: fields.ts,
    },
  });
}

/** What every Slack adapter under test shares: this secret, a free port on 127.0.0.1, the fake API, no retries. */
export function localAdapterOptions(api: { apiUrl: string }) {
  return { signingSecret: SIGNING_SECRET, port: 0, host: "127.0.0.1", apiUrl: api.apiUrl, retries: 0 };
}
