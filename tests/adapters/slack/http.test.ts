// End to end over HTTP: the real Bolt App receives signed requests and talks to a fake Slack Web API.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../../../adapters/slack/index.js";
import type { BotEvent } from "../../../src/chat/port.js";
import { PostError } from "../../../src/chat/port.js";
import { createFakeBot, type FakeBot } from "../../fakes/fake-bot.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../fakes/slack-api.js";
import {
  blockActionsBody,
  localAdapterOptions,
  reactionEventBody,
  SIGNING_SECRET,
  sendSigned,
  slashCommandBody,
} from "../../fakes/slack-requests.js";
import { slackReplies } from "./canned-replies.js";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

let api: FakeSlackApi;
let adapter: SlackAdapter;
let bot: FakeBot;

beforeAll(async () => {
  api = await startFakeSlackApi();
});
afterAll(async () => {
  await api.close();
});

/** How long an acknowledgement waits for a private reply here: short, so a held bot's replies take response_url. */
const ACK_WAIT_MS = 200;

async function startAdapter(processBeforeResponse = true): Promise<void> {
  bot = createFakeBot(slackReplies);
  adapter = createSlackAdapter({
    botToken: "xoxb-test-token",
    ...localAdapterOptions(api),
    processBeforeResponse,
    inlineAckWaitMs: ACK_WAIT_MS,
  });
  await adapter.start(bot);
}

function events(): string {
  return `${adapter.url}/slack/events`;
}

function command(text: string, responseId: string, extra: { userId?: string; channelId?: string } = {}) {
  return sendSigned(
    events(),
    slashCommandBody({ text, responseUrl: api.responseUrl(responseId), ...extra }),
    FORM,
  );
}

describe("Slack adapter over HTTP", () => {
  beforeEach(async () => {
    api.calls.length = 0;
    api.responses.length = 0;
    await startAdapter();
  });
  afterEach(async () => {
    await adapter.stop();
  });

  it("answers /healthz with 200", async () => {
    const res = await fetch(`${adapter.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("verified the token once at start with auth.test", () => {
    expect(api.callsTo("auth.test")).toHaveLength(1);
    expect(api.callsTo("auth.test")[0]?.token).toBe("xoxb-test-token");
  });

  it("turns /papers into a command event and posts a channel reply with chat.postMessage", async () => {
    const res = await command("search local sgd", "r1");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");

    expect(bot.events).toEqual<BotEvent[]>([
      {
        type: "command",
        text: "search local sgd",
        actor: { platform: "slack", workspaceId: "T0TEAM", userId: "U0ALICE", isAdmin: false },
        place: { platform: "slack", workspaceId: "T0TEAM", channelId: "C0CHAN" },
      },
    ]);
    const posts = api.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    const params = posts[0]?.params ?? {};
    expect(params.channel).toBe("C0CHAN");
    expect(params.text).toBe("2 papers for local sgd");
    expect(params.unfurl_links).toBe("false");
    const blocks = params.blocks as { type: string; text?: { text: string }; accessory?: unknown }[];
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Papers for “local sgd”", emoji: false },
    });
    // The title's mention is inert text and its mrkdwn cannot bold anything.
    expect(blocks[1]?.text?.text).toContain(
      "<https://arxiv.org/abs/2506.13585|Local SGD &lt;!channel&gt; ∗fast∗>",
    );
    expect(blocks[1]?.accessory).toEqual({
      type: "button",
      text: { type: "plain_text", text: "Save", emoji: true },
      action_id: "paperbot:save:card0",
      value: "2506.13585",
    });
    expect(JSON.stringify(blocks)).toContain("Second &amp; last");
    expect(JSON.stringify(blocks)).not.toContain("<!channel>");
    const actions = blocks.at(-1) as unknown as {
      type: string;
      elements: { action_id: string; value: string }[];
    };
    expect(actions.type).toBe("actions");
    expect(actions.elements[0]).toMatchObject({ action_id: "paperbot:more:more", value: "cursor:2" });

    // The reply's MessageRef is the posted message, so reactions on it can be traced to its papers.
    const ts = posts[0]?.answer?.ts;
    expect(ts).toMatch(/^1700000000\.\d{6}$/);
    expect(bot.refs).toEqual([
      { platform: "slack", workspaceId: "T0TEAM", channelId: "C0CHAN", messageId: ts },
    ]);
    expect(api.responses).toHaveLength(0);
  });

  it("answers a slash command's private reply in its acknowledgement, as an ephemeral message", async () => {
    const res = await command("export", "r2");
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(((await res.json()) as { text: string }).text).toBe("Your saves as BibTeX");
    expect(api.callsTo("chat.postMessage")).toHaveLength(0);
    // Slack shows the acknowledgement's message as it shows one sent to response_url (sendSigned does the same).
    expect(api.responses).toHaveLength(1);
    const body = api.responses[0]?.body ?? {};
    expect(api.responses[0]).toMatchObject({ id: "r2", inline: true });
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toBe("Your saves as BibTeX");
    expect(JSON.stringify(body.blocks)).toContain(
      "```\\n@article{qin2025,\\n  title={A &amp; B &lt;x&gt;}\\n}\\n```",
    );
    expect(bot.refs).toEqual([undefined]);
  });

  it("escapes user text echoed back in a reply", async () => {
    await command("frobnicate <!here>", "r3");
    const body = api.responses[0]?.body ?? {};
    expect(body.text).toBe("Unknown command &lt;@U0EVE&gt;: frobnicate &lt;!here&gt;");
  });

  it("looks up admins with users.info", async () => {
    api.setUser("U0ADMIN", { is_admin: true });
    await command("help", "r4", { userId: "U0ADMIN" });
    expect(bot.events[0]?.actor.isAdmin).toBe(true);
    expect(api.callsTo("users.info").map((call) => call.params.user)).toEqual(["U0ADMIN"]);
  });

  it("falls back to response_url in_channel when the bot is not in the channel", async () => {
    api.fail("chat.postMessage", { kind: "error", error: "not_in_channel" });
    await command("search local sgd", "r5");
    expect(api.callsTo("chat.postMessage")).toHaveLength(1);
    expect(api.responses).toHaveLength(1);
    expect(api.responses[0]?.body.response_type).toBe("in_channel");
    expect(bot.refs).toEqual([undefined]);
  });

  it("turns a Save click into an action event and answers privately without replacing the message", async () => {
    const body = blockActionsBody({
      actionId: "paperbot:save:card0",
      value: "2506.13585",
      responseUrl: api.responseUrl("c1"),
    });
    const res = await sendSigned(events(), body, FORM);
    expect(res.status).toBe(200);
    expect(bot.events).toEqual<BotEvent[]>([
      {
        type: "action",
        action: "save",
        value: "2506.13585",
        actor: { platform: "slack", workspaceId: "T0TEAM", userId: "U0ALICE", isAdmin: false },
        place: { platform: "slack", workspaceId: "T0TEAM", channelId: "C0CHAN" },
        message: {
          platform: "slack",
          workspaceId: "T0TEAM",
          channelId: "C0CHAN",
          messageId: "1700000000.000001",
        },
      },
    ]);
    expect(api.responses[0]?.body).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
      text: "Saved 2506.13585 to your list.",
    });
  });

  it("ignores buttons that are not paperbot's", async () => {
    const body = blockActionsBody({
      actionId: "someone-else",
      value: "x",
      responseUrl: api.responseUrl("c2"),
    });
    const res = await sendSigned(events(), body, FORM);
    expect(res.status).toBe(200);
    expect(bot.events).toHaveLength(0);
    expect(api.responses).toHaveLength(0);
  });

  it("turns reactions into reaction events, answers privately, and handles a retried delivery once", async () => {
    const added = reactionEventBody({ eventId: "Ev1", added: true, reaction: "bookmark" });
    expect((await sendSigned(events(), added, JSON_TYPE)).status).toBe(200);
    const retried = await sendSigned(events(), added, JSON_TYPE, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retried.status).toBe(200);
    const removed = reactionEventBody({ eventId: "Ev2", added: false, reaction: "star::skin-tone-3" });
    expect((await sendSigned(events(), removed, JSON_TYPE)).status).toBe(200);

    const target = {
      platform: "slack",
      workspaceId: "T0TEAM",
      channelId: "C0CHAN",
      messageId: "1700000000.000001",
    };
    const actor = { platform: "slack", workspaceId: "T0TEAM", userId: "U0ALICE" };
    expect(bot.events).toEqual([
      { type: "reaction", emoji: "bookmark", added: true, target, actor },
      { type: "reaction", emoji: "star", added: false, target, actor },
    ]);
    const ephemerals = api.callsTo("chat.postEphemeral");
    expect(ephemerals).toHaveLength(2);
    expect(ephemerals[0]?.params).toMatchObject({
      channel: "C0CHAN",
      user: "U0ALICE",
      text: "Saved it (bookmark).",
    });
  });

  it("ignores the bot's own reactions", async () => {
    const own = reactionEventBody({ eventId: "Ev3", added: true, reaction: "one", userId: "U0BOT" });
    expect((await sendSigned(events(), own, JSON_TYPE)).status).toBe(200);
    expect(bot.events).toHaveLength(0);
  });

  it("rejects a bad signature and a stale timestamp with 401", async () => {
    const body = slashCommandBody({ text: "help", responseUrl: api.responseUrl("x") });
    const forged = await sendSigned(events(), body, FORM, { secret: "not-the-secret" });
    expect(forged.status).toBe(401);
    const stale = await sendSigned(events(), body, FORM, {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(events(), { method: "POST", headers: { "content-type": FORM }, body });
    expect(unsigned.status).toBe(401);
    expect(bot.events).toHaveLength(0);
  });

  it("posts digests with post() and returns the message's ref", async () => {
    const place = { platform: "slack" as const, workspaceId: "T0TEAM", channelId: "C0DIGEST" };
    const ref = await adapter.post(place, { text: "Today's papers", heading: "Today" });
    expect(ref).toMatchObject({ platform: "slack", workspaceId: "T0TEAM", channelId: "C0DIGEST" });
    const call = api.callsTo("chat.postMessage")[0];
    expect(call?.token).toBe("xoxb-test-token");
    expect(call?.params.channel).toBe("C0DIGEST");
    expect(ref.messageId).toMatch(/^1700000000\.\d{6}$/);
  });

  it("posts into a thread when the place has one", async () => {
    const place = {
      platform: "slack" as const,
      workspaceId: "T0TEAM",
      channelId: "C0",
      threadId: "1700000000.000009",
    };
    await adapter.post(place, { text: "In the thread" });
    expect(api.callsTo("chat.postMessage")[0]?.params.thread_ts).toBe("1700000000.000009");
  });

  it("classifies post() failures as PostError kinds", async () => {
    const place = { platform: "slack" as const, workspaceId: "T0TEAM", channelId: "C0X" };
    const attempt = () =>
      adapter.post(place, { text: "x" }).then(
        () => undefined,
        (error: unknown) => error as PostError,
      );

    api.fail("chat.postMessage", { kind: "error", error: "not_in_channel" });
    const forbidden = await attempt();
    expect(forbidden).toMatchObject({ kind: "forbidden" });
    expect(forbidden?.message).toContain("/invite @paperbot");

    api.fail("chat.postMessage", { kind: "error", error: "channel_not_found" });
    expect(await attempt()).toMatchObject({ kind: "channel-gone" });
    api.fail("chat.postMessage", { kind: "error", error: "is_archived" });
    expect(await attempt()).toMatchObject({ kind: "channel-gone" });

    api.fail("chat.postMessage", { kind: "ratelimited", retryAfter: 7 });
    expect(await attempt()).toMatchObject({ kind: "rate-limited", retryAfterMs: 7_000 });

    api.fail("chat.postMessage", { kind: "http", status: 500 });
    expect(await attempt()).toMatchObject({ kind: "transient" });
    api.fail("chat.postMessage", { kind: "http", status: 503 });
    expect(await attempt()).toMatchObject({ kind: "transient" });

    api.fail("chat.postMessage", { kind: "error", error: "invalid_blocks" });
    expect(await attempt()).toMatchObject({ kind: "invalid" });
  });

  it("checks access with conversations.info and says how to invite the bot", async () => {
    const place = (channelId: string) => ({ platform: "slack" as const, workspaceId: "T0TEAM", channelId });
    api.setChannel("C0IN", { is_member: true });
    api.setChannel("C0OUT", { is_member: false });
    api.setChannel("C0OLD", { is_member: true, is_archived: true });
    api.setChannel("G0SECRET", "not_found");
    expect(await adapter.checkAccess?.(place("C0IN"))).toBeUndefined();
    expect(await adapter.checkAccess?.(place("C0OUT"))).toBe(
      "I'm not a member of this channel yet. Invite me with /invite @paperbot, then try again.",
    );
    expect(await adapter.checkAccess?.(place("C0OLD"))).toContain("archived");
    expect(await adapter.checkAccess?.(place("G0SECRET"))).toContain("/invite @paperbot");
    api.fail("conversations.info", { kind: "http", status: 502 });
    await expect(adapter.checkAccess?.(place("C0IN"))).rejects.toMatchObject({ kind: "transient" });
  });
});

describe("Slack adapter acknowledges a slash command with its quick reply, or empty while the bot works", () => {
  beforeEach(async () => {
    api.calls.length = 0;
    api.responses.length = 0;
    await startAdapter(false);
  });
  afterEach(async () => {
    await adapter.stop();
  });

  it("answers a quick private reply in the acknowledgement itself", async () => {
    const res = await command("export", "quick");
    expect(((await res.json()) as { response_type: string }).response_type).toBe("ephemeral");
    await adapter.idle();
    expect(api.responses.map(({ id, inline }) => ({ id, inline }))).toEqual([{ id: "quick", inline: true }]);
  });

  it("sends a private reply with a figure through response_url, where a refused figure can be dropped", async () => {
    const res = await command("figure", "fig");
    expect(await res.text()).toBe("");
    await adapter.idle();
    expect(api.responses).toHaveLength(1);
    expect(api.responses[0]).toMatchObject({ id: "fig", inline: false });
    expect(JSON.stringify(api.responses[0]?.body.blocks)).toContain("https://cdn.example/figure.png");
  });

  it("sends a private reply through response_url once the acknowledgement has gone without it", async () => {
    bot.hold();
    const res = await command("export", "late");
    // The acknowledgement waited ACK_WAIT_MS for the held reply, then went empty.
    expect(await res.text()).toBe("");
    bot.release();
    await adapter.idle();
    expect(api.responses).toHaveLength(1);
    expect(api.responses[0]).toMatchObject({ id: "late", inline: false });
    expect(api.responses[0]?.body).toMatchObject({
      response_type: "ephemeral",
      text: "Your saves as BibTeX",
    });
  });

  it("gives the bot a classified PostError when even response_url fails", async () => {
    api.failResponseUrl("r6", 404);
    bot.hold();
    await command("export", "r6");
    bot.release();
    await adapter.idle();
    expect(bot.replyErrors).toHaveLength(1);
    expect(bot.replyErrors[0]).toBeInstanceOf(PostError);
  });

  it("acks a slash command within the wait while the bot is still working, and replies when it is done", async () => {
    bot.hold();
    const res = await command("search local sgd", "slow");
    expect(res.status).toBe(200);
    // The HTTP answer came back, empty, while the bot is still holding its reply.
    expect(await res.text()).toBe("");
    expect(api.callsTo("chat.postMessage")).toHaveLength(0);
    await api.waitFor(() => bot.events.length === 1);
    bot.release();
    await adapter.idle();
    expect(api.callsTo("chat.postMessage")).toHaveLength(1);
  });
});

describe("Slack adapter set-up", () => {
  it("fails at start, with a reason, when Slack refuses the bot token", async () => {
    api.fail("auth.test", { kind: "error", error: "invalid_auth" });
    const refused = createSlackAdapter({
      botToken: "xoxb-bad",
      signingSecret: SIGNING_SECRET,
      port: 0,
      apiUrl: api.apiUrl,
      retries: 0,
    });
    await expect(refused.start(createFakeBot(slackReplies))).rejects.toThrow(
      /did not accept the bot token.*invalid_auth/,
    );
  });

  it("refuses options that cannot work", () => {
    expect(() => createSlackAdapter({ signingSecret: SIGNING_SECRET })).toThrow(/bot token/);
    expect(() => createSlackAdapter({ botToken: "xoxb-1" })).toThrow(/signing secret/);
    expect(() => createSlackAdapter({ botToken: "xoxb-1", appToken: "xapp-1" })).not.toThrow();
  });
});
