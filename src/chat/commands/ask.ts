// `/papers ask <id> <question>`: the language model answers from the paper's title, abstract and metadata only.
import { UserError } from "../../errors.js";
import { askAboutPaper, describeAnswer } from "../../llm/ask.js";
import { LlmError } from "../../llm/port.js";
import type { CommandContext } from "../context.js";
import type { Reply } from "../port.js";
import { requirePaper } from "../saving.js";

/** Why a question got no answer, for the person who asked (the details are logged). */
export function unanswered(error: LlmError): string {
  if (error.kind === "budget")
    return "This workspace has used today's language model allowance; ask again tomorrow (UTC).";
  return "The language model did not answer just now; please ask again in a minute.";
}

/** The one-line answer to any question when no model is configured (nothing is sent anywhere). */
export function noModel(): UserError {
  return new UserError(
    "no-model",
    "No language model is configured on this paperbot, so it cannot answer questions.",
    "An operator can set PAPERBOT_LLM_URL and PAPERBOT_LLM_MODEL (README, Using a language model); `/papers show` has the abstract.",
  );
}

export async function askCommand(context: CommandContext, args: string): Promise<Reply> {
  const match = /^(\S+)\s+([\s\S]*\S)\s*$/.exec(args.trim());
  if (!match) {
    throw new UserError(
      "missing-question",
      "Which paper, and what do you want to know?",
      "Type `/papers ask <paper id> <question>`, e.g. `/papers ask p114be9465e what data do they train on?`.",
    );
  }
  const paper = requirePaper(context.deps.store, match[1] as string);
  const llm = context.deps.llm;
  if (!llm) throw noModel();
  try {
    const answer = await askAboutPaper(llm.model, paper, match[2] as string, {
      workspace: context.workspace,
      maxChars: llm.settings.maxAnswerChars,
    });
    return { text: describeAnswer(answer, paper.title), visibility: "channel" };
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return { text: unanswered(error), visibility: "private" };
  }
}
