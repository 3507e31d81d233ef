// A question put to the bot in the thread of (or in reply to) a paper it posted: answered there, with the thread's earlier turns.
import { UserError } from "../errors.js";
import { askAboutPaper, describeAnswer } from "../llm/ask.js";
import { LlmError } from "../llm/port.js";
import { boundedTurns } from "../llm/thread-memory.js";
import { workspaceKey } from "../places.js";
import { noModel, unanswered } from "./commands/ask.js";
import type { CoreDeps } from "./deps.js";
import type { BotEvent, MessageRef, Respond } from "./port.js";

export type QuestionEvent = Extract<BotEvent, { type: "question" }>;

const NOT_A_PAPER = new UserError(
  "not-a-paper-thread",
  "I answer questions in the thread of a paper I posted, and this is not one.",
  "Mention me in the thread of one of my paper messages, or type `/papers ask <paper id> <question>`.",
);

const NO_QUESTION = new UserError(
  "missing-question",
  "What would you like to know about this paper?",
  "Mention me with a question, e.g. `@paperbot what data do they train on?`.",
);

function sameWorkspace(ref: MessageRef, event: QuestionEvent): boolean {
  return ref.platform === event.actor.platform && ref.workspaceId === event.actor.workspaceId;
}

/**
 * Answers `event` in its place (the thread) when it is about a one-paper message the bot posted, or a
 * conversation the bot answered in. A reply to any other message is ignored unless the bot was named,
 * and then gets a private hint. User errors are thrown for the bot's error boundary to answer privately.
 */
export async function answerThreadQuestion(
  deps: CoreDeps,
  event: QuestionEvent,
  respond: Respond,
): Promise<void> {
  const { store, llm } = deps;
  const about = event.about && sameWorkspace(event.about, event) ? event.about : undefined;
  const conversation = about ? llm?.threads.find(about) : undefined;
  const root = conversation?.root ?? about;
  const post = root ? store.findPost(root) : undefined;
  if (!root || (!conversation && !post)) {
    if (event.mentioned) throw NOT_A_PAPER;
    return;
  }
  if (!llm) throw noModel();
  const paperIds = conversation ? [conversation.paperId] : (post?.paperIds ?? []);
  if (paperIds.length !== 1) {
    throw new UserError(
      "several-papers",
      `That message lists ${paperIds.length} papers, so I cannot tell which one you mean.`,
      `Ask about one with \`/papers ask <paper id> <question>\`: ${paperIds.slice(0, 10).join(", ")}.`,
    );
  }
  const paper = store.corpus.find(paperIds[0] as string);
  if (!paper)
    throw new UserError(
      "unknown-paper",
      "That paper is no longer in my library.",
      "Try `/papers search` for it.",
    );
  const question = event.text.trim();
  if (question === "") throw NO_QUESTION;

  let answer: Awaited<ReturnType<typeof askAboutPaper>>;
  try {
    answer = await askAboutPaper(llm.model, paper, question, {
      workspace: workspaceKey(event.place.platform, event.place.workspaceId),
      maxChars: llm.settings.maxAnswerChars,
      earlier: boundedTurns(conversation?.turns ?? []),
    });
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    await respond({ text: unanswered(error), visibility: "private" });
    return;
  }
  const posted = await respond({ text: describeAnswer(answer, paper.title), visibility: "channel" });
  const at = deps.now().toISOString();
  await llm.threads.add(root, paper.id, { question: answer.question, answer: answer.answer, at }, posted);
}
