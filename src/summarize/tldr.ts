// Makes a paper's TL;DR: the abstract's contribution sentence (plus its key result when both fit).
import { cleanLatex } from "../papers/clean-latex.js";
import { trimAtClause } from "./clause-trim.js";
import { DEPENDENT, type ScoredSentence, scoreSentence, titleWords } from "./sentence-score.js";
import { splitSentences } from "./sentences.js";

export const TLDR_MAX_CHARS = 280;

export interface TldrOptions {
  /** The most characters the TL;DR may have, the ellipsis included. */
  maxChars?: number;
  /** The paper's title, when known: a sentence naming the title's subject is likelier the contribution. */
  title?: string;
}

/**
 * How far below the best sentence a whole one may score and still be preferred over trimming the best: a
 * sentence cut short with "…" reads worse than a slightly weaker whole one.
 */
const TRIM_MARGIN = 3;

/** Openers that only link to the sentence before ("Next,", "Regarding data,"); a one-liner reads better without them. */
const CONNECTIVE =
  /^(?:furthermore|moreover|additionally|in addition|finally|specifically|in particular|concretely|overall|in contrast|therefore|thus|hence|instead|as a result|to this end|to that end|in this context|here|in this (?:paper|work|study|article)|in this work|next|then|first(?:ly)?|second(?:ly)?|third(?:ly)?|last(?:ly)?|regarding [^,]{1,50}|based on (?:the|this|these|our|such) [^,]{1,50}|motivated by [^,]{1,50}|building on [^,]{1,50}|with this [^,]{1,30}|on this basis)\s*,\s*/i;

/** Abstract text as plain prose: LaTeX read, and no `$ \ { }` left even where LaTeX was not the cause. */
export function readableText(abstract: string): string {
  return (
    cleanLatex(abstract)
      // A price ("$534,700") keeps its meaning without the dollar sign.
      .replace(/\$\s?(\d[\d,.]*)/g, "USD $1")
      .replace(/[$\\{}]/g, "")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** A lead-in that points back ("To address these challenges, we …"), meaningless on its own. */
const BACK_REFERENCE =
  /^[^,]{0,60}\b(?:this|these|that|those|such|above|them|it)\b[^,]{0,30},\s*(?=(?:we|this paper|this work|our)\b)/i;

function withoutConnective(sentence: string): string {
  const rest = sentence.replace(CONNECTIVE, "").replace(BACK_REFERENCE, "");
  if (rest === sentence || rest.length === 0) return sentence;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * The statement before a colon that opens a list or an explanation ("… with three techniques: 1) …"),
 * ended with a full stop: a whole claim, where a cut would end in "…". Undefined when none fits.
 */
function beforeColon(sentence: string, maxChars: number): string | undefined {
  let depth = 0;
  for (let at = 0; at < sentence.length && at < maxChars; at++) {
    const char = sentence[at];
    if (char === "(" || char === "[") depth++;
    else if ((char === ")" || char === "]") && depth > 0) depth--;
    else if (char === ":" && depth === 0 && sentence[at + 1] === " " && at >= 60) {
      return `${sentence.slice(0, at).trimEnd()}.`;
    }
  }
  return undefined;
}

function byScore(a: ScoredSentence, b: ScoredSentence): number {
  return b.score - a.score || a.index - b.index;
}

/** A later sentence worth adding to the chosen one: its key result, if it fits beside it. */
function companionFor(
  primary: ScoredSentence,
  sentences: ScoredSentence[],
  maxChars: number,
): ScoredSentence | undefined {
  const room = maxChars - primary.text.length - 1;
  const candidates = sentences.filter(
    (s) =>
      s.index > primary.index &&
      s.text.length <= room &&
      !DEPENDENT.test(s.text) &&
      (s.hasResult || (s.isContribution && s.score >= 2)),
  );
  const worth = (s: ScoredSentence) =>
    s.score + (s.hasResult ? 1 : 0) + (s.index === primary.index + 1 ? 0.5 : 0);
  return candidates.sort((a, b) => worth(b) - worth(a) || a.index - b.index)[0];
}

/**
 * A TL;DR of at most `maxChars` characters built from whole sentences of the abstract; when no
 * sentence fits, the best one cut at a clause boundary and ended with "…". "" when nothing fits.
 */
export function makeTldr(abstract: string, options: TldrOptions = {}): string {
  const maxChars = Math.floor(options.maxChars ?? TLDR_MAX_CHARS);
  if (!(maxChars > 0)) return "";
  const raw = splitSentences(readableText(abstract));
  const title = titleWords(options.title ?? "");
  const scored = raw
    .map((text, index) => ({
      ...scoreSentence(text, index, raw.length, title),
      text: withoutConnective(text),
    }))
    .filter((s) => s.text !== "");
  const ranked = [...scored].sort(byScore);
  const best = ranked[0];
  if (best === undefined) return "";
  const fitting = ranked.find((s) => s.text.length <= maxChars);
  if (fitting === undefined || fitting.score < best.score - TRIM_MARGIN) {
    return beforeColon(best.text, maxChars) ?? (trimAtClause(best.text, maxChars) || (fitting?.text ?? ""));
  }
  const companion = companionFor(fitting, scored, maxChars);
  return companion ? `${fitting.text} ${companion.text}` : fitting.text;
}
