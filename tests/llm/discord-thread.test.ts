// Questions in reply to a paper on Discord, through the real discord.js client: typing at once, then an answer replying to the question, pinging no one.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDiscordAdapter } from "../../adapters/discord/index.js";
import type { ChatPort, MessageRef, Place } from "../../src/chat/port.js";
import { createCore } from "../../src/core.js";
import { createModelServices } from "../../src/llm/services.js";
import type { Paper } from "../../src/papers/paper.js";
import type { LowStore } from "../../src/store/low-store.js";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/fake-discord.js";
import type { RecordedRequest } from "../fakes/discord/fake-rest.js";
import { messagePayload } from "../fakes/discord/payloads.js";
import { type FakeWorld, snowflake } from "../fakes/discord/world.js";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/openai-server.js";
import { memoryLogger, seededStore, testSettings } from "../helpers/core.js";

const APP = "1100000000000000001";
const BOT = "4400000000000000004";
const GUILD = "2200000000000000002";
const CHANNEL = "3300000000000000003";
const ALICE = { id: "5500000000000000005", username: "alice" };
const PLACE: Place = { platform: "discord", workspaceId: GUILD, channelId: CHANNEL };
const now = () => new Date("2026-11-22T12:00:00Z");

const world = (): FakeWorld => ({
  applicationId: APP,
  bot: { id: BOT, username: "paperbot" },
  guilds: [{ id: GUILD, name: "ml-lab", channels: [{ id: CHANNEL, name: "papers" }] }],
});

let model: FakeOpenAi;
let discord: FakeDiscord;
let adapter: ChatPort;
let store: LowStore;
let paper: Paper;

beforeEach(async () => {
  model = await startFakeOpenAi();
  discord = await startFakeDiscord(world());
  store = await seededStore();
  paper = [...store.corpus.all()][0] as Paper;
});
afterEach(async () => {
  await adapter.stop();
  await discord.close();
  await model.close();
});

async function startBot(withModel: boolean): Promise<void> {
  const settings = testSettings();
  const log = memoryLogger().log;
  const llm = withModel
    ? createModelServices({ secrets: { url: model.url, model: "fake-chat" }, settings, store, log, now })
    : undefined;
  const core = await createCore({ store, settings, log, now, llm });
  adapter = createDiscordAdapter({ token: "fake.token.value", applicationId: APP, apiUrl: discord.apiUrl });
  await adapter.start(core.bot);
}

async function postPaper(): Promise<MessageRef> {
  const ref = await adapter.post(PLACE, { text: paper.title });
  await store.recordPost({ ref, paperIds: [paper.id], postedAt: now().toISOString(), kind: "digest" });
  return ref;
}

function say(content: string, replyTo?: string): string {
  const id = snowflake();
  discord.gateway.dispatch(
    "MESSAGE_CREATE",
    messagePayload({
      id,
      guildId: GUILD,
      channelId: CHANNEL,
      author: ALICE,
      content,
      ...(replyTo ? { replyTo } : {}),
    }),
  );
  return id;
}

/** The bot's replies (its answers and hints; the paper it posted replies to nothing). */
const posts = (): RecordedRequest[] =>
  discord.rest.requests.filter(
    (r) =>
      r.method === "POST" &&
      r.path === `/channels/${CHANNEL}/messages` &&
      (r.body as { message_reference?: unknown }).message_reference !== undefined,
  );
const body = (r: RecordedRequest | undefined) =>
  r?.body as {
    content?: string;
    message_reference?: { message_id: string };
    flags?: number;
    allowed_mentions?: unknown;
  };

describe("a question in reply to a paper on Discord", () => {
  it("shows typing at once, then replies to the question with the answer, pinging no one", async () => {
    await startBot(true);
    const root = await postPaper();
    model.answerWith(() => JSON.stringify({ answered: true, answer: "On web text. @everyone", quote: "" }));
    const release = model.holdAnswers();
    const question = say("what data do they train on?", root.messageId);

    await discord.rest.waitFor((r) => r.path === `/channels/${CHANNEL}/typing`);
    await vi.waitFor(() => expect(model.requests).toHaveLength(1), { timeout: 5_000, interval: 10 });
    expect(posts()).toHaveLength(0);
    release();
    await vi.waitFor(() => expect(posts()).toHaveLength(1), { timeout: 5_000, interval: 10 });

    const answer = body(posts()[0]);
    expect(answer.message_reference?.message_id).toBe(question);
    expect(JSON.stringify(answer)).toContain("On web text.");
    expect(answer.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(JSON.stringify(model.requests[0]?.body.messages)).toContain("what data do they train on?");
  });

  it("continues the conversation when someone replies to the bot's answer", async () => {
    await startBot(true);
    const root = await postPaper();
    model.answerWith((messages) =>
      JSON.stringify({
        answered: true,
        answer: (messages.at(-1)?.content ?? "").includes("follow") ? "Second." : "First about GPUs.",
        quote: "",
      }),
    );
    say(`<@${BOT}> how many GPUs?`, root.messageId);
    await vi.waitFor(() => expect(posts()).toHaveLength(1), { timeout: 5_000, interval: 10 });
    const answerId = (
      discord.rest.messages.size > 0 ? [...discord.rest.messages.keys()].at(-1) : ""
    ) as string;

    say("a follow-up, please", answerId);
    await vi.waitFor(() => expect(posts()).toHaveLength(2), { timeout: 5_000, interval: 10 });
    const followUp = JSON.stringify(model.requests[1]?.body.messages);
    expect(followUp).toContain("how many GPUs?");
    expect(followUp).toContain("First about GPUs.");
  });

  it("ignores replies to other people's messages, and answers a bare mention with a silent hint", async () => {
    await startBot(true);
    const someone = say("a paper I liked");
    say("me too", someone);
    say(`<@${BOT}> what is new?`);
    await vi.waitFor(() => expect(posts()).toHaveLength(1), { timeout: 5_000, interval: 10 });
    const hint = body(posts()[0]);
    expect(hint.content).toContain("thread of a paper I posted");
    expect(hint.flags).toBe(4096); // SuppressNotifications: nobody is notified
    // Give a stray answer to "me too" time to show up, then check there was none.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(posts()).toHaveLength(1);
    expect(model.requests).toHaveLength(0);
  });

  it("with no model configured, answers in one silent line and sends nothing to any model", async () => {
    await startBot(false);
    const root = await postPaper();
    say("what data?", root.messageId);
    await vi.waitFor(() => expect(posts()).toHaveLength(1), { timeout: 5_000, interval: 10 });
    expect(body(posts()[0]).content).toContain("No language model is configured");
    expect(model.requests).toHaveLength(0);
  });
});
