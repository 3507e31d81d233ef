// The language model port over an OpenAI-compatible HTTP API (OpenAI, Ollama, vLLM, llama.cpp) with the openai SDK.
import OpenAI from "openai";
import type { LlmSecrets, Settings } from "../config.js";
import type { Logger } from "../log.js";
import { createLimiter, type Limiter } from "./concurrency.js";
import { type ChatRequest, type ChatResult, type LanguageModel, LlmError } from "./port.js";
import { fetchWithRetryCap } from "./retry-after.js";
import { type BudgetData, estimateTokens, TokenBudget } from "./token-budget.js";

export interface LanguageModelOptions {
  /** The endpoint; undefined (nothing configured) gives no model at all, and no client is built. */
  secrets: LlmSecrets | undefined;
  settings: Settings["llm"];
  log: Logger;
  now: () => Date;
  /** For tests that count what is sent; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Today's spending from before a restart, and where to keep it (openModelState); in memory without. */
  budget?: { initial?: BudgetData; persist?: (data: BudgetData) => Promise<void> };
}

/** What the SDK's errors mean for a caller that will fall back anyway. */
function classify(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new LlmError("the model server did not answer in time", "timeout");
  if (error instanceof OpenAI.RateLimitError)
    return new LlmError("the model server is rate limiting us", "rate-limited");
  if (error instanceof OpenAI.APIUserAbortError) return new LlmError("the call was abandoned", "timeout");
  if (error instanceof OpenAI.APIConnectionError)
    return new LlmError("the model server could not be reached", "unavailable");
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const kind = error.status >= 500 ? "unavailable" : "refused";
    return new LlmError(`the model server answered ${error.status}`, kind);
  }
  // A body that is not the JSON the API promises (a proxy's HTML page, a cut-off stream).
  return new LlmError(
    `the model server's answer could not be read (${(error as Error).message})`,
    "invalid-response",
  );
}

/**
 * The model, or undefined when no endpoint is configured. Every call goes through the concurrency cap
 * and the workspace's daily token budget; the SDK retries 408/409/429/5xx and dropped connections
 * itself, honouring Retry-After, up to `maxRetries` times (a longer wait than `maxRetryAfterMs` is not
 * waited out). Logs say which model, how long and how many tokens, never the key.
 */
export function createLanguageModel(options: LanguageModelOptions): LanguageModel | undefined {
  const { secrets, settings, now } = options;
  if (!secrets) return undefined;
  const log = options.log.child({ component: "llm" });
  const sdkLog = (level: "debug" | "warn" | "error") => (message: string) => log[level](message);
  const client = new OpenAI({
    baseURL: secrets.url,
    // Local servers take any key; the SDK insists on one.
    apiKey: secrets.apiKey ?? "no-key",
    // Explicit nulls and levels, so the SDK reads none of its own OPENAI_* variables.
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    fetch: fetchWithRetryCap(settings.maxRetryAfterMs, () => now().getTime(), options.fetch),
    logLevel: "info",
    logger: { debug: sdkLog("debug"), info: sdkLog("debug"), warn: sdkLog("warn"), error: sdkLog("error") },
  });
  const limiter: Limiter = createLimiter(settings.concurrency);
  const budget = new TokenBudget(settings.dailyTokenBudget, options.budget?.initial, options.budget?.persist);

  async function metered<T>(
    workspace: string,
    estimate: number,
    what: string,
    call: () => Promise<{ value: T; tokens: number }>,
  ): Promise<T> {
    if (!budget.allows(workspace, estimate, now())) {
      log.warn({ workspace, what, spent: budget.spentToday(workspace, now()) }, "daily token budget reached");
      throw new LlmError("today's token budget for this workspace is spent", "budget");
    }
    return limiter.run(async () => {
      const started = Date.now();
      try {
        const { value, tokens } = await call();
        // Not awaited: the answer need not wait for the disk (the writer logs its own failures).
        void budget.spend(workspace, tokens, now());
        log.info({ workspace, what, model: secrets?.model, tokens, ms: Date.now() - started }, "model call");
        return value;
      } catch (error) {
        const failure = classify(error);
        log.warn(
          { workspace, what, model: secrets?.model, failure: failure.kind, ms: Date.now() - started },
          `model call failed: ${failure.message}`,
        );
        throw failure;
      }
    });
  }

  async function chatOnce(request: ChatRequest): Promise<{ value: ChatResult; tokens: number }> {
    const body = {
      model: secrets?.model as string,
      messages: request.messages,
      max_tokens: request.maxTokens,
    };
    const promptTokens = estimateTokens(request.messages.map((m) => m.content).join("\n"));
    const maxChars = request.maxChars ?? Number.POSITIVE_INFINITY;
    if (!request.stream) {
      const completion = await client.chat.completions.create(body);
      const text = completion.choices?.[0]?.message?.content;
      if (typeof text !== "string") throw new LlmError("the model's answer had no text", "invalid-response");
      const tokens = completion.usage?.total_tokens ?? promptTokens + estimateTokens(text);
      return {
        value: { text: text.slice(0, maxChars), tokens, model: completion.model ?? body.model },
        tokens,
      };
    }
    const stream = await client.chat.completions.create({
      ...body,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let tokens: number | undefined;
    let model = body.model;
    for await (const chunk of stream) {
      text += chunk.choices?.[0]?.delta?.content ?? "";
      if (chunk.usage?.total_tokens) tokens = chunk.usage.total_tokens;
      if (chunk.model) model = chunk.model;
      // Enough read: stop the server generating more than will be shown.
      if (text.length >= maxChars) {
        stream.controller.abort();
        break;
      }
    }
    const value = { text: text.slice(0, maxChars), tokens: 0, model };
    value.tokens = tokens ?? promptTokens + estimateTokens(text);
    return { value, tokens: value.tokens };
  }

  const model: LanguageModel = {
    model: secrets.model,
    chat(request) {
      const estimate = estimateTokens(request.messages.map((m) => m.content).join("\n")) + request.maxTokens;
      return metered(request.workspace, estimate, "chat", () => chatOnce(request));
    },
  };
  const embeddingsModel = secrets.embeddingsModel;
  if (embeddingsModel) {
    model.embed = (workspace, texts) =>
      metered(workspace, estimateTokens(texts.join("\n")), "embeddings", async () => {
        // Floats, not the SDK's default base64: Ollama and llama.cpp answer floats whatever is asked.
        const response = await client.embeddings.create({
          model: embeddingsModel,
          input: [...texts],
          encoding_format: "float",
        });
        const vectors = [...(response.data ?? [])].sort((a, b) => a.index - b.index).map((d) => d.embedding);
        if (vectors.length !== texts.length || vectors.some((v) => !Array.isArray(v)))
          throw new LlmError("the embeddings answer did not match the texts sent", "invalid-response");
        return { value: vectors, tokens: response.usage?.total_tokens ?? estimateTokens(texts.join("\n")) };
      });
  }
  return model;
}
