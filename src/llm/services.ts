// What the optional language model offers the rest of paperbot, built once when an endpoint is configured.
import type { LlmSecrets, Settings } from "../config.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/store.js";
import { createTldrWriter, type TldrWriter } from "./model-tldr.js";
import { createLanguageModel } from "./openai-model.js";
import type { LanguageModel } from "./port.js";

export interface ModelServices {
  model: LanguageModel;
  tldrs: TldrWriter;
  settings: Settings["llm"];
}

/** The model's services, or undefined when PAPERBOT_LLM_URL is unset: then nothing is built and nothing is sent. */
export function createModelServices(options: {
  secrets: LlmSecrets | undefined;
  settings: Settings;
  store: Store;
  log: Logger;
  now: () => Date;
  fetch?: typeof fetch;
}): ModelServices | undefined {
  const { settings, store, log, now } = options;
  const model = createLanguageModel({
    secrets: options.secrets,
    settings: settings.llm,
    log,
    now,
    fetch: options.fetch,
  });
  if (!model) return undefined;
  const tldrs = createTldrWriter({ store, model, log, now, maxChars: settings.summary.maxChars });
  return { model, tldrs, settings: settings.llm };
}
