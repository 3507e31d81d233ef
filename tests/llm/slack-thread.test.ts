// Questions in a paper's Slack thread, through the real Bolt app: an app_mention is acked at once and answered in the thread, with the thread's earlier turns.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../../adapters/slack/index.js";
import type { MessageRef, Place } from "../../src/chat/port.js";
import { createCore } from "../../src/core.js";
import { openModelState } from "../../src/llm/model-state.js";
import { createModelServices, type ModelServices } from "../../src/llm/services.js";
import type { Paper } from "../../src/papers/paper.js";
import type { LowStore } from "../../src/store/low-store.js";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/openai-server.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import { appMentionBody, localAdapterOptions, sendSigned } from "../fakes/slack-requests.js";
import { memoryLogger, seededStore, testSettings } from "../helpers/core.js";

const CHANNEL: Place = { platform: "slack", workspaceId: "T0TEAM", channelId: "C0CHAN" };
const now = () => new Date("2026-11-22T12:00:00Z");

let model: FakeOpenAi;
let api: FakeSlackApi;
let adapter: SlackAdapter;
let store: LowStore;
let paper: Paper;
let dataDir: string;
let mentions = 0;

beforeEach(async () => {
  model = await startFakeOpenAi();
  api = await startFakeSlackApi();
  store = await seededStore();
  paper = [...store.corpus.all()][0] as Paper;
  dataDir = mkdtempSync(join(tmpdir(), "paperbot-threads-"));
});
afterEach(async () => {
  await adapter.stop();
  await api.close();
  await model.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startBot(withModel: boolean): Promise<ModelServices | undefined> {
  const settings = testSettings();
  const log = memoryLogger().log;
  const llm = withModel
    ? createModelServices({
        secrets: { url: model.url, model: "fake-chat" },
        settings,
        store,
        log,
        now,
        state: await openModelState(dataDir, log),
      })
    : undefined;
  const core = await createCore({ store, settings, log, now, llm });
  adapter = createSlackAdapter({ botToken: "xoxb-test-token", ...localAdapterOptions(api) });
  await adapter.start(core.bot);
  return llm;
}

/** A one-paper message the bot posted (as a digest does), recorded so the core knows its paper. */
async function postPaper(paperIds = [paper.id]): Promise<MessageRef> {
  const ref = await adapter.post(CHANNEL, { text: paper.title });
  await store.recordPost({ ref, paperIds, postedAt: now().toISOString(), kind: "digest" });
  return ref;
}

function mention(text: string, threadTs?: string): Promise<Response> {
  mentions += 1;
  const body = appMentionBody({
    eventId: `Ev${mentions}`,
    text,
    ts: `1700000100.${String(mentions).padStart(6, "0")}`,
    ...(threadTs ? { threadTs } : {}),
  });
  return sendSigned(`${adapter.url}/slack/events`, body, "application/json");
}

const answers = () => api.callsTo("chat.postMessage").slice(1);

describe("a question in a paper's Slack thread", () => {
  it("is acked while the model thinks, then answered in the thread, escaped", async () => {
    await startBot(true);
    const root = await postPaper();
    model.answerWith(() =>
      JSON.stringify({ answered: true, answer: "On web text. <!channel> @everyone", quote: "" }),
    );
    const release = model.holdAnswers();
    const response = await mention("<@U0BOT> what data do they train on?", root.messageId);
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(model.requests).toHaveLength(1), { timeout: 5_000, interval: 10 });
    expect(answers()).toHaveLength(0);
    release();
    await adapter.idle();

    const [answer] = answers();
    expect(answer?.params.thread_ts).toBe(root.messageId);
    expect(answer?.params.channel).toBe("C0CHAN");
    const shown = JSON.stringify(answer?.params);
    expect(shown).toContain("On web text.");
    expect(shown).not.toContain("<!channel>");
    // The question reached the model without the bot's mention.
    const sent = JSON.stringify(model.requests[0]?.body.messages);
    expect(sent).toContain("what data do they train on?");
    expect(sent).not.toContain("U0BOT");
  });

  it("sends the thread's earlier turns with a follow-up, and keeps them across a restart", async () => {
    await startBot(true);
    const root = await postPaper();
    model.answerWith((messages) => {
      const last = messages.at(-1)?.content ?? "";
      const answer = last.includes("and the second") ? "Second answer." : "First answer about GPUs.";
      return JSON.stringify({ answered: true, answer, quote: "" });
    });
    await mention("<@U0BOT> how many GPUs?", root.messageId);
    await adapter.idle();
    await vi.waitFor(() => expect(answers()).toHaveLength(1));

    // A restart: the same data directory, a new bot.
    await adapter.stop();
    await startBot(true);
    await mention("<@U0BOT> and the second question?", root.messageId);
    await adapter.idle();
    await vi.waitFor(() => expect(answers()).toHaveLength(2));
    const followUp = JSON.stringify(model.requests[1]?.body.messages);
    expect(followUp).toContain("how many GPUs?");
    expect(followUp).toContain("First answer about GPUs.");
    expect(answers()[1]?.params.thread_ts).toBe(root.messageId);
  });

  it("answers a mention outside a paper's thread with a quiet hint, and asks no model", async () => {
    await startBot(true);
    await mention("<@U0BOT> what is this?", "1699999999.000001");
    await mention("<@U0BOT> hello");
    await adapter.idle();
    await vi.waitFor(() => expect(api.callsTo("chat.postEphemeral")).toHaveLength(2));
    const hints = api.callsTo("chat.postEphemeral");
    expect(String(hints[0]?.params.text)).toContain("thread of a paper I posted");
    expect(hints[0]?.params.thread_ts).toBe("1699999999.000001");
    expect(hints[0]?.params.user).toBe("U0ALICE");
    expect(api.callsTo("chat.postMessage")).toHaveLength(0);
    expect(model.requests).toHaveLength(0);
  });

  it("says a message with several papers needs an id, without asking the model", async () => {
    await startBot(true);
    const ids = [...store.corpus.all()].slice(0, 3).map((p) => p.id);
    const root = await postPaper(ids);
    await mention("<@U0BOT> what data?", root.messageId);
    await adapter.idle();
    await vi.waitFor(() => expect(api.callsTo("chat.postEphemeral")).toHaveLength(1));
    expect(String(api.callsTo("chat.postEphemeral")[0]?.params.text)).toContain("3 papers");
    expect(model.requests).toHaveLength(0);
  });

  it("with no model configured, says so in one private line and sends nothing anywhere", async () => {
    await startBot(false);
    const root = await postPaper();
    await mention("<@U0BOT> what data?", root.messageId);
    await adapter.idle();
    await vi.waitFor(() => expect(api.callsTo("chat.postEphemeral")).toHaveLength(1));
    expect(String(api.callsTo("chat.postEphemeral")[0]?.params.text)).toContain(
      "No language model is configured",
    );
    expect(answers()).toHaveLength(0);
    expect(model.requests).toHaveLength(0);
  });
});
