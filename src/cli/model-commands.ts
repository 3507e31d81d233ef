// `paperbot summarize ID --language de` and `paperbot ask ID "question"`: the language model from the terminal.
import type { Command } from "commander";
import type { Config } from "../config.js";
import { UserError } from "../errors.js";
import type { PaperAnswer } from "../llm/ask.js";
import { describeLanguage, parseLanguageSetting } from "../llm/language.js";
import { LlmError } from "../llm/port.js";
import type { ModelServices } from "../llm/services.js";
import type { Paper } from "../papers/paper.js";
import type { Store } from "../store/store.js";

/** The command line's budget holder: its calls count against one "cli" allowance a day. */
const CLI_WORKSPACE = "cli";

export interface ModelCommandDeps {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  now: () => Date;
  config: () => Config;
  /** A store that can keep generated TL;DRs (takes the data directory's lock). */
  openWriter: (config: Config, command: string) => Promise<Store>;
  /** A store to read while another process (the bot) holds the lock. */
  openReader: (config: Config) => Promise<Store>;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The model for a command that needs one; loaded here, so `paperbot --help` never loads the model's SDK. */
async function requireModel(deps: ModelCommandDeps, config: Config, store: Store): Promise<ModelServices> {
  const [{ createLogger }, { createModelServices }] = await Promise.all([
    import("../log.js"),
    import("../llm/services.js"),
  ]);
  const log = createLogger({ level: deps.env.LOG_LEVEL ?? "error" });
  const services = createModelServices({
    secrets: config.secrets.llm,
    settings: config.settings,
    store,
    log,
    now: deps.now,
  });
  if (!services) {
    throw new UserError(
      "no-model",
      "No language model is configured.",
      "Set PAPERBOT_LLM_URL and PAPERBOT_LLM_MODEL (README, Using a language model), e.g. http://127.0.0.1:11434/v1 and llama3.2 for Ollama.",
    );
  }
  return services;
}

function requirePaperById(store: Store, id: string): Paper {
  const paper = store.corpus.find(id);
  if (!paper) {
    throw new UserError(
      "no-such-paper",
      `No paper with id "${id}".`,
      "Find ids with `paperbot list` or `paperbot search`.",
    );
  }
  return paper;
}

/** The writable store when the data directory is free, else a read-only one (the TL;DR is then not kept). */
async function storeForWriting(deps: ModelCommandDeps, config: Config): Promise<Store> {
  try {
    return await deps.openWriter(config, "summarize");
  } catch (error) {
    if (error instanceof UserError && error.code !== "store-unreadable" && error.code !== "store-version")
      return deps.openReader(config);
    throw error;
  }
}

export function registerModelCommands(program: Command, deps: ModelCommandDeps): void {
  program
    .command("summarize")
    .description("a paper's TL;DR in a language, written by the language model (kept for the bot)")
    .argument("<id>", "paper id or arXiv id")
    .requiredOption("--language <tag>", "a BCP 47 tag such as de, fr or pt-BR")
    .option("--json", "print JSON")
    .action(async (id: string, options: { language: string; json?: boolean }) => {
      const language = parseLanguageSetting(options.language);
      if (language === "off" || language === "auto")
        throw new UserError(
          "bad-language",
          `--language needs a language tag, not "${language}".`,
          "E.g. --language de.",
        );
      const config = deps.config();
      const store = await storeForWriting(deps, config);
      const paper = requirePaperById(store, id);
      const llm = await requireModel(deps, config, store);
      const cached = llm.tldrs.cached(paper.id, language);
      const tldr = cached ?? (await llm.tldrs.write(paper, language, CLI_WORKSPACE));
      const result = tldr
        ? {
            id: paper.id,
            language,
            source: "model",
            tldr: tldr.text,
            model: tldr.model,
            cached: Boolean(cached),
          }
        : { id: paper.id, language: "en", source: "extractive", tldr: paper.tldr ?? "", cached: false };
      if (options.json) deps.stdout(json(result));
      else
        deps.stdout(
          `${paper.title}\nTL;DR (${tldr ? describeLanguage(language) : "English, extractive"}): ${result.tldr}\n`,
        );
      if (!tldr)
        deps.stderr(
          "paperbot: the language model gave no TL;DR (see the log); this is the extractive one.\n",
        );
    });

  program
    .command("ask")
    .description("ask the language model about a paper; it answers from the title and abstract only")
    .argument("<id>", "paper id or arXiv id")
    .argument("<question...>", "your question")
    .option("--json", "print JSON")
    .action(async (id: string, words: string[], options: { json?: boolean }) => {
      const config = deps.config();
      const store = await deps.openReader(config);
      const paper = requirePaperById(store, id);
      const llm = await requireModel(deps, config, store);
      // Loaded here: its sentence splitter (Intl.Segmenter) costs every other command's start, --help's too.
      const { askAboutPaper, describeAnswer } = await import("../llm/ask.js");
      let answer: PaperAnswer;
      try {
        answer = await askAboutPaper(llm.model, paper, words.join(" "), {
          workspace: CLI_WORKSPACE,
          maxChars: llm.settings.maxAnswerChars,
        });
      } catch (error) {
        if (error instanceof LlmError)
          throw new UserError(
            "model-failed",
            `The language model did not answer: ${error.message}.`,
            "Try again; LOG_LEVEL=debug shows each attempt.",
          );
        throw error;
      }
      deps.stdout(options.json ? json(answer) : `${describeAnswer(answer, paper.title)}\n`);
    });
}
