// A local fake of an OpenAI-compatible API (chat completions, streamed or not, and embeddings) that fails on request.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  path: string;
  /** The Authorization header as sent (tests check the key goes here and nowhere else). */
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/** What the fake does with the next request, instead of answering normally. */
export type Fault =
  | { kind: "status"; status: number; retryAfter?: string; body?: string }
  /** Holds the request open and never answers (the client's timeout must end it). */
  | { kind: "hang" }
  /** A 200 whose body is not JSON (a proxy's error page, a cut-off answer). */
  | { kind: "malformed" };

export interface ChatMessageSeen {
  role: string;
  content: string;
}

/** How the fake answers a chat request: the default echoes the last user message. */
export type Answerer = (messages: ChatMessageSeen[], body: Record<string, unknown>) => string;

export interface FakeOpenAi {
  /** The base URL to configure, `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The next request (or the next `times`) meets `fault`. */
  fail(fault: Fault, times?: number): void;
  answerWith(answerer: Answerer): void;
  /** How each text is embedded (default `fakeEmbedding`: deterministic, meaningless). */
  embedWith(embedder: (text: string) => number[]): void;
  /** Each chat answer is held this long before it is sent. */
  delayMs: number;
  /** Holds every chat answer until the returned function is called (to see what happens meanwhile). */
  holdAnswers(): () => void;
  /** The most chat requests it was answering at once. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

const DIMENSIONS = 8;

/** A deterministic unit vector for a text: the same text always gives the same vector. */
export function fakeEmbedding(text: string): number[] {
  const digest = createHash("sha256").update(text).digest();
  const raw = Array.from({ length: DIMENSIONS }, (_, i) => digest.readInt16BE(i * 2) / 32768);
  const norm = Math.hypot(...raw) || 1;
  return raw.map((x) => x / norm);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      data += chunk;
    });
    request.on("end", () => resolve(data));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const hanging = new Set<ServerResponse>();
  let inFlight = 0;
  let gate: Promise<void> = Promise.resolve();
  let answerer: Answerer = (messages) => `echo: ${messages.at(-1)?.content ?? ""}`;
  let embedder: (text: string) => number[] = fakeEmbedding;

  function chat(response: ServerResponse, body: Record<string, unknown>): void {
    const messages = (body.messages ?? []) as ChatMessageSeen[];
    const text = answerer(messages, body);
    const model = String(body.model ?? "fake-model");
    const prompt = tokensOf(messages.map((m) => m.content).join("\n"));
    const usage = {
      prompt_tokens: prompt,
      completion_tokens: tokensOf(text),
      total_tokens: prompt + tokensOf(text),
    };
    if (!body.stream) {
      sendJson(response, 200, {
        id: "chatcmpl-fake",
        object: "chat.completion",
        created: 0,
        model,
        choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
        usage,
      });
      return;
    }
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model, choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
    response.write(chunk({ role: "assistant", content: "" }));
    // A few characters an event, as a real server streams tokens.
    for (let i = 0; i < text.length; i += 5) response.write(chunk({ content: text.slice(i, i + 5) }));
    const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
    if (wantsUsage)
      response.write(
        `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model, choices: [], usage })}\n\n`,
      );
    response.end("data: [DONE]\n\n");
  }

  function embeddings(response: ServerResponse, body: Record<string, unknown>): void {
    const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
    sendJson(response, 200, {
      object: "list",
      model: String(body.model ?? "fake-embeddings"),
      data: input.map((text, index) => ({ object: "embedding", index, embedding: embedder(text) })),
      usage: { prompt_tokens: tokensOf(input.join("\n")), total_tokens: tokensOf(input.join("\n")) },
    });
  }

  const fake: FakeOpenAi = {
    url: "",
    requests,
    delayMs: 0,
    maxInFlight: 0,
    fail(fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push(fault);
    },
    answerWith(next) {
      answerer = next;
    },
    embedWith(next) {
      embedder = next;
    },
    holdAnswers() {
      let release: () => void = () => {};
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return release;
    },
    async close() {
      for (const response of hanging) response.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer(async (request, response) => {
    const raw = await readBody(request);
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      sendJson(response, 400, { error: { message: "bad json" } });
      return;
    }
    const path = (request.url ?? "").replace(/\?.*$/, "");
    requests.push({ path, authorization: request.headers.authorization, body });
    const fault = faults.shift();
    if (fault?.kind === "hang") {
      hanging.add(response);
      response.on("close", () => hanging.delete(response));
      return;
    }
    if (fault?.kind === "malformed") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"id": "chatcmpl-fake", "choices": [ {"message": ');
      return;
    }
    if (fault?.kind === "status") {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (fault.retryAfter !== undefined) headers["retry-after"] = fault.retryAfter;
      response.writeHead(fault.status, headers);
      response.end(
        fault.body ?? JSON.stringify({ error: { message: `fake ${fault.status}`, type: "fake" } }),
      );
      return;
    }
    if (path === "/v1/chat/completions") {
      inFlight += 1;
      (fake as { maxInFlight: number }).maxInFlight = Math.max(fake.maxInFlight, inFlight);
      try {
        if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
        await gate;
        chat(response, body);
      } finally {
        inFlight -= 1;
      }
      return;
    }
    if (path === "/v1/embeddings") {
      embeddings(response, body);
      return;
    }
    sendJson(response, 404, { error: { message: `no route ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  (fake as { url: string }).url = `http://127.0.0.1:${port}/v1`;
  return fake;
}
