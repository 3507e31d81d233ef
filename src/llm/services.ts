// What the optional language model offers the rest of paperbot, built once when an endpoint is configured.
import type { LlmSecrets, Settings } from "../config.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/store.js";
import { type ModelState, openModelState } from "./model-state.js";
import { createTldrWriter, type TldrWriter } from "./model-tldr.js";
import { createLanguageModel } from "./openai-model.js";
import type { LanguageModel } from "./port.js";
import { createThreadMemory, type ThreadMemory } from "./thread-memory.js";

export interface ModelServices {
  model: LanguageModel;
  tldrs: TldrWriter;
  /** The earlier turns of each paper thread's conversation. */
  threads: ThreadMemory;
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
  /** What a restart keeps (openModelState on the data directory); everything in memory without it. */
  state?: ModelState;
}): ModelServices | undefined {
  const { settings, store, log, now } = options;
  const model = createLanguageModel({
    secrets: options.secrets,
    settings: settings.llm,
    log,
    now,
    fetch: options.fetch,
    budget: { initial: options.state?.budget, persist: options.state?.persistBudget },
  });
  if (!model) return undefined;
  const tldrs = createTldrWriter({ store, model, log, now, maxChars: settings.summary.maxChars });
  const threads = createThreadMemory(options.state?.threads, options.state?.persistThreads);
  return { model, tldrs, threads, settings: settings.llm };
}

/**
 * The model's services with what a restart keeps (today's spending, thread conversations) read from
 * and written to `dataDir`; undefined, touching no file, when no endpoint is configured.
 */
export async function openModelServices(
  options: Omit<Parameters<typeof createModelServices>[0], "state"> & { dataDir: string },
): Promise<ModelServices | undefined> {
  if (!options.secrets) return undefined;
  const state = await openModelState(options.dataDir, options.log.child({ component: "llm" }));
  return createModelServices({ ...options, state });
}
