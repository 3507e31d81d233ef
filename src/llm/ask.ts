// Questions about one paper, answered by the model from its title, abstract and metadata only, with the sentence relied on checked.
import type { Paper } from "../papers/paper.js";
import { splitSentences } from "../summarize/sentences.js";
import { capText, cleanModelText } from "./model-text.js";
import type { LanguageModel } from "./port.js";
import { askMessages, type EarlierTurn } from "./prompts.js";
import { estimateTokens } from "./token-budget.js";

/** The longest question passed on: a question, not a document. */
export const MAX_QUESTION_CHARS = 500;

export interface PaperAnswer {
  paperId: string;
  question: string;
  /** False when the model says the abstract does not answer it. */
  answered: boolean;
  answer: string;
  /** The abstract's sentence the answer relies on, exactly as the abstract has it (checked). */
  quote?: string;
  /** The model quoted something that is not in the paper's title or abstract. */
  quoteNotFound: boolean;
  model: string;
}

interface ModelReply {
  answered: boolean;
  answer: string;
  quote: string;
}

/** Reads the model's JSON reply, tolerating prose or code fences around it; plain text is taken as the answer. */
export function parseModelReply(text: string): ModelReply {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start >= 0 && end > start) {
    try {
      const value = JSON.parse(text.slice(start, end + 1)) as Record<string, unknown>;
      if (typeof value.answer === "string") {
        return {
          answered: value.answered !== false,
          answer: value.answer,
          quote: typeof value.quote === "string" ? value.quote : "",
        };
      }
    } catch {
      // not JSON after all: the whole text is the answer
    }
  }
  return { answered: true, answer: text, quote: "" };
}

/** Lower case, letters and digits only: a quote matches whatever its spacing, quotes and punctuation. */
function comparable(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The sentence of the paper's title or abstract that contains `quote`, in the paper's own words, or
 * undefined when the quote is not there: a model's quote is never shown unless the paper says it.
 */
export function findQuotedSentence(paper: Paper, quote: string): string | undefined {
  const wanted = comparable(quote);
  if (wanted.length < 8) return undefined;
  const sentences = [paper.title, ...splitSentences(paper.abstract)];
  const exact = sentences.find((sentence) => comparable(sentence).includes(wanted));
  if (exact) return exact;
  // A quote that runs over a sentence break: the first sentence it starts in.
  const whole = comparable([paper.title, paper.abstract].join(" "));
  if (!whole.includes(wanted)) return undefined;
  const head = wanted.split(" ").slice(0, 6).join(" ");
  return sentences.find((sentence) => comparable(sentence).includes(head));
}

export async function askAboutPaper(
  model: LanguageModel,
  paper: Paper,
  question: string,
  options: { workspace: string; maxChars: number; earlier?: readonly EarlierTurn[] },
): Promise<PaperAnswer> {
  const asked = capText(question.replace(/\s+/g, " ").trim(), MAX_QUESTION_CHARS);
  const result = await model.chat({
    workspace: options.workspace,
    messages: askMessages(paper, asked, options.maxChars, options.earlier),
    maxTokens: Math.max(128, estimateTokens("x".repeat(options.maxChars)) * 3 + 200),
  });
  const reply = parseModelReply(result.text);
  const quote = reply.quote.trim() ? findQuotedSentence(paper, reply.quote) : undefined;
  return {
    paperId: paper.id,
    question: asked,
    answered: reply.answered,
    answer: cleanModelText(reply.answer, options.maxChars),
    quote,
    quoteNotFound: reply.quote.trim() !== "" && quote === undefined,
    model: result.model,
  };
}

/** The answer as a person reads it: what the abstract says (or that it does not), and the sentence it rests on. */
export function describeAnswer(answer: PaperAnswer, title: string): string {
  const lines = [`Q: ${answer.question}`, `About "${title}" [${answer.paperId}]:`];
  if (!answer.answered) lines.push("The abstract does not answer this.");
  if (answer.answer) lines.push(answer.answer);
  if (answer.quote) lines.push(`From the abstract: "${answer.quote}"`);
  else if (answer.quoteNotFound)
    lines.push(
      "The model quoted a sentence that is not in the abstract, so this answer is not backed by it.",
    );
  else if (answer.answered) lines.push("The model quoted no sentence of the abstract for this.");
  lines.push("Answered by a language model from the title and abstract only; check the paper.");
  return lines.join("\n");
}
