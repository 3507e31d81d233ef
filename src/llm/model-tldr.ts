// Model TL;DRs in a language: generated once per paper and language, kept in the store, and never a failure anyone sees.
import type { Logger } from "../log.js";
import type { Paper } from "../papers/paper.js";
import type { ModelTldr } from "../store/records.js";
import type { Store } from "../store/store.js";
import { cleanModelText } from "./model-text.js";
import { type LanguageModel, LlmError } from "./port.js";
import { tldrMessages } from "./prompts.js";
import { estimateTokens } from "./token-budget.js";

export interface TldrWriterDeps {
  store: Store;
  model: LanguageModel;
  log: Logger;
  now: () => Date;
  /** The longest TL;DR kept (the extractive TL;DR's limit, settings.summary.maxChars). */
  maxChars: number;
}

export interface TldrWriter {
  /** The stored TL;DR of a paper in a language, if one was generated before. */
  cached(paperId: string, language: string): ModelTldr | undefined;
  /**
   * The paper's TL;DR in `language`: the stored one, else one generated now and stored (one model call
   * however many ask at once). Undefined when the model fails, refuses or is over budget: the caller
   * shows the extractive TL;DR instead; the failure is logged.
   */
  write(paper: Paper, language: string, workspace: string): Promise<ModelTldr | undefined>;
}

export function createTldrWriter(deps: TldrWriterDeps): TldrWriter {
  const { store, model, now, maxChars } = deps;
  const log = deps.log.child({ component: "llm-tldr" });
  const inFlight = new Map<string, Promise<ModelTldr | undefined>>();

  async function generate(paper: Paper, language: string, workspace: string): Promise<ModelTldr | undefined> {
    try {
      const result = await model.chat({
        workspace,
        messages: tldrMessages(paper, language, maxChars),
        // Room for the TL;DR in any script (some take several tokens a character), no more.
        maxTokens: Math.max(64, estimateTokens("x".repeat(maxChars)) * 3),
        maxChars: maxChars * 2,
      });
      const text = cleanModelText(result.text, maxChars);
      if (text === "") throw new LlmError("the model wrote an empty TL;DR", "invalid-response");
      const tldr: ModelTldr = {
        paperId: paper.id,
        language,
        text,
        model: result.model,
        createdAt: now().toISOString(),
      };
      // A TL;DR that could not be stored (a read-only store, a failed write) is still a good TL;DR.
      await store
        .putModelTldr(tldr)
        .catch((error: unknown) =>
          log.warn({ err: error, paperId: paper.id, language }, "a model TL;DR could not be stored"),
        );
      return tldr;
    } catch (error) {
      log.warn(
        { err: error, paperId: paper.id, language, failure: (error as LlmError).kind },
        "no model TL;DR; the extractive one is shown",
      );
      return undefined;
    }
  }

  return {
    cached: (paperId, language) => store.modelTldr(paperId, language),
    write(paper, language, workspace) {
      const stored = store.modelTldr(paper.id, language);
      if (stored) return Promise.resolve(stored);
      const key = `${paper.id}\u0000${language}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = generate(paper, language, workspace).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}
