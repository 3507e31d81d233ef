// Test helper: a language model configured against the local fake server, with its log captured.
import { Writable } from "node:stream";
import { loadConfig, type Settings } from "../../src/config.js";
import { createLanguageModel } from "../../src/llm/openai-model.js";
import type { LanguageModel } from "../../src/llm/port.js";
import { createLogger, type Logger } from "../../src/log.js";
import type { FakeOpenAi } from "../fakes/openai-server.js";

export const TEST_KEY = "sk-test-0123456789abcdefghijklmnop";

export function llmSettings(overrides: Partial<Settings["llm"]> = {}): Settings["llm"] {
  return { ...loadConfig({ env: {} }).settings.llm, timeoutMs: 2_000, maxRetries: 0, ...overrides };
}

/** A logger whose lines are kept in `lines`, at debug level so nothing is hidden from the test. */
export function capturedLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: "debug", destination }), lines };
}

export function modelFor(
  fake: FakeOpenAi,
  options: { settings?: Partial<Settings["llm"]>; now?: () => Date; log?: Logger; embeddings?: boolean } = {},
): LanguageModel {
  const model = createLanguageModel({
    secrets: {
      url: fake.url,
      model: "fake-chat",
      apiKey: TEST_KEY,
      embeddingsModel: options.embeddings === false ? undefined : "fake-embed",
    },
    settings: llmSettings(options.settings),
    log: options.log ?? capturedLog().log,
    now: options.now ?? (() => new Date("2026-03-02T10:00:00Z")),
  });
  if (!model) throw new Error("a configured model was expected");
  return model;
}
