// Socket Mode end to end: the real Bolt App connects to a fake Slack WebSocket and acks envelopes over it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../../../adapters/slack/index.js";
import { createFakeBot, type FakeBot } from "../../fakes/fake-bot.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import { type FakeSlackSocket, startFakeSlackSocket } from "../../fakes/slack-socket.js";
import { slackReplies } from "./canned-replies.js";

let api: FakeSlackApi;
let socket: FakeSlackSocket;
let adapter: SlackAdapter;
let bot: FakeBot;

beforeEach(async () => {
  api = await startFakeSlackApi();
  socket = await startFakeSlackSocket();
  api.setSocketUrl(socket.url);
  bot = createFakeBot(slackReplies);
  adapter = createSlackAdapter({
    botToken: "xoxb-test-token",
    appToken: "xapp-test-token",
    apiUrl: api.apiUrl,
    retries: 0,
  });
  await adapter.start(bot);
  await socket.connected();
});

afterEach(async () => {
  await adapter.stop();
  await socket.close();
  await api.close();
});

/** A slash command as Slack sends it over the socket, answered at response_url `responseId`. */
function slashCommandEnvelope(envelopeId: string, text: string, responseId: string) {
  return {
    envelope_id: envelopeId,
    type: "slash_commands",
    accepts_response_payload: true,
    payload: {
      token: "legacy",
      team_id: "T0TEAM",
      channel_id: "C0CHAN",
      user_id: "U0ALICE",
      command: "/papers",
      text,
      api_app_id: "A0APP",
      response_url: api.responseUrl(responseId),
      trigger_id: "1.2.3",
    },
  };
}

describe("Slack adapter in Socket Mode", () => {
  it("opened the connection with the app token and serves no HTTP", () => {
    const open = api.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe("xapp-test-token");
    expect(adapter.url).toBeUndefined();
  });

  it("acks a slash command envelope over the socket and hands the command to the bot", async () => {
    socket.push(slashCommandEnvelope("env-1", "search local sgd", "sock-1"));
    expect(await socket.ack("env-1")).toEqual({ envelope_id: "env-1", payload: {} });
    await api.waitFor(() => api.callsTo("chat.postMessage").length === 1);
    await adapter.idle();
    expect(bot.events).toEqual([
      {
        type: "command",
        text: "search local sgd",
        actor: { platform: "slack", workspaceId: "T0TEAM", userId: "U0ALICE", isAdmin: false },
        place: { platform: "slack", workspaceId: "T0TEAM", channelId: "C0CHAN" },
      },
    ]);
    expect(bot.refs[0]).toMatchObject({
      channelId: "C0CHAN",
      messageId: expect.stringMatching(/^1700000000\./),
    });
  });

  it("carries a slash command's quick private reply in the envelope's acknowledgement", async () => {
    socket.push(slashCommandEnvelope("env-4", "export", "sock-4"));
    const acked = (await socket.ack("env-4")) as { payload: { response_type?: string; text?: string } };
    expect(acked.payload).toMatchObject({ response_type: "ephemeral", text: "Your saves as BibTeX" });
    await adapter.idle();
    // Nothing else carried it: no response_url post, no channel message.
    expect(api.responses).toHaveLength(0);
    expect(api.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("acks a re-delivered reaction event but hands it to the bot once", async () => {
    const envelope = (id: string, retry: number) => ({
      envelope_id: id,
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: retry,
      retry_reason: retry ? "timeout" : "",
      payload: {
        team_id: "T0TEAM",
        api_app_id: "A0APP",
        type: "event_callback",
        event_id: "EvSock1",
        event_time: 1700000002,
        event: {
          type: "reaction_added",
          user: "U0ALICE",
          reaction: "two",
          item: { type: "message", channel: "C0CHAN", ts: "1700000000.000001" },
          item_user: "U0BOT",
          event_ts: "1700000002.000100",
        },
      },
    });
    socket.push(envelope("env-2", 0));
    await socket.ack("env-2");
    socket.push(envelope("env-3", 1));
    await socket.ack("env-3");
    await api.waitFor(() => api.callsTo("chat.postEphemeral").length === 1);
    await adapter.idle();
    expect(bot.events).toHaveLength(1);
    expect(bot.events[0]).toMatchObject({ type: "reaction", emoji: "two", added: true });
  });
});
