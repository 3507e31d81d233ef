// The model port through the real openai SDK against a local fake server: answers, retries, limits, and the key kept out of logs.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLanguageModel } from "../../src/llm/openai-model.js";
import { LlmError } from "../../src/llm/port.js";
import { type FakeOpenAi, fakeEmbedding, startFakeOpenAi } from "../fakes/openai-server.js";
import { capturedLog, llmSettings, modelFor, TEST_KEY } from "./helpers.js";

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(async () => {
  await fake.close();
});

const ask = (text: string) => ({
  workspace: "slack:T1",
  messages: [{ role: "user" as const, content: text }],
  maxTokens: 100,
});

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

describe("the OpenAI-compatible model port", () => {
  it("answers a chat, sending the model, the key as a bearer token and the token limit", async () => {
    const result = await modelFor(fake).chat(ask("hello"));
    expect(result.text).toBe("echo: hello");
    expect(result.tokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.path).toBe("/v1/chat/completions");
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(fake.requests[0]?.body).toMatchObject({ model: "fake-chat", max_tokens: 100 });
  });

  it("reads a streamed answer whole, and stops reading at maxChars", async () => {
    const model = modelFor(fake);
    const long = "x".repeat(200);
    expect((await model.chat({ ...ask(long), stream: true })).text).toBe(`echo: ${long}`);
    expect(fake.requests[0]?.body).toMatchObject({ stream: true });
    const cut = await model.chat({ ...ask(long), stream: true, maxChars: 20 });
    expect(cut.text).toBe(`echo: ${long}`.slice(0, 20));
  });

  it("embeds texts as the server's deterministic vectors, in order", async () => {
    const vectors = await modelFor(fake).embed?.("slack:T1", ["a", "b", "a"]);
    expect(vectors).toEqual([fakeEmbedding("a"), fakeEmbedding("b"), fakeEmbedding("a")]);
    expect(fake.requests[0]?.body).toMatchObject({ model: "fake-embed", encoding_format: "float" });
  });

  it("has no embed without an embeddings model", () => {
    expect(modelFor(fake, { embeddings: false }).embed).toBeUndefined();
  });

  it("retries a 429 after the Retry-After the server gives", async () => {
    fake.fail({ kind: "status", status: 429, retryAfter: "0" });
    const result = await modelFor(fake, { settings: { maxRetries: 2 } }).chat(ask("again"));
    expect(result.text).toBe("echo: again");
    expect(fake.requests).toHaveLength(2);
  });

  it("gives up at once when Retry-After asks for longer than maxRetryAfterMs", async () => {
    fake.fail({ kind: "status", status: 429, retryAfter: "3600" });
    const model = modelFor(fake, { settings: { maxRetries: 2, maxRetryAfterMs: 1_000 } });
    const error = await failure(model.chat(ask("later")));
    expect(error.kind).toBe("rate-limited");
    expect(fake.requests).toHaveLength(1);
  });

  it("retries a 500 up to maxRetries, then says the server is unavailable", async () => {
    fake.fail({ kind: "status", status: 500, retryAfter: "0" });
    expect((await modelFor(fake, { settings: { maxRetries: 1 } }).chat(ask("ok"))).text).toBe("echo: ok");
    fake.fail({ kind: "status", status: 500, retryAfter: "0" }, 2);
    const error = await failure(modelFor(fake, { settings: { maxRetries: 1 } }).chat(ask("no")));
    expect(error.kind).toBe("unavailable");
    expect(fake.requests).toHaveLength(4);
  });

  it("does not retry a refusal (400)", async () => {
    fake.fail({ kind: "status", status: 400 });
    const error = await failure(modelFor(fake, { settings: { maxRetries: 2 } }).chat(ask("bad")));
    expect(error.kind).toBe("refused");
    expect(fake.requests).toHaveLength(1);
  });

  it("times out a server that never answers", async () => {
    fake.fail({ kind: "hang" });
    const error = await failure(modelFor(fake, { settings: { timeoutMs: 200 } }).chat(ask("slow")));
    expect(error.kind).toBe("timeout");
  });

  it("reports malformed JSON as an unreadable answer", async () => {
    fake.fail({ kind: "malformed" });
    const error = await failure(modelFor(fake).chat(ask("broken")));
    expect(error.kind).toBe("invalid-response");
  });

  it("keeps at most `concurrency` calls in flight", async () => {
    fake.delayMs = 50;
    const model = modelFor(fake, { settings: { concurrency: 2 } });
    await Promise.all(Array.from({ length: 6 }, (_, i) => model.chat(ask(`q${i}`))));
    expect(fake.requests).toHaveLength(6);
    expect(fake.maxInFlight).toBe(2);
  });

  it("refuses calls past a workspace's daily token budget without sending them, and resets the next UTC day", async () => {
    let now = new Date("2026-03-02T10:00:00Z");
    // Each call reserves its prompt plus max_tokens (100); "first" then costs the fake's 5 tokens.
    const model = modelFor(fake, { settings: { dailyTokenBudget: 105 }, now: () => now });
    await model.chat(ask("first"));
    const error = await failure(model.chat(ask("second")));
    expect(error.kind).toBe("budget");
    expect(fake.requests).toHaveLength(1);
    // Another workspace has its own budget.
    await model.chat({ ...ask("elsewhere"), workspace: "discord:G1" });
    now = new Date("2026-03-03T00:00:01Z");
    await model.chat(ask("tomorrow"));
    expect(fake.requests).toHaveLength(3);
  });

  it("logs each call and each failure without the key", async () => {
    const { log, lines } = capturedLog();
    const model = modelFor(fake, { log, settings: { maxRetries: 1 } });
    await model.chat(ask("fine"));
    fake.fail({
      kind: "status",
      status: 401,
      body: JSON.stringify({ error: { message: `bad key ${TEST_KEY}` } }),
    });
    await failure(model.chat(ask("denied")));
    const all = lines.join("");
    expect(all).toContain("model call");
    expect(all).toContain("model call failed");
    expect(all).not.toContain(TEST_KEY);
    expect(all).not.toContain(TEST_KEY.slice(3, 20));
  });

  it("builds no client and makes no request when no endpoint is configured, whatever OPENAI_* says", async () => {
    const saved = { url: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
    process.env.OPENAI_BASE_URL = fake.url;
    process.env.OPENAI_API_KEY = TEST_KEY;
    try {
      const model = createLanguageModel({
        secrets: undefined,
        settings: llmSettings(),
        log: capturedLog().log,
        now: () => new Date(),
      });
      expect(model).toBeUndefined();
      expect(fake.requests).toHaveLength(0);
    } finally {
      if (saved.url === undefined) delete process.env.OPENAI_BASE_URL;
      else process.env.OPENAI_BASE_URL = saved.url;
      if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved.key;
    }
  });
});
