// Finds the paper a person named: an id, an arXiv id or link, an exact title, or the unambiguous start of one.
import { UserError } from "../errors.js";
import type { Corpus } from "../papers/corpus.js";
import type { Paper } from "../papers/paper.js";

/** Shorter starts ("a", "the") name too many papers to be meant as a title. */
const MIN_PREFIX_CHARS = 4;
const LISTED_WHEN_AMBIGUOUS = 3;

export const CHAT_FIND_HINT =
  "Find its id with `/papers search <words>`, or add it with `/papers add <arXiv id>`.";

export function findPaper(corpus: Corpus, reference: string, notFoundHint = CHAT_FIND_HINT): Paper {
  const text = reference.trim();
  const exact = corpus.find(text) ?? corpus.find(text.split(/\s+/)[0] ?? "");
  if (exact) return exact;
  const starting =
    text.length >= MIN_PREFIX_CHARS ? corpus.withTitleStarting(text, LISTED_WHEN_AMBIGUOUS + 1) : [];
  if (starting.length === 1 && starting[0]) return starting[0];
  if (starting.length > 1) {
    const listed = starting
      .slice(0, LISTED_WHEN_AMBIGUOUS)
      .map((paper) => `"${paper.title.slice(0, 70)}" [${paper.id}]`)
      .join(", ");
    const more = starting.length > LISTED_WHEN_AMBIGUOUS ? " and more" : "";
    throw new UserError(
      "ambiguous-paper",
      `Several titles start with "${text.slice(0, 60)}": ${listed}${more}.`,
      "Type more of the title, or the id in brackets.",
    );
  }
  throw new UserError("no-such-paper", `I don't know a paper "${text.slice(0, 80)}".`, notFoundHint);
}
