// `/papers ask` through the real Bolt app: Slack gets its acknowledgement while the model is still thinking; the answer follows.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../../adapters/slack/index.js";
import { createCore } from "../../src/core.js";
import { createModelServices } from "../../src/llm/services.js";
import type { Paper } from "../../src/papers/paper.js";
import { type FakeOpenAi, startFakeOpenAi } from "../fakes/openai-server.js";
import { type FakeSlackApi, startFakeSlackApi } from "../fakes/slack-api.js";
import { localAdapterOptions, sendSigned, slashCommandBody } from "../fakes/slack-requests.js";
import { memoryLogger, seededStore, testSettings } from "../helpers/core.js";

let model: FakeOpenAi;
let api: FakeSlackApi;
let adapter: SlackAdapter;

beforeEach(async () => {
  model = await startFakeOpenAi();
  api = await startFakeSlackApi();
});
afterEach(async () => {
  await adapter.stop();
  await api.close();
  await model.close();
});

describe("/papers ask on Slack", () => {
  it("acks at once and posts the answer in the channel after the model answers", async () => {
    const store = await seededStore();
    const paper = [...store.corpus.all()][0] as Paper;
    const settings = testSettings();
    const log = memoryLogger().log;
    const now = () => new Date("2026-11-22T12:00:00Z");
    const llm = createModelServices({
      secrets: { url: model.url, model: "fake-chat" },
      settings,
      store,
      log,
      now,
    });
    const core = await createCore({ store, settings, log, now, llm });
    adapter = createSlackAdapter({
      botToken: "xoxb-test-token",
      ...localAdapterOptions(api),
      processBeforeResponse: false,
    });
    await adapter.start(core.bot);
    model.answerWith(() => JSON.stringify({ answered: true, answer: "On web text.", quote: "" }));

    const release = model.holdAnswers();
    const body = slashCommandBody({
      text: `ask ${paper.id} what data?`,
      responseUrl: api.responseUrl("ask1"),
    });
    const response = await sendSigned(
      `${adapter.url}/slack/events`,
      body,
      "application/x-www-form-urlencoded",
    );
    // Acknowledged while the model has not answered: nothing is posted yet.
    expect(response.status).toBe(200);
    expect(api.callsTo("chat.postMessage")).toHaveLength(0);
    expect(api.responses).toHaveLength(0);

    // The bot is now waiting on the model (the request arrived), and still nothing is posted.
    await vi.waitFor(() => expect(model.requests).toHaveLength(1), { timeout: 5_000, interval: 10 });
    expect(api.callsTo("chat.postMessage")).toHaveLength(0);
    release();
    await adapter.idle();
    const posted = api.callsTo("chat.postMessage");
    expect(posted).toHaveLength(1);
    expect(String(posted[0]?.params.text)).toContain("On web text.");
    expect(posted[0]?.params.channel).toBe("C0CHAN");
  });
});
